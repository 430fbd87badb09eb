import Foundation
import Logging

/// Where log lines go while the full-screen application runs: a 0600 file beside the
/// database, since stderr would scribble over the screen.
enum LogSetup {
    /// Sends notices and above to `<database>.log`.
    static func toFile(beside database: String) {
        let path = database + ".log"
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        guard fd >= 0 else { return LoggingSystem.bootstrap { _ in SwiftLogNoOpLogHandler() } }
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        LoggingSystem.bootstrap { label in FileLogHandler(label: label, handle: handle) }
    }
}

/// Appends one line per message: time (UTC), level, label, message, metadata.
struct FileLogHandler: LogHandler {
    let label: String
    let handle: FileHandle
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let all = metadata.merging(event.metadata ?? [:]) { $1 }
        let fields = all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        let stamp = ISO8601DateFormatter().string(from: Date())
        handle.write(Data("\(stamp) \(event.level) \(label): \(event.message) \(fields)\n".utf8))
    }
}
