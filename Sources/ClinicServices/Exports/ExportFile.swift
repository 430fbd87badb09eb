import Foundation

/// Why an export could not be written.
public enum ExportError: Error, Equatable, Sendable, CustomStringConvertible {
    case folder(path: String, reason: String)
    case write(path: String, reason: String)

    public var description: String {
        switch self {
        case .folder(let path, let reason): "Cannot export to \(path): \(reason)"
        case .write(let path, let reason): "Cannot write \(path): \(reason)"
        }
    }
}

/// Files of an export: written under a temporary name (mode 0600, they hold patient data)
/// and renamed into place only when complete, so a reader never sees half a file.
public enum ExportFile {
    /// Checks that `folder` exists (creating it, 0700, if its parent does) and is writable.
    public static func prepare(folder: String) throws {
        let fm = FileManager.default
        var isFolder: ObjCBool = false
        if !fm.fileExists(atPath: folder, isDirectory: &isFolder) {
            do {
                try fm.createDirectory(atPath: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
            } catch {
                throw ExportError.folder(path: folder, reason: "the folder does not exist and cannot be created")
            }
        } else if !isFolder.boolValue {
            throw ExportError.folder(path: folder, reason: "it is a file, not a folder")
        }
        guard access(folder, W_OK | X_OK) == 0 else {
            throw ExportError.folder(path: folder, reason: "the folder is not writable")
        }
    }

    /// Writes `text` as `name` in `folder` (created if need be), whole or not at all; returns its path.
    public static func write(_ text: String, folder: String, name: String) throws -> String {
        try prepare(folder: folder)
        return try write(text, with: try Writer(folder: folder, name: name))
    }

    /// Writes `text` at `path`, whole or not at all, under the rules of `Writer(path:replacing:protected:)`.
    public static func write(_ text: String, path: String, replacing: Bool, protected: [String]) throws {
        _ = try write(text, with: try Writer(path: path, replacing: replacing, protected: protected))
    }

    private static func write(_ text: String, with writer: Writer) throws -> String {
        do {
            try writer.append(text)
            try writer.commit()
        } catch {
            writer.discard()
            throw error
        }
        return writer.path
    }

    /// A file being written: lines are buffered and appended to a hidden temporary file in
    /// the same folder, which `commit` syncs and moves into place.
    public final class Writer {
        public let path: String
        let temporary: String
        private let replacing: Bool
        private let handle: FileHandle
        private var buffer = Data()

        /// Starts `name` in `folder` (call `prepare(folder:)` first). An export never replaces a
        /// file: when `name` is taken, the next free "name-2.ext", "name-3.ext"… is used.
        public convenience init(folder: String, name: String) throws {
            try self.init(path: Self.freePath(in: folder, for: name), replacing: false, protected: [])
        }

        /// `name` in `folder`, or the first numbered variant of it that does not exist yet.
        static func freePath(in folder: String, for name: String) -> String {
            let base = (name as NSString).deletingPathExtension, suffix = (name as NSString).pathExtension
            var candidate = name, number = 1
            while FileManager.default.fileExists(atPath: (folder as NSString).appendingPathComponent(candidate)) {
                number += 1
                candidate = "\(base)-\(number)" + (suffix.isEmpty ? "" : ".\(suffix)")
            }
            return (folder as NSString).appendingPathComponent(candidate)
        }

        /// Starts a file at `path`, refused up front (`OutputRefusal`) when it is one of
        /// `protected`, not a regular file, or exists and `replacing` is false.
        public init(path: String, replacing: Bool, protected: [String]) throws {
            try OutputPath.check(path, replacing: replacing, protected: protected)
            self.path = path
            self.replacing = replacing
            let url = URL(fileURLWithPath: path)
            temporary =
                url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).partial-\(getpid())").path
            unlink(temporary)
            let fd = open(temporary, O_CREAT | O_EXCL | O_WRONLY | O_NOFOLLOW, 0o600)
            guard fd >= 0 else { throw ExportError.write(path: path, reason: String(cString: strerror(errno))) }
            handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        }

        /// Appends one line (a newline is added).
        public func line(_ text: String) throws { try append(text + "\n") }

        /// Appends text as it is.
        public func append(_ text: String) throws { try append(bytes: Array(text.utf8)) }

        /// Appends UTF-8 bytes as they are.
        public func append(bytes: [UInt8]) throws {
            buffer.append(contentsOf: bytes)
            if buffer.count >= 1 << 16 { try flush() }
        }

        /// Flushes, syncs and moves the file into place: by a rename when replacing, else by
        /// a link that fails if a file appeared there meanwhile (nothing is ever overwritten).
        public func commit() throws {
            try flush()
            do { try handle.synchronize() } catch { throw ExportError.write(path: path, reason: "\(error)") }
            if replacing {
                guard rename(temporary, path) == 0 else {
                    throw ExportError.write(path: path, reason: String(cString: strerror(errno)))
                }
            } else {
                guard link(temporary, path) == 0 else {
                    if errno == EEXIST { throw OutputRefusal.exists(path: path) }
                    throw ExportError.write(path: path, reason: String(cString: strerror(errno)))
                }
                unlink(temporary)
            }
        }

        /// Removes the unfinished file.
        public func discard() { unlink(temporary) }

        private func flush() throws {
            do { try handle.write(contentsOf: buffer) } catch { throw ExportError.write(path: path, reason: "\(error)") }
            buffer.removeAll(keepingCapacity: true)
        }
    }
}
