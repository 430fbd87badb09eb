import Foundation
import GRDB

/// The truck's one SQLite database: opened in WAL mode with `synchronous=FULL`,
/// foreign keys on and a busy timeout, created with mode 0600, migrated on open.
public final class ClinicDatabase: Sendable {
    /// Path of the database file.
    public let path: String
    /// The GRDB connection pool; repositories read and write through it.
    public let pool: DatabasePool

    /// The file's device and inode when it was opened: a file put in its place later differs.
    private let identity: (device: UInt64, inode: UInt64)?

    private init(path: String, pool: DatabasePool) {
        self.path = path
        identity = Self.identity(of: path)
        self.pool = pool
    }

    /// Opens an existing clinic database, migrating it to the current schema.
    /// Throws a `StoreError` that says plainly what is wrong with the file.
    public static func open(at path: String, busyTimeout: TimeInterval = 5) throws -> ClinicDatabase {
        let fm = FileManager.default
        var isFolder: ObjCBool = false
        guard fm.fileExists(atPath: path, isDirectory: &isFolder) else { throw StoreError.missing(path: path) }
        if isFolder.boolValue { throw StoreError.isFolder(path: path) }
        guard fm.isReadableFile(atPath: path) else { throw StoreError.unreadable(path: path) }
        let folder = (path as NSString).deletingLastPathComponent
        // A file without write bits is read-only on purpose (an archived copy), even for root.
        let mode = (try? fm.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? 0o600
        guard mode & 0o222 != 0, fm.isWritableFile(atPath: path),
            fm.isWritableFile(atPath: folder.isEmpty ? "." : folder)
        else { throw StoreError.readOnly(path: path) }
        try checkHeader(path: path)
        return try connect(path: path, busyTimeout: busyTimeout, creating: false)
    }

    /// Creates a new, empty clinic database (mode 0600). Fails if the file exists.
    public static func create(at path: String, busyTimeout: TimeInterval = 5) throws -> ClinicDatabase {
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty {
            do {
                try FileManager.default.createDirectory(
                    atPath: folder, withIntermediateDirectories: true,
                    attributes: [.posixPermissions: 0o700])
            } catch {
                throw StoreError.cannotCreate(path: path, reason: "cannot create folder \(folder)")
            }
        }
        let fd = Foundation.open(path, O_CREAT | O_EXCL | O_WRONLY, 0o600)
        if fd < 0 {
            if errno == EEXIST { throw StoreError.alreadyExists(path: path) }
            throw StoreError.cannotCreate(path: path, reason: String(cString: strerror(errno)))
        }
        close(fd)
        return try connect(path: path, busyTimeout: busyTimeout, creating: true)
    }

    /// SQLite files begin with this 16-byte header; anything else is refused before
    /// SQLite sees it, so the message can say exactly what is wrong.
    static func checkHeader(path: String) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw StoreError.unreadable(path: path) }
        defer { try? handle.close() }
        let header = (try? handle.read(upToCount: 16)) ?? Data()
        if header.isEmpty { throw StoreError.notClinicDatabase(path: path) }
        if header != Data("SQLite format 3\0".utf8) { throw StoreError.notSQLite(path: path) }
    }

    private static func connect(path: String, busyTimeout: TimeInterval, creating: Bool) throws -> ClinicDatabase {
        var config = Configuration()
        config.busyMode = .timeout(busyTimeout)
        config.foreignKeysEnabled = true
        config.prepareDatabase { db in Seals.register(on: db) }
        do {
            let pool = try DatabasePool(path: path, configuration: config)
            // GRDB sets the writer to synchronous=NORMAL for WAL; the clinic wants FULL.
            try pool.writeWithoutTransaction { try $0.execute(sql: "PRAGMA synchronous = FULL") }
            let appID = try pool.read { try Int32.fetchOne($0, sql: "PRAGMA application_id") ?? 0 }
            let isEmpty = try pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM sqlite_master") ?? 0 } == 0
            if appID != Schema.applicationID && !(creating || (appID == 0 && isEmpty)) {
                throw StoreError.notClinicDatabase(path: path)
            }
            let migrator = Schema.migrator
            if try pool.read({ try migrator.hasBeenSuperseded($0) }) {
                throw StoreError.newerSchema(path: path)
            }
            try migrator.migrate(pool)
            return ClinicDatabase(path: path, pool: pool)
        } catch let error as StoreError {
            throw error
        } catch let error as DatabaseError {
            throw translate(error, path: path)
        }
    }

    /// Whether the file at `path` is still the one this connection writes into.
    public enum FileStatus: Equatable, Sendable {
        case same
        /// Deleted or moved away: writes go into a file no one will open again.
        case missing
        /// Another file was put at the path (a restore by hand, a copy over it).
        case replaced
    }

    /// Checks the path against the file opened (one `stat`, cheap enough for every few seconds).
    public func fileStatus() -> FileStatus {
        guard let now = Self.identity(of: path) else { return .missing }
        guard let identity else { return .same }
        return now == identity ? .same : .replaced
    }

    private static func identity(of path: String) -> (device: UInt64, inode: UInt64)? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return (UInt64(info.st_dev), UInt64(info.st_ino))
    }

    /// Turns SQLite's result codes into messages a clinic's staff can act on.
    static func translate(_ error: DatabaseError, path: String) -> Error {
        switch error.resultCode {
        case .SQLITE_NOTADB: StoreError.notSQLite(path: path)
        case .SQLITE_READONLY: StoreError.readOnly(path: path)
        case .SQLITE_BUSY, .SQLITE_LOCKED: StoreError.locked(path: path)
        case .SQLITE_CANTOPEN, .SQLITE_PERM: StoreError.unreadable(path: path)
        default: error
        }
    }
}
