import ClinicDomain
import Foundation
import GRDB

/// One row of the append-only, hash-chained audit log.
public struct AuditEntry: Codable, Equatable, Sendable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "auditEntry"

    public var id: Int64
    public var at: Timestamp
    public var actor: String
    public var action: String
    public var patientID: String?
    public var detail: String
    public var prevHash: String
    public var hash: String

    /// SHA-256 over this row's content and the previous row's hash, hex encoded.
    static func chainHash(
        id: Int64, at: String, actor: String, action: String,
        patientID: String?, detail: String, prevHash: String
    ) -> String {
        let fields = [String(id), at, actor, action, patientID ?? "", detail, prevHash]
        // Length-prefix each field so no two different rows can serialise alike.
        let canonical = fields.map { "\($0.utf8.count):\($0)" }.joined(separator: "|")
        return SHA256Hex.of(canonical)
    }

    /// The hash this row should carry given its content.
    var expectedHash: String {
        Self.chainHash(
            id: id, at: at.text, actor: actor, action: action,
            patientID: patientID, detail: detail, prevHash: prevHash)
    }
}

/// Appends to and verifies the audit chain. The table's triggers refuse UPDATE and DELETE.
public enum AuditLog {
    /// Hash standing before the first row.
    public static let genesisHash = String(repeating: "0", count: 64)

    /// Appends one row inside the caller's write transaction and returns it.
    @discardableResult
    public static func append(
        actor: String, action kind: AuditAction, patientID: String? = nil,
        detail: String = "", at date: Date, in db: Database
    ) throws -> AuditEntry {
        let action = kind.rawValue
        let last = try Row.fetchOne(db, sql: "SELECT id, hash FROM auditEntry ORDER BY id DESC LIMIT 1")
        let id: Int64 = (last?["id"] ?? 0) + 1
        let prevHash: String = last?["hash"] ?? genesisHash
        let at = Timestamp.string(date)
        let hash = AuditEntry.chainHash(
            id: id, at: at, actor: actor, action: action,
            patientID: patientID, detail: detail, prevHash: prevHash)
        let entry = AuditEntry(
            id: id, at: Timestamp(text: at), actor: actor, action: action, patientID: patientID,
            detail: detail, prevHash: prevHash, hash: hash)
        try entry.insert(db)
        return entry
    }

    /// The outcome of walking the whole chain.
    public enum Verification: Equatable, Sendable {
        /// The chain holds `rows` audit rows and `sealedRows` clinical rows match their seals.
        case intact(rows: Int, sealedRows: Int)
        /// The first audit row that does not fit the chain, and why.
        case broken(rowID: Int64, reason: String)
        /// A clinical row edited, added or deleted behind the program's back.
        case tampered(Seals.Problem)
    }

    /// Walks the chain from the first row and reports the first row that was edited,
    /// deleted, inserted or moved behind the program's back; then checks every clinical
    /// row against its seal (`Seals`).
    public static func verify(in db: Database, progress: WorkProgress? = nil) throws -> Verification {
        let chain = try verifyChain(in: db, progress: progress)
        guard case .intact(let rows, _) = chain else { return chain }
        let (sealed, problem) = try Seals.verify(in: db, progress: progress)
        if let problem { return .tampered(problem) }
        return .intact(rows: rows, sealedRows: sealed)
    }

    /// Checks the chain row by row; reports every 10,000 rows to `progress` and stops when it is cancelled.
    private static func verifyChain(in db: Database, progress: WorkProgress?) throws -> Verification {
        var expectedPrev = genesisHash
        var expectedID: Int64 = 1
        var count = 0
        let total = progress == nil ? 0 : try AuditEntry.fetchCount(db)
        let cursor = try AuditEntry.order(AuditEntry.Columns.id).fetchCursor(db)
        while let entry = try cursor.next() {
            if let progress, count % 10_000 == 0 {
                try progress.checkCancelled()
                progress.report(count, of: total, "audit rows")
            }
            if entry.id != expectedID {
                return .broken(rowID: entry.id, reason: "row \(expectedID) is missing (deleted or renumbered)")
            }
            if entry.prevHash != expectedPrev {
                return .broken(rowID: entry.id, reason: "does not follow the row before it (rows deleted, inserted or reordered)")
            }
            if entry.hash != entry.expectedHash {
                return .broken(rowID: entry.id, reason: "content does not match its hash (row edited)")
            }
            expectedPrev = entry.hash
            expectedID += 1
            count += 1
        }
        return .intact(rows: count, sealedRows: 0)
    }

    /// The newest rows first, at most `limit`.
    public static func recent(limit: Int, in db: Database) throws -> [AuditEntry] {
        try AuditEntry.order(AuditEntry.Columns.id.desc).limit(limit).fetchAll(db)
    }
}

extension AuditEntry {
    /// The columns queries name, from the record's own coding keys.
    public enum Columns {
        public static let id = Column(CodingKeys.id)
    }
}
