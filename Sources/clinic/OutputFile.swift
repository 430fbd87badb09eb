import ArgumentParser
import Foundation

/// Where a command's text output goes: standard output, or a new 0600 file.
enum OutputFile {
    /// Prints `text`, or writes it to `path` (mode 0600, patient data) and says so.
    static func write(_ text: String, to path: String?) throws {
        guard let path else { return print(text, terminator: "") }
        guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw ValidationError("cannot write \(path)")
        }
        print("Written to \(path).")
    }
}
