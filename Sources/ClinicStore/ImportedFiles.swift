import ClinicDomain
import Crypto
import Foundation
import GRDB

/// Files an import has applied, by their SHA-256: the same file is never applied twice.
public enum ImportedFiles {
    /// One applied file.
    public struct Entry: Equatable, Sendable {
        public let kind: String
        public let name: String
        public let rows: Int
        /// When it was applied (stored UTC timestamp).
        public let at: String
        public let actor: String
    }

    /// The SHA-256 of what a file says rather than of its bytes: each row as its columns'
    /// names and values (sorted by name), the rows sorted, so blank lines, line endings,
    /// spaces around fields, column order and row order do not make the same stock a new file.
    /// 64 lowercase hex digits.
    public static func digest(ofRows rows: [[String: String]]) -> String {
        let lines = rows.map { row in
            row.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "\u{1F}")
        }.sorted()
        return SHA256.hash(data: Data(lines.joined(separator: "\u{1E}").utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// The earlier application of the file with this digest as `kind`, if any.
    public static func find(_ digest: String, kind: String, in db: Database) throws -> Entry? {
        try Row.fetchOne(
            db, sql: "SELECT kind, name, rows, at, actor FROM importedFile WHERE sha256 = ? AND kind = ?",
            arguments: [digest, kind]
        ).map {
            Entry(kind: $0["kind"], name: $0["name"], rows: $0["rows"], at: $0["at"], actor: $0["actor"])
        }
    }

    /// Records that the file was applied, in the transaction that applied it (its progress,
    /// if it was applied in steps, goes with it).
    public static func record(
        _ digest: String, kind: String, name: String, rows: Int, actor: String, at: Date, in db: Database
    ) throws {
        try db.execute(
            sql: "INSERT INTO importedFile (sha256, kind, name, rows, at, actor) VALUES (?, ?, ?, ?, ?, ?)",
            arguments: [digest, kind, name, rows, Timestamp.string(at), actor])
        try db.execute(sql: "DELETE FROM importProgress WHERE sha256 = ? AND kind = ?", arguments: [digest, kind])
    }

    /// The SHA-256 of a file's bytes, read in 1 MiB pieces; 64 lowercase hex digits.
    public static func digest(ofFileAt path: String) throws -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw CocoaError(.fileReadNoPermission) }
        defer { try? handle.close() }
        var hasher = SHA256()
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty { hasher.update(data: chunk) }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }

    /// How many data rows of this file an import that stopped (killed, or the power cut) had
    /// applied, or nil when none stopped partway.
    public static func progress(_ digest: String, kind: String, in db: Database) throws -> Int? {
        try Int.fetchOne(db, sql: "SELECT rows FROM importProgress WHERE sha256 = ? AND kind = ?", arguments: [digest, kind])
    }

    /// Notes, in the transaction that applied them, that the file's first `rows` data rows are applied.
    public static func setProgress(_ digest: String, kind: String, name: String, rows: Int, at: Date, in db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO importProgress (sha256, kind, name, rows, at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (sha256, kind) DO UPDATE SET rows = excluded.rows, at = excluded.at
                """, arguments: [digest, kind, name, rows, Timestamp.string(at)])
    }

}
