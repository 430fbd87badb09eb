import ClinicDomain
import Foundation
import GRDB

/// A queued change: the row as JSON now, or nil when it was deleted.
public struct OutboxEntry: Equatable, Sendable {
    public let seq: Int64
    public let table: String
    public let rowKey: String
    public let payload: String?
}

/// What happened to one pulled patient.
public enum PulledPatient: Equatable, Sendable {
    case inserted, updated, unchanged
    /// This truck changed the patient since; its own push will merge first.
    case pendingHere
    /// Another record here holds the same SA ID or membership (registered twice).
    case duplicate(localFolder: String)
}

/// The truck's side of fleet sync, inside the caller's transactions.
public enum SyncStore {
    /// Queued changes, oldest first, with each row's current content as a JSON object.
    public static func pending(limit: Int, in db: Database) throws -> [OutboxEntry] {
        let queued = try Row.fetchAll(
            db, sql: "SELECT seq, tableName, rowKey FROM syncOutbox ORDER BY seq LIMIT ?", arguments: [limit])
        return try queued.map { row in
            let table: String = row["tableName"], key: String = row["rowKey"]
            return OutboxEntry(seq: row["seq"], table: table, rowKey: key, payload: try json(table: table, key: key, in: db))
        }
    }

    /// The row of `table` with key `key` as a JSON object, nil if there is none.
    public static func json(table: String, key: String, in db: Database) throws -> String? {
        guard let keyColumn = SyncTables.keys.first(where: { $0.table == table })?.key else { return nil }
        let columns = try db.columns(in: table).map(\.name)
        let pairs =
            (columns.map { "'\($0)', \($0.quotedDatabaseIdentifier)" }
            + (SyncTables.references[table] ?? []).map { "'\($0.field)', \($0.sql)" }).joined(separator: ", ")
        return try String.fetchOne(
            db, sql: "SELECT json_object(\(pairs)) FROM \(table) WHERE \(keyColumn.quotedDatabaseIdentifier) = ?",
            arguments: [key])
    }

    /// Removes pushed entries (a row changed again meanwhile has a new seq and stays).
    public static func markPushed(_ seqs: [Int64], in db: Database) throws {
        for chunk in stride(from: 0, to: seqs.count, by: 500).map({ Array(seqs[$0..<min($0 + 500, seqs.count)]) }) {
            try db.execute(
                sql: "DELETE FROM syncOutbox WHERE seq IN (\(chunk.map { _ in "?" }.joined(separator: ",")))",
                arguments: StatementArguments(chunk))
        }
    }

    /// How many changes wait to be pushed.
    public static func waiting(in db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM syncOutbox") ?? 0
    }

    public static func state(_ key: String, in db: Database) throws -> String? {
        try String.fetchOne(db, sql: "SELECT value FROM syncState WHERE key = ?", arguments: [key])
    }

