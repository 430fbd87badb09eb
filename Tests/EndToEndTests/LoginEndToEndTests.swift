import Foundation
import XCTest

/// The real binary in a real terminal (tmux): login, lockout, resize, quitting.
final class LoginEndToEndTests: XCTestCase {
    var folder = ""
    var database: String { folder + "/clinic.sqlite" }

    override func setUpWithError() throws {
        folder = try ClinicBinary.demoFolder()
    }

    override func tearDown() {
        try? FileManager.default.removeItem(atPath: folder)
    }

    func logIn(_ tmux: Tmux, _ username: String, _ password: String = "clinic-demo") throws {
        try tmux.type(username)
        try tmux.press("Enter")
        try tmux.type(password)
        try tmux.press("Enter")
    }

    func testClerkLogsInAndSeesTheClerksMenu() throws {
        let tmux = try Tmux(ClinicBinary.command(database))
        try tmux.waitFor("Log in with your own username")
        try logIn(tmux, "clerk")
        let screen = try tmux.waitFor("Welcome, Johan van der Merwe")
        XCTAssertTrue(screen.contains("Appointments and routes"), screen)
        XCTAssertTrue(screen.contains("Closure queue"), screen)
        XCTAssertFalse(screen.contains("Consultation queue"), "a clerk does not consult:\n\(screen)")
        XCTAssertFalse(screen.contains("Users and audit log"), screen)
        XCTAssertTrue(screen.contains("Johan van der Merwe (clerk) · Clerk"), screen)
        XCTAssertTrue(screen.contains("Demo truck · "), "site on the status line:\n\(screen)")
    }

    func testWrongPasswordShowsOneGenericMessage() throws {
        let tmux = try Tmux(ClinicBinary.command(database))
        try tmux.waitFor("Log in with your own username")
        try logIn(tmux, "nurse", "not-the-password")
        try tmux.waitFor("Login failed: wrong username or password, or the account is locked.")
        try tmux.press("BTab", "C-u")
        try logIn(tmux, "no-such-user", "whatever-it-is")
        let screen = try tmux.waitFor("Login failed")
        XCTAssertFalse(screen.lowercased().contains("unknown"), screen)
        let log = try String(contentsOfFile: database + ".log", encoding: .utf8)
        XCTAssertTrue(log.contains("login failed: wrong password") && log.contains("user=nurse"), log)
        XCTAssertFalse(log.contains("not-the-password") || log.contains("whatever-it-is"), "no password in the log:\n\(log)")
        let mode = try FileManager.default.attributesOfItem(atPath: database + ".log")[.posixPermissions] as! Int
        XCTAssertEqual(mode & 0o777, 0o600)
    }

    func testFifthFailureLocksTheAccount() throws {
        let tmux = try Tmux(ClinicBinary.command(database))
        try tmux.waitFor("Log in with your own username")
        try tmux.type("doctor")
        try tmux.press("Enter")
        for attempt in 1...5 {
            try tmux.type("wrong-\(attempt)")
            try tmux.press("Enter")
            try tmux.waitFor("Login failed")
            try tmux.waitFor("Password: *", absent: true)
        }
        try tmux.type("clinic-demo")
        try tmux.press("Enter")
        try tmux.waitFor("Login failed")
        Thread.sleep(forTimeInterval: 0.5)
        XCTAssertFalse(try tmux.screen().contains("Welcome"), "a locked account stays out even with the right password")
        let list = try ClinicBinary.run(["user", "list", "--db", database])
        XCTAssertTrue(
            list.stdout.split(separator: "\n").contains { $0.hasPrefix("doctor") && $0.contains("locked") }, list.stdout)
        let audit = try ClinicBinary.run(["audit", "verify", "--db", database])
        XCTAssertEqual(audit.status, 0, audit.stdout)
    }

    func testResizeBelowMinimumShowsEnlargeMessageAndRecovers() throws {
        let tmux = try Tmux(ClinicBinary.command(database))
        try tmux.waitFor("Log in with your own username")
        try logIn(tmux, "viewer")
        try tmux.waitFor("Welcome, Kagiso Molefe")
        try tmux.resize(columns: 60, rows: 20)
        let small = try tmux.waitFor("Terminal too small: 60x20.")
        XCTAssertTrue(small.contains("enlarge it to at least 80x24"), small)
        try tmux.resize(columns: 80, rows: 24)
        let restored = try tmux.waitFor("Welcome, Kagiso Molefe")
        XCTAssertFalse(restored.contains("too small"), restored)
        XCTAssertTrue(restored.contains("Dashboard and reports"), restored)
    }

