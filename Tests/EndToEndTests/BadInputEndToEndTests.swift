import Foundation
import XCTest

/// Each bad start-up input gives one clear message and a non-zero exit, before the screen is touched.
final class BadInputEndToEndTests: XCTestCase {
    var folder = ""
    var database: String { folder + "/clinic.sqlite" }

    override func setUpWithError() throws { folder = try ClinicBinary.demoFolder() }
    override func tearDown() { try? FileManager.default.removeItem(atPath: folder) }

    /// Runs clinic in a real terminal and returns what it printed and its exit code.
    func runInTerminal(_ command: String) throws -> String {
        let tmux = try Tmux("env PS1='ready$ ' bash --norc --noprofile")
        try tmux.waitFor("ready$")
        // Quoted so that the typed line never contains the marker the output prints.
        try tmux.type(command + " ; echo \"exit\"\"-code=$?\"")
        try tmux.press("Enter")
        return try tmux.waitFor("exit-code=")
    }

    func testMissingTERM() throws {
        let screen = try runInTerminal("env -u TERM " + ClinicBinary.command(database))
        XCTAssertTrue(screen.contains("TERM is not set"), screen)
        XCTAssertTrue(screen.contains("exit-code=1"), screen)
    }

    func testUnknownTERM() throws {
        let screen = try runInTerminal(ClinicBinary.command(database, environment: "TERM=no-such-terminal"))
        XCTAssertTrue(screen.contains("unknown terminal type TERM=no-such-terminal"), screen)
        XCTAssertTrue(screen.contains("exit-code=1"), screen)
    }

    func testNotATerminal() throws {
        let result = try ClinicBinary.run(["--db", database], environment: ["CLINIC_SHARE": ClinicBinary.repositoryRoot])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("needs an interactive terminal"), result.stderr)
    }

    func assertRefused(
        _ arguments: [String], _ message: String, asUser uid: Int? = nil,
        file: StaticString = #filePath, line: UInt = #line
    ) throws {
        let result = try ClinicBinary.run(arguments, environment: ["CLINIC_SHARE": ClinicBinary.repositoryRoot], asUser: uid)
        XCTAssertNotEqual(result.status, 0, file: file, line: line)
        XCTAssertTrue(result.stderr.contains(message), "stderr was: \(result.stderr)", file: file, line: line)
    }

    func testMissingDatabaseSaysHowToCreateOne() throws {
        try assertRefused(["--db", folder + "/none.sqlite"], "Create one with `clinic init` (real clinic) or `clinic demo`")
        try assertRefused([], "Create one with", asUser: nil)
    }

    func testDatabaseThatIsNotSQLite() throws {
        let path = folder + "/notes.sqlite"
        try "not a database".write(toFile: path, atomically: true, encoding: .utf8)
        try assertRefused(["--db", path], "\(path) is not an SQLite database.")
    }

    func testReadOnlyDatabase() throws {
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: database)
        try assertRefused(["--db", database], "read-only")
    }

    func testUnreadableDatabase() throws {
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: database)
        if getuid() == 0 {
            // root reads everything; run the binary as nobody, who may not read root's 0600 file.
            try assertRefused(["--db", database], "Cannot read \(database): permission denied.", asUser: 65534)
        } else {
            try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: database)
            try assertRefused(["--db", database], "Cannot read \(database): permission denied.")
        }
    }

    func testMalformedKeymap() throws {
        let keymap = folder + "/keys.yaml"
        try "global:\n  help: [f1]\n  hepl: [f2]\n".write(toFile: keymap, atomically: true, encoding: .utf8)
        try assertRefused(["--db", database, "--keymap", keymap], "\(keymap):3: unknown action 'hepl' in 'global'")
    }

    func testBadIdleLockFlag() throws {
        try assertRefused(["--db", database, "--idle-lock", "0"], "--idle-lock must be a positive number of seconds")
        try assertRefused(["--db", database, "--idle-lock", "soon"], "soon")
    }

    func testDatabaseDefaultsToEnvironmentThenXDG() throws {
        let viaEnvironment = try ClinicBinary.run(["user", "list"], environment: ["CLINIC_DB": database])
        XCTAssertTrue(viaEnvironment.stdout.contains("clerk"), viaEnvironment.stderr)
        let xdg = try ClinicBinary.run(["audit", "verify"], environment: ["CLINIC_DB": "", "XDG_DATA_HOME": folder + "/xdg"])
        XCTAssertTrue(xdg.stderr.contains("\(folder)/xdg/mobile-clinic/clinic.sqlite"), xdg.stderr)
    }

    func testBadReportAndExportFlagsWriteNothing() throws {
        let db = ["--db", database]
        try assertRefused(
            ["report", "daily", "--date", "2026-02-30"] + db, "--date must be a real date, YYYY-MM-DD (got '2026-02-30')")
        try assertRefused(
            ["report", "monthly", "--date", "2026-13"] + db, "--date must be a real date, YYYY-MM-DD or YYYY-MM (got '2026-13')")
        try assertRefused(
            ["export", "claims", "--since", "last week", "--out", folder] + db,
            "--since must be a real date, YYYY-MM-DD (got 'last week')")
        try assertRefused(
            ["export", "fhir", "--since", "2026-01-01", "--out", "/proc/clinic-export"] + db,
            "Cannot export to /proc/clinic-export: the folder does not exist and cannot be created")
        try assertRefused(
            ["export", "claims", "--since", "2026-01-01", "--out", database] + db,
            "Cannot export to \(database): it is a file, not a folder")
        try assertRefused(
            ["audit", "export", "--from", "2026-02-31"] + db, "The From date must be a real date, YYYY-MM-DD (got '2026-02-31')")
        try assertRefused(["audit", "export", "--patient", "NOPE-1"] + db, "No patient with folder number NOPE-1")
        try assertRefused(["backup", "--to", "/proc/clinic.backup"] + db, "Cannot create /proc/clinic.backup")
        let left = try FileManager.default.contentsOfDirectory(atPath: folder).filter { !$0.hasPrefix("clinic.sqlite") }
        XCTAssertEqual(left, [], "no export or partial file was left behind")
    }

    func testBadSyncAddressesAndChoices() throws {
        let db = ["--db", database]
        try assertRefused(
            ["sync", "--central", "http://head-office"] + db,
            "Central database address: 'http://head-office' is not a postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE address")
        try assertRefused(["sync", "--central", "postgres://clinic@127.0.0.1"] + db, "names no database after the host")
        try assertRefused(
            ["sync", "--central", "postgres://clinic@127.0.0.1:\(PostgresServer.freePort())/central"] + db,
            "Cannot reach the central database")
        try assertRefused(["sync", "resolve", "x", "--keep", "both"] + db, "--keep must be central or truck (got 'both')")
        try assertRefused(["sync", "resolve", "x", "--keep", "truck"] + db, "No such conflict")
        let status = try ClinicBinary.run(["sync", "status"] + db)
        XCTAssertTrue(status.stdout.hasPrefix("Last sync: never · "), status.stdout)
    }
}
