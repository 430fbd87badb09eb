import GRDB

/// Why the clinic database could not be opened or used, phrased for the person at the terminal.
public enum StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    case missing(path: String)
    case isFolder(path: String)
    case alreadyExists(path: String)
    case unreadable(path: String)
    case readOnly(path: String)
    case notSQLite(path: String)
    case notClinicDatabase(path: String)
    case newerSchema(path: String)
    case locked(path: String)
    case cannotCreate(path: String, reason: String)
    case damaged(path: String, reason: String)
    case restoreOntoItself(path: String)

    public var description: String {
        switch self {
        case .missing(let path):
            "No clinic database at \(path). Create one with `clinic init` (real clinic) or `clinic demo` (demo data)."
        case .isFolder(let path):
            "\(path) is a folder, not a database file."
        case .alreadyExists(let path):
            "A database already exists at \(path); refusing to overwrite it."
        case .unreadable(let path):
            "Cannot read \(path): permission denied."
        case .readOnly(let path):
            "Cannot write \(path) (read-only file or folder); the clinic needs write access to its database."
        case .notSQLite(let path):
            "\(path) is not an SQLite database."
        case .notClinicDatabase(let path):
            "\(path) is an SQLite database but not a Mobile Clinic one."
        case .newerSchema(let path):
            "\(path) was written by a newer version of Mobile Clinic; upgrade this program."
        case .locked(let path):
            "\(path) is locked by another program for too long; try again."
        case .cannotCreate(let path, let reason):
            "Cannot create \(path): \(reason)."
        case .restoreOntoItself(let path):
            "\(path) is the database itself; restore from a backup copy."
        case .damaged(let path, let reason):
            "\(path) failed its integrity check: \(reason)."
        }
    }
}

/// A fault of the database while the program runs, in words staff can act on; SQLite's
/// own text (with its SQL and table names) never reaches a screen.
public enum DatabaseFault: Error, Equatable, Sendable, CustomStringConvertible {
    case busy, full, readOnly, damaged, unreachable, conflict, failed

    /// The fault `error` stands for, nil when it is not a database error.
    public init?(_ error: any Error) {
        guard let error = error as? DatabaseError else { return nil }
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED: self = .busy
        case .SQLITE_FULL: self = .full
        case .SQLITE_READONLY: self = .readOnly
        case .SQLITE_CORRUPT, .SQLITE_NOTADB: self = .damaged
        case .SQLITE_CANTOPEN, .SQLITE_IOERR, .SQLITE_PERM: self = .unreachable
        case .SQLITE_CONSTRAINT: self = .conflict
        default: self = .failed
        }
    }

    public var description: String {
        switch self {
        case .busy: "The database is busy with another terminal's work; nothing was saved. Try again."
        case .full: "The disk is full; nothing was saved. Tell the administrator."
        case .readOnly: "The database cannot be written here (read-only); nothing was saved. Tell the administrator."
        case .damaged: "The database file is damaged; nothing was saved. Tell the administrator (clinic restore)."
        case .unreachable: "The database file cannot be reached (moved or deleted?); nothing was saved. Tell the administrator."
        case .conflict: "That is already recorded, or refers to something no longer there; nothing was saved."
        case .failed: "The database refused the change; nothing was saved. Tell the administrator."
        }
    }

    /// What a screen shows for `error`: a database fault in plain words, any other error's own description.
    public static func message(for error: any Error) -> String {
        DatabaseFault(error)?.description ?? "\(error)"
    }
}