    public static func setState(_ key: String, _ value: String, in db: Database) throws {
        try db.execute(
            sql: "INSERT INTO syncState(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            arguments: [key, value])
    }

    /// The demographics the central database last had for a patient (the merge base).
    public static func base(of patientId: String, in db: Database) throws -> String? {
        try String.fetchOne(db, sql: "SELECT payload FROM syncBase WHERE patientId = ?", arguments: [patientId])
    }

    public static func setBase(_ payload: String, of patientId: String, in db: Database) throws {
        try db.execute(
            sql:
                "INSERT INTO syncBase(patientId, payload) VALUES (?, ?) ON CONFLICT(patientId) DO UPDATE SET payload = excluded.payload",
            arguments: [patientId, payload])
    }

    /// Runs `body` with the outbox triggers switched off: rows written are the central
    /// database's, not this truck's changes.
    public static func applying<T>(in db: Database, _ body: () throws -> T) throws -> T {
        try db.execute(sql: "UPDATE syncFlag SET applying = 1")
        let result = try body()
        // Not in a `defer`: if switching the triggers back on failed, the transaction must fail
        // too, or later changes here would never be queued. A failed body rolls back anyway.
        try db.execute(sql: "UPDATE syncFlag SET applying = 0")
        return result
    }

    /// Applies a patient as the central database holds it (call inside `applying`).
    public static func applyPatient(_ payload: String, in db: Database) throws -> PulledPatient {
        var record = try PatientRecord(row: row(payload))
        record.apply(record.details)  // search keys follow the names
        if try isPending(table: "patient", key: record.id, in: db) { return .pendingHere }
        let existing = try PatientRecord.fetchOne(db, key: record.id)
        if existing == nil,
            let clash = try PatientRecord.filter(
                (record.saID != nil && PatientRecord.Columns.saID == record.saID)
                    || (record.membershipNumber != nil && PatientRecord.Columns.membershipNumber == record.membershipNumber
                        && PatientRecord.Columns.dependantCode == record.dependantCode)
            ).fetchOne(db)
        {
            return .duplicate(localFolder: clash.folderNumber)
        }
        try setBase(payload, of: record.id, in: db)
        if existing == record { return .unchanged }
        try record.save(db)
        return existing == nil ? .inserted : .updated
    }

    /// Applies a background item pulled from another truck once, under a local id.
    public static func applyBackground(centralKey: String, _ payload: String, in db: Database) throws {
        guard try origin(table: "patientBackground", centralKey: centralKey, in: db) == nil else { return }
        var item = try BackgroundItem(row: row(payload))
        guard try PatientRecord.exists(db, key: item.patientId) else { return }
        item.id = nil
        let saved = try PatientRepository.addBackground(item, in: db)
        try setOrigin(table: "patientBackground", centralKey: centralKey, localKey: String(saved.id ?? 0), in: db)
    }

    /// Whether a change of this row waits in the outbox (this truck's version goes first).
    static func isPending(table: String, key: String, in db: Database) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT 1 FROM syncOutbox WHERE tableName = ? AND rowKey = ?", arguments: [table, key])
            ?? false
    }

    /// The local key a pulled row was stored or matched under, if it was.
    static func origin(table: String, centralKey: String, in db: Database) throws -> String? {
        try String.fetchOne(
            db, sql: "SELECT localKey FROM syncOrigin WHERE tableName = ? AND centralKey = ?", arguments: [table, centralKey])
    }

    static func setOrigin(table: String, centralKey: String, localKey: String, in db: Database) throws {
        try db.execute(
            sql: "INSERT OR REPLACE INTO syncOrigin(tableName, centralKey, localKey) VALUES (?, ?, ?)",
            arguments: [table, centralKey, localKey])
    }

    /// This truck's id for a patient another truck registered: the same id when pulled, or
    /// the local record of the same person when it was registered here too (the duplicate
    /// listed in the conflict list); nil when the patient is not here.
    static func localPatient(_ centralId: String, in db: Database) throws -> String? {
        if try PatientRecord.exists(db, key: centralId) { return centralId }
        return try String.fetchOne(
            db, sql: "SELECT patientId FROM syncConflict WHERE id = ?", arguments: ["duplicate-\(centralId)"])
    }

    /// A JSON object as a GRDB row, so records decode it as they decode table rows.
    /// `defaults` fill columns a truck on an older schema did not send.
    static func row(_ payload: String, defaults: [String: Int64] = [:]) throws -> Row {
        guard let object = JSONDocument.fields(payload) else {
            throw DatabaseError(message: "a synced row is not a JSON object")
        }
        var filled = object
        for (column, value) in defaults where filled[column] == nil { filled[column] = .integer(value) }
        return Row(
            filled.mapValues { value -> (any DatabaseValueConvertible)? in
                switch value {
                case .text(let text): text
                case .integer(let number): number
                case .real(let number): number
                case .bool(let flag): flag ? Int64(1) : Int64(0)
                case .null, .array, .object: nil
                }
            })
    }
}
