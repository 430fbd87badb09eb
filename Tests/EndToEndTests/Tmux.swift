import Foundation
import XCTest

/// A private tmux server running one window, for driving the real `clinic` binary in a
/// real terminal: send keys, poll the captured screen, dump it on failure.
final class Tmux {
    let socket = "clinic-e2e-\(UUID().uuidString.prefix(8))"

    /// Starts `command` in a new session of `columns`x`rows`, through `sh -c`.
    init(_ command: String, columns: Int = 80, rows: Int = 24) throws {
        // Started with system(): the tmux server daemonises and would inherit (and hold open
        // forever) the descriptors Foundation's Process uses to notice that a child exited.
        let line =
            ([
                "tmux", "-L", socket, "-f", "/dev/null", "new-session", "-d", "-s", "main",
                "-x", "\(columns)", "-y", "\(rows)", command,
            ].map(Self.quote).joined(separator: " "))
            + " </dev/null >/dev/null 2>&1"
        guard system(line) == 0 else { throw XCTSkip("tmux could not start: \(line)") }
        try run(["set-option", "-t", "main", "remain-on-exit", "on"])
    }

    deinit { _ = try? run(["kill-server"], capture: false) }

    /// Single-quotes `word` for sh.
    static func quote(_ word: String) -> String {
        "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    @discardableResult
    func run(_ arguments: [String], capture: Bool = true) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["tmux", "-L", socket, "-f", "/dev/null"] + arguments
        guard capture else {
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            return ""
        }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// Opens another window named `name` running `command` (a second terminal on the same machine).
    func addWindow(_ name: String, _ command: String) throws {
        try run(["new-window", "-d", "-t", "main", "-n", name, command])
        try run(["set-option", "-t", "main:\(name)", "remain-on-exit", "on"])
    }

    /// Types literal text (no key-name lookup) into `window`.
    func type(_ text: String, in window: String = "main") throws { try run(["send-keys", "-t", target(window), "-l", text]) }

    /// Presses named keys: "Enter", "F1", "C-c", "Escape", "BTab", …
    func press(_ keys: String..., in window: String = "main") throws { try run(["send-keys", "-t", target(window)] + keys) }

    /// The visible screen of `window` as text.
    func screen(_ window: String = "main") throws -> String { try run(["capture-pane", "-p", "-t", target(window)]) }

    /// Logs `user` in with the demo password in `window` and waits for the home menu.
    func logIn(_ user: String, in window: String = "main") throws {
        try waitFor("Log in with your own username", in: window)
        try type(user, in: window)
        try press("Enter", in: window)
        try type("clinic-demo", in: window)
        try press("Enter", in: window)
        try waitFor("Welcome", in: window)
    }

    private func target(_ window: String) -> String { window == "main" ? "main" : "main:\(window)" }

    func resize(columns: Int, rows: Int) throws {
        try run(["resize-window", "-t", "main", "-x", "\(columns)", "-y", "\(rows)"])
    }

    /// Polls the screen until `text` appears (or, with `absent`, disappears); fails with the screen after `timeout`.
    @discardableResult
    func waitFor(
        _ text: String, absent: Bool = false, in window: String = "main", timeout: TimeInterval = 15,
        file: StaticString = #filePath, line: UInt = #line
    ) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = try screen(window)
            if last.contains(text) != absent { return last }
            Thread.sleep(forTimeInterval: 0.1)
        }
        XCTFail(
            "timed out waiting for \(absent ? "absence of " : "")\"\(text)\" in \(window); screen was:\n\(last)", file: file,
            line: line)
        throw XCTSkip("screen never showed the expected text")
    }

    /// Presses `key` (in the main window), then waits for each of `texts` in turn; returns the last screen.
    @discardableResult
    func pressAndSee(_ key: String, _ texts: String..., file: StaticString = #filePath, line: UInt = #line) throws -> String {
        try run(["send-keys", "-t", target("main"), key])
        var last = ""
        for text in texts { last = try waitFor(text, file: file, line: line) }
        return last
    }
}
