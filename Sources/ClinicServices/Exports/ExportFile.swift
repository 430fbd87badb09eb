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
        guard access(folder, W_OK | X_OK) == 0 else { throw ExportError.folder(path: folder, reason: "the folder is not writable") }
    }

    /// Writes `text` as `name` in `folder` (created if need be), whole or not at all; returns its path.
    public static func write(_ text: String, folder: String, name: String) throws -> String {
        try prepare(folder: folder)
        let writer = try Writer(folder: folder, name: name)
        do {
            try writer.append(text)
            try writer.commit()
        } catch {
            writer.discard()
            throw error
        }
        return writer.path
    }

    /// A file being written: lines are buffered and appended to a hidden temporary file.
    public final class Writer {
        public let path: String
        let temporary: String
        private let handle: FileHandle
        private var buffer = Data()

        /// Starts `name` in `folder` (call `prepare(folder:)` first).
        public init(folder: String, name: String) throws {
            path = (folder as NSString).appendingPathComponent(name)
            temporary = (folder as NSString).appendingPathComponent(".\(name).partial")
            unlink(temporary)
            let fd = open(temporary, O_CREAT | O_EXCL | O_WRONLY, 0o600)
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

        /// Flushes, syncs and renames the file into place.
        public func commit() throws {
            try flush()
            do { try handle.synchronize() } catch { throw ExportError.write(path: path, reason: "\(error)") }
            guard rename(temporary, path) == 0 else { throw ExportError.write(path: path, reason: String(cString: strerror(errno))) }
        }

        /// Removes the unfinished file.
        public func discard() { unlink(temporary) }

        private func flush() throws {
            do { try handle.write(contentsOf: buffer) } catch { throw ExportError.write(path: path, reason: "\(error)") }
            buffer.removeAll(keepingCapacity: true)
        }
    }
}
