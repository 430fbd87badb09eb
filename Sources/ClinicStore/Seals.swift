import ClinicDomain
import Foundation
import GRDB

/// Tamper evidence for clinical rows (and the audit log's). Every insert or update of a clinical table stores a
/// SHA-256 seal of the row's content in `seal`, by trigger, through the SQL function
/// `clinic_seal` that only the program's connections have: an edit made with another tool
/// either fails (the trigger cannot run) or, with the triggers dropped, leaves a seal that
/// no longer matches. `clinic audit verify` recomputes every seal.
///
/// The triggers are installed by migrations (`Migrations.installSeals`, each with its own
/// frozen list of tables): a migration that changes a sealed table's columns, or the list,
/// must install them again (that recreates the triggers for the new columns and reseals
/// every row), and change `tables` here to match.
public enum Seals {
    /// The clinical tables and their key columns, as sealed since v24; `verify` checks them.
    public static let tables: [(table: String, key: String)] = [
        ("patient", "id"), ("patientBackground", "id"), ("visit", "id"), ("visitEvent", "id"), ("vitalsSet", "id"),
        ("consultationNote", "visitId"), ("noteAddendum", "id"), ("diagnosis", "id"), ("prescription", "id"),
        ("referral", "id"), ("counsellingNote", "id"), ("movement", "id"),
        // The audit log too: its hash chain cannot show that its newest rows were cut off.
        ("auditEntry", "id"),
        // Who may do what, and the site's settings: `UPDATE user SET role = 'admin'` with
        // another tool must show like an edited clinical row.
        ("user", "id"), ("setting", "key"),
        // Screening results, since v23.
        ("screeningResult", "id"),
        // HIV tests, since v24.
        ("hivTest", "id"),
    ]

    /// Makes `clinic_seal(text)` (SHA-256, hex) available on a connection.
    static func register(on db: Database) {
        db.add(
            function: DatabaseFunction("clinic_seal", argumentCount: 1, pure: true) { values in
                guard let text = String.fromDatabaseValue(values[0]) else { return nil }
                return SHA256Hex.of(text)
            })
    }

    /// The row's content as one JSON text: every column, by name, of `row` (the table's
    /// alias in a query), as the seal triggers compute it (`Migrations.installSeals`).
    private static func content(of table: String, row: String, in db: Database) throws -> String {
        let pairs = try db.columns(in: table).map { "'\($0.name)', \(row).\($0.name.quotedDatabaseIdentifier)" }
        return "json_object(\(pairs.joined(separator: ", ")))"
    }

    /// Drops the seal of a row the program deletes (a removed diagnosis).
    static func unseal(_ table: String, key: String, in db: Database) throws {
        try db.execute(sql: "DELETE FROM seal WHERE tableName = ? AND rowKey = ?", arguments: [table, key])
    }

    /// A clinical row that no longer matches its seal.
    public struct Problem: Equatable, Sendable, CustomStringConvertible {
        public let table: String
        public let key: String
        public let reason: String
        public var description: String { "\(table) \(key): \(reason)" }
    }

    /// How many clinical rows are sealed, and the first row that was edited, added or
    /// deleted behind the program's back, if any. Rows are checked in chunks of 20,000 (by
    /// rowid), reporting to `progress` and stopping when it is cancelled between chunks.
    static func verify(in db: Database, progress: WorkProgress? = nil) throws -> (sealed: Int, problem: Problem?) {
        let total =
            try progress == nil
            ? 0 : tables.reduce(0) { $0 + (try Int.fetchOne(db, sql: "SELECT count(*) FROM \($1.table)") ?? 0) }
        var sealed = 0
        for (table, key) in tables {
            let content = try content(of: table, row: "t", in: db)
            var after = Int64.min
            while true {
                try progress?.checkCancelled()
                progress?.report(sealed, of: total, "sealed rows")
                guard
                    let chunk = try Row.fetchOne(
                        db,
                        sql: """
                            SELECT max(rowid) AS last, count(*) AS rows FROM (SELECT rowid FROM \(table) WHERE rowid > ? ORDER BY rowid LIMIT 20000)
                            """, arguments: [after]), let last: Int64 = chunk["last"]
                else { break }
                if let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT CAST(t.\(key) AS TEXT) AS key, CASE WHEN s.digest IS NULL THEN 'added behind the program''s back (no seal)'
                                                     ELSE 'edited behind the program''s back (content does not match its seal)' END AS reason
                        FROM \(table) t LEFT JOIN seal s ON s.tableName = '\(table)' AND s.rowKey = CAST(t.\(key) AS TEXT)
                        WHERE t.rowid > ? AND t.rowid <= ? AND s.digest IS NOT clinic_seal(\(content)) LIMIT 1
                        """, arguments: [after, last])
                {
                    return (sealed, Problem(table: table, key: row["key"], reason: row["reason"]))
                }
                sealed += chunk["rows"] as Int
                after = last
            }
            if let orphan = try String.fetchOne(
                db,
                sql: """
                    SELECT rowKey FROM seal s WHERE tableName = '\(table)' AND NOT EXISTS (SELECT 1 FROM \(table) t WHERE t.\(key) = s.rowKey) LIMIT 1
                    """)
            {
                return (
                    sealed, Problem(table: table, key: orphan, reason: "deleted behind the program's back (its seal remains)")
                )
            }
        }
        return (sealed, nil)
    }
}
