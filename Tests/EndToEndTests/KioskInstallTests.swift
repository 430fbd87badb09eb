import Foundation
import XCTest

/// `make install-kiosk` as root (issue 19): the clinic runs as its own system user, its folder
/// is unreadable to staff accounts, and a staff account's login shell is the clinic and
/// nothing else. Users, group, sudo rule and /etc/shells line are test-named and removed after.
final class KioskInstallTests: XCTestCase {
    let tag = "mck\(getpid() % 100_000)"
    var kioskUser: String { tag + "svc" }
    var staffGroup: String { tag + "staff" }
    var staffUser: String { tag + "term" }
    var root = ""
    var prefix: String { root + "/prefix" }
    var state: String { root + "/state" }

    @discardableResult
    func sh(_ command: String) throws -> (status: Int32, output: String) {
        let process = Process(), pipe = Pipe()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command + " 2>&1"]
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }

    override func setUpWithError() throws {
        guard getuid() == 0 else { throw XCTSkip("making system users needs root") }
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/sudo") else { throw XCTSkip("sudo is not installed") }
        root = NSTemporaryDirectory() + "clinic-kiosk-\(UUID().uuidString.prefix(8))"
        try sh("mkdir -p \(prefix)/bin \(prefix)/share/mobile-clinic && chmod -R 755 \(root)")
        try sh(
            "cp \(ClinicBinary.path) \(prefix)/bin/clinic && cp -R \(ClinicBinary.repositoryRoot)/Screens \(ClinicBinary.repositoryRoot)/Keymaps \(prefix)/share/mobile-clinic/"
        )
    }

    override func tearDownWithError() throws {
        guard !root.isEmpty else { return }
        try sh("pkill -KILL -u \(staffUser); pkill -KILL -u \(kioskUser); sleep 0.2")
        try sh("userdel -r \(staffUser); userdel \(kioskUser); groupdel \(staffGroup); rm -f /etc/sudoers.d/\(kioskUser)")
        try sh(
            "grep -vx '\(prefix)/bin/clinic-shell' /etc/shells > /etc/shells.new; cat /etc/shells.new > /etc/shells; rm -f /etc/shells.new"
        )
        try sh("rm -rf \(root)")
    }

    /// Polls until `user` runs nothing (5 s at most).
    func waitUntilNoProcess(of user: String) throws -> Bool {
        for _ in 0..<50 {
            if try sh("pgrep -u \(user)").status != 0 { return true }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return false
    }

    func testStaffLoginIsTheClinicAndTheDatabaseIsNotTheirsToRead() throws {
        let make =
            "make --no-print-directory -C \(ClinicBinary.repositoryRoot) PREFIX=\(prefix) KIOSK_USER=\(kioskUser) STAFF_GROUP=\(staffGroup) STATE_DIR=\(state)"
        let install = try sh("\(make) install-kiosk")
        XCTAssertEqual(install.status, 0, install.output)
        XCTAssertTrue(
            install.output.contains("Next: sudo -u \(kioskUser) \(prefix)/bin/clinic init --db \(state)/clinic.sqlite"),
            install.output)
        XCTAssertEqual(try sh("\(make) install-kiosk").status, 0, "running it again changes nothing and succeeds")
        XCTAssertEqual(
            try sh("sudo -u \(kioskUser) \(prefix)/bin/clinic demo --db \(state)/clinic.sqlite --patients 3").status, 0)
        let account = try sh("\(make) kiosk-account NAME=\(staffUser)")
        XCTAssertEqual(account.status, 0, account.output)

        let asStaff = "runuser -u \(staffUser) --"
        XCTAssertTrue(try sh("\(asStaff) cat \(state)/clinic.sqlite").output.contains("Permission denied"))
        XCTAssertTrue(try sh("\(asStaff) ls \(state)").output.contains("Permission denied"))
        let otherCommand = try sh(
            "\(asStaff) sudo -n -u \(kioskUser) \(prefix)/bin/clinic --db \(state)/clinic.sqlite stock report")
        XCTAssertNotEqual(
            otherCommand.status, 0, "only the clinic on its database, with no other arguments: \(otherCommand.output)")
        XCTAssertNotEqual(try sh("\(asStaff) sudo -n -u \(kioskUser) /bin/sh -c id").status, 0)

        let login = try Tmux("su - \(staffUser)")
        try login.logIn("social")
        try login.press("F10")
        XCTAssertTrue(try waitUntilNoProcess(of: kioskUser), "F10 ends the clinic, and with it the login")
        let ended = try Tmux("su - \(staffUser) -c 'echo escaped'; echo shell-ended")
        let screen = try ended.waitFor("Log in with your own username")
        XCTAssertFalse(screen.contains("escaped"), "a command given to the login shell is ignored:\n\(screen)")
        try ended.run(["kill-server"], capture: false)
        XCTAssertTrue(try waitUntilNoProcess(of: kioskUser), "a terminal that goes away ends its clinic, not left spinning")
    }
}
