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
