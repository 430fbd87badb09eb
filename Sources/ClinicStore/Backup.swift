import Foundation
import GRDB

/// Facts about a database copy, read after it was checked.
public struct DatabaseCopy: Equatable, Sendable {
    public let path: String
    public let bytes: Int
    public let patients: Int
    public let visits: Int
    /// The newest audit row's time, "" for an empty log.
    public let lastActivity: String
}

extension ClinicDatabase {
    /// Copies the database to a new file at `path` (mode 0600) with SQLite's online backup
    /// API, in one step from one read snapshot, while other terminals keep working. The copy
    /// is written beside its final name and renamed only after `PRAGMA integrity_check`
    /// passes on it. Refuses to overwrite an existing file.
    public func backup(to path: String) throws -> DatabaseCopy {
        if FileManager.default.fileExists(atPath: path) { throw StoreError.alreadyExists(path: path) }
        let partial = path + ".partial"
        unlink(partial)
        let fd = Foundation.open(partial, O_CREAT | O_EXCL | O_WRONLY, 0o600)
        guard fd >= 0 else { throw StoreError.cannotCreate(path: path, reason: String(cString: strerror(errno))) }
        close(fd)
        do {
            let copy = try DatabaseQueue(path: partial)
            try pool.backup(to: copy)
            try copy.writeWithoutTransaction { try $0.execute(sql: "PRAGMA journal_mode = DELETE") }
            let facts = try Self.check(copy, path: partial)
            try copy.close()
            guard rename(partial, path) == 0 else {
                throw StoreError.cannotCreate(path: path, reason: String(cString: strerror(errno)))
            }
            return DatabaseCopy(
                path: path, bytes: facts.bytes, patients: facts.patients, visits: facts.visits,
                lastActivity: facts.lastActivity)
        } catch {
            unlink(partial)
            throw error
        }
    }

    /// Opens `path` read-only and checks that it is a sound Mobile Clinic database this
    /// program can use: SQLite header, application id, integrity check, schema not newer.
    public static func checkCopy(at path: String) throws -> DatabaseCopy {
        guard FileManager.default.fileExists(atPath: path) else { throw StoreError.missing(path: path) }
        try checkHeader(path: path)
        var config = Configuration()
        config.readonly = true
        do {
            let queue = try DatabaseQueue(path: path, configuration: config)
            defer { try? queue.close() }
            guard try queue.read({ try Int32.fetchOne($0, sql: "PRAGMA application_id") }) == Schema.applicationID else {
                throw StoreError.notClinicDatabase(path: path)
            }
            if try queue.read({ try Schema.migrator.hasBeenSuperseded($0) }) { throw StoreError.newerSchema(path: path) }
            return try check(queue, path: path)
        } catch let error as DatabaseError {
            throw translate(error, path: path)
        }
    }

    /// Replaces this database's content with the checked copy at `path`, through the backup
    /// API so other connections see either the old or the new database, never a mix. The
    /// current content is first saved beside the database as `<name>.before-restore-<stamp>`.
    /// Returns the restored copy's facts and the safety copy's path.
    public func restore(from path: String, stamp: String) throws -> (restored: DatabaseCopy, safetyCopy: String) {
        if URL(fileURLWithPath: path).resolvingSymlinksInPath().path
            == URL(fileURLWithPath: self.path).resolvingSymlinksInPath().path
        {
            throw StoreError.restoreOntoItself(path: path)
        }
        let source = try Self.checkCopy(at: path)
        let safety = try backup(to: self.path + ".before-restore-" + stamp).path
        var config = Configuration()
        config.readonly = true
        let queue = try DatabaseQueue(path: path, configuration: config)
        try queue.backup(to: pool)
        try queue.close()
        try Schema.migrator.migrate(pool)
        return (source, safety)
    }

    private static func check(_ reader: some DatabaseReader, path: String) throws -> DatabaseCopy {
        try reader.read { db in
            let problems = try String.fetchAll(db, sql: "PRAGMA integrity_check")
            guard problems == ["ok"] else {
                throw StoreError.damaged(path: path, reason: problems.prefix(3).joined(separator: "; "))
            }
            let bytes = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
            return DatabaseCopy(
                path: path, bytes: bytes,
                patients: try Int.fetchOne(db, sql: "SELECT count(*) FROM patient") ?? 0,
                visits: try Int.fetchOne(db, sql: "SELECT count(*) FROM visit") ?? 0,
                lastActivity: try String.fetchOne(db, sql: "SELECT max(at) FROM auditEntry") ?? "")
        }
    }
}
