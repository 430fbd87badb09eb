import ArgumentParser
import Foundation

/// Reads secrets at the shell: from the terminal without echo, or one line per secret
/// from standard input when it is not a terminal (scripts, tests).
enum PasswordPrompt {
    /// Reads one line after printing `prompt` on stderr; the typed text is not echoed.
    static func read(_ prompt: String) throws -> String {
        let interactive = isatty(STDIN_FILENO) == 1
        if interactive { FileHandle.standardError.write(Data(prompt.utf8)) }
        var saved = termios()
        if interactive {
            tcgetattr(STDIN_FILENO, &saved)
            var quiet = saved
            quiet.c_lflag &= ~tcflag_t(ECHO)
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet)
        }
        defer {
            if interactive {
                tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved)
                FileHandle.standardError.write(Data("\n".utf8))
            }
        }
        guard let line = Swift.readLine(strippingNewline: true) else {
            throw CommandError("no password given (standard input ended)")
        }
        return line
    }

    /// Asks twice and insists both agree.
    static func readNew(_ what: String) throws -> String {
        let first = try read("\(what): ")
        let second = try read("\(what) again: ")
        guard first == second else { throw CommandError("the two passwords differ; nothing was changed") }
        return first
    }

    /// Reads a visible line (e.g. a username) after `prompt`.
    static func readLine(_ prompt: String) throws -> String {
        if isatty(STDIN_FILENO) == 1 { FileHandle.standardError.write(Data(prompt.utf8)) }
        guard let line = Swift.readLine(strippingNewline: true) else {
            throw CommandError("standard input ended before \(prompt.trimmingCharacters(in: .whitespaces))")
        }
        return line.trimmingCharacters(in: .whitespaces)
    }

    /// The operator's login name, for audit rows of shell commands.
    static var operatorName: String {
        if let entry = getpwuid(getuid()), let name = entry.pointee.pw_name { return String(cString: name) }
        return ProcessInfo.processInfo.environment["USER"] ?? "unknown"
    }
}
