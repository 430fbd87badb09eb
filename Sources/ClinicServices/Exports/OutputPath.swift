import Foundation

/// Why the program will not write a file where it was asked to.
public enum OutputRefusal: Error, Equatable, Sendable, CustomStringConvertible {
    /// The path is the database, its journal, its log or its counselling key (or a link to one of them).
    case protected(path: String)
    /// Something is there that is not a plain file: a device, a folder, a pipe, a socket.
    case notRegularFile(path: String)
    /// A file is there and replacing it was not asked for.
    case exists(path: String)
    /// No file name was given, or its folder does not exist.
    case noFolder(path: String)

    public var description: String {
        switch self {
        case .protected(let path):
            "\(path) is the clinic database, its journal, its log or its counselling key: output never goes there"
        case .notRegularFile(let path): "\(path) is not a plain file (a device, folder or pipe): output goes only to files"
        case .exists(let path): "\(path) already exists: give a new name, or --force to replace it"
        case .noFolder(let path) where path.isEmpty: "no file name given: name the file to write"
        case .noFolder(let path): "the folder of \(path) does not exist: create it first or choose another"
        }
    }
}

/// Checks a path a file is about to be written at: never a database file, never anything
/// but a regular file, and an existing file only when replacing it was asked for.
public enum OutputPath {
    /// The files that belong to the database at `database`: nothing is ever written there.
    public static func databaseFiles(_ database: String) -> [String] {
        [database, database + "-wal", database + "-shm", database + "-journal", database + ".log", database + ".notes-key"]
    }

    /// Throws `OutputRefusal` when `path` may not be written (see the type's cases).
    public static func check(_ path: String, replacing: Bool, protected: [String]) throws {
        var isFolder: ObjCBool = false
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        guard !path.isEmpty, FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw OutputRefusal.noFolder(path: path)
        }
        let target = resolved(path)
        for file in protected where resolved(file) == target || sameFile(path, file) {
            throw OutputRefusal.protected(path: path)
        }
        var info = stat()
        guard stat(path, &info) == 0 else { return }
        guard info.st_mode & S_IFMT == S_IFREG else { throw OutputRefusal.notRegularFile(path: path) }
        if !replacing { throw OutputRefusal.exists(path: path) }
    }

    /// The absolute path with its folder's links resolved (the file itself may not exist yet).
    static func resolved(_ path: String) -> String {
        let url = URL(fileURLWithPath: path).standardizedFileURL
        let folder = url.deletingLastPathComponent().resolvingSymlinksInPath().path
        return (folder as NSString).appendingPathComponent(url.lastPathComponent)
    }

    /// Whether both paths exist and are the same file (a hard or symbolic link to it).
    private static func sameFile(_ a: String, _ b: String) -> Bool {
        var first = stat(), second = stat()
        guard stat(a, &first) == 0, stat(b, &second) == 0 else { return false }
        return first.st_dev == second.st_dev && first.st_ino == second.st_ino
    }
}