    /// Runs clinic from an interactive shell, leaves it with `leave`, and checks the shell
    /// answers and the terminal is back in cooked mode with echo.
    func assertShellUsable(after leave: (Tmux) throws -> Void) throws {
        let tmux = try Tmux("env PS1='ready$ ' bash --norc --noprofile")
        try tmux.waitFor("ready$")
        try tmux.type(ClinicBinary.command(database) + " ; echo \"exit\"\"-code=$?\"")
        try tmux.press("Enter")
        try tmux.waitFor("Log in with your own username")
        try leave(tmux)
        try tmux.waitFor("exit-code=")
        try tmux.type("stty -a | grep -o -- ' -\\?echo ' | head -1; echo alive-$((40+2))")
        try tmux.press("Enter")
        let screen = try tmux.waitFor("alive-42")
        XCTAssertTrue(screen.contains(" echo "), "echo is back on:\n\(screen)")
        XCTAssertFalse(screen.contains("Mobile Clinic ·"), "the application screen is gone:\n\(screen)")
    }

    func testQuitWithF10LeavesTheShellUsable() throws {
        try assertShellUsable { try $0.press("F10") }
    }

    func testCtrlCLeavesTheShellUsable() throws {
        try assertShellUsable { try $0.press("C-c") }
    }

    func testSIGTERMLeavesTheShellUsable() throws {
        try assertShellUsable { _ in
            let kill = Process()
            kill.executableURL = URL(fileURLWithPath: "/usr/bin/pkill")
            kill.arguments = ["-TERM", "-f", "--", "--db \(self.database)"]
            try kill.run()
            kill.waitUntilExit()
        }
    }

    func testNoColorGivesMonochromeAndColourOtherwise() throws {
        func sgrCodes(_ environment: String) throws -> String {
            let tmux = try Tmux(ClinicBinary.command(database, environment: environment))
            try tmux.waitFor("Log in with your own username")
            return try tmux.run(["capture-pane", "-p", "-e", "-t", "main"])
        }
        // swift test may itself export NO_COLOR; an empty NO_COLOR means colour (no-color.org).
        let colour = try sgrCodes("NO_COLOR= TERM=xterm-256color")
        XCTAssertTrue(
            colour.contains("\u{1b}[44m") || colour.contains("44;") || colour.contains(";44m"),
            "blue bars in colour:\n\(colour.debugDescription.prefix(300))")
        let mono = try sgrCodes("TERM=xterm-256color NO_COLOR=1")
        XCTAssertFalse(mono.contains("44m") || mono.contains("44;"), "no background colour under NO_COLOR:\n\(mono)")
        XCTAssertTrue(mono.contains("\u{1b}[7m") || mono.contains(";7m") || mono.contains("[7;"), "bars in reverse video instead")
    }

    func testKeysTypedInABurstAfterEscapeAreNotLost() throws {
        let tmux = try Tmux(ClinicBinary.command(database))
        try tmux.waitFor("Log in with your own username")
        try logIn(tmux, "clerk")
        try tmux.waitFor("Welcome")
        try tmux.type("1")
        try tmux.waitFor("Find:")
        // One send: Esc (back to home), Esc, then F9 (log out), as fast as a terminal sends them.
        try tmux.press("Escape", "Escape", "F9")
        try tmux.waitFor("Log in with your own username")
    }

    func testIdleTerminalLocksAndResumes() throws {
        let tmux = try Tmux(ClinicBinary.command(database, extra: "--idle-lock 2"))
        try tmux.waitFor("Log in with your own username")
        try logIn(tmux, "nurse")
        try tmux.waitFor("Welcome, Sr Lerato Mokoena")
        try tmux.waitFor("Terminal locked", timeout: 10)
        try tmux.type("clinic-demo")
        try tmux.press("Enter")
        try tmux.waitFor("Welcome, Sr Lerato Mokoena")
    }
}
