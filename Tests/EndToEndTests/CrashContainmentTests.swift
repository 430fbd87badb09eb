import Foundation
import XCTest

/// One crash freezes no other terminal: a worker that traps inside its write transaction,
/// at a real terminal, ends at once (no backtracer prompt), so its lock is released and
/// another terminal writes within 2 s.
final class CrashContainmentTests: XCTestCase {
    private var folder = ""

    override func tearDown() { try? FileManager.default.removeItem(atPath: folder) }

    /// A demo database and a plain shell in tmux, ready for a command.
    private func databaseAndShell() throws -> (database: String, tmux: Tmux) {
        folder = try ClinicBinary.demoFolder()
        let tmux = try Tmux("env PS1='ready$ ' bash --norc --noprofile")
        try tmux.waitFor("ready$")
        return (folder + "/clinic.sqlite", tmux)
    }

    func testACrashInsideAWriteTransactionReleasesTheLockAtOnce() throws {
        let (database, tmux) = try databaseAndShell()
        try tmux.type("\(Tmux.quote(CrashSafetyTests.worker)) trap --db \(Tmux.quote(database)); echo \"worker\"\"-exit=$?\"")
        try tmux.press("Enter")
        try tmux.waitFor("holding the write lock")
        let started = Date()
        let writer = Process()
        writer.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        writer.arguments = [
            database, ".timeout 5000",
            "BEGIN IMMEDIATE; CREATE TABLE IF NOT EXISTS crashProbe (x); INSERT INTO crashProbe VALUES (1); COMMIT;",
        ]
        let errors = Pipe()
        writer.standardError = errors
        try writer.run()
        writer.waitUntilExit()
        let waited = Date().timeIntervalSince(started)
        XCTAssertEqual(
            writer.terminationStatus, 0, String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))
        XCTAssertLessThan(waited, 2, "another terminal wrote \(waited) s after the crash")
        let screen = try tmux.waitFor("worker-exit=", timeout: 5)
        XCTAssertFalse(screen.contains("worker-exit=0"), screen)
        XCTAssertFalse(screen.lowercased().contains("press space"), "no interactive backtracer prompt:\n\(screen)")
    }

    /// A crash of the full-screen program (here a SIGSEGV sent to it) leaves the terminal in
    /// its normal mode: `stty` run next by the same plain shell (which restores nothing itself) finds
    /// canonical input on.
    func testACrashOfTheScreenLeavesTheTerminalUsable() throws {
        let (database, tmux) = try databaseAndShell()
        let program = ClinicBinary.command(database)
        try tmux.type("sh -c \(Tmux.quote(program + "; stty -a | grep -o -- '-\\?icanon'; echo after\"-crash\""))")
        try tmux.press("Enter")
        try tmux.waitFor("Not logged in")
        let finder = Process()
        finder.executableURL = URL(fileURLWithPath: "/usr/bin/pgrep")
        finder.arguments = ["-f", "^\(ClinicBinary.path) --db \(database)"]
        let out = Pipe()
        finder.standardOutput = out
        try finder.run()
        finder.waitUntilExit()
        let pid = try XCTUnwrap(
            Int32(
                String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                    .split(separator: "\n").first ?? ""))
        kill(pid, SIGSEGV)
        let screen = try tmux.waitFor("after-crash", timeout: 10)
        let lines = screen.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        XCTAssertTrue(lines.contains("icanon"), "canonical input is on again:\n\(screen)")
        XCTAssertFalse(lines.contains("-icanon"), screen)
    }
}
