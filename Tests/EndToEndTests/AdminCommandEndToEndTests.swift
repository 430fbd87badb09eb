import Foundation
import XCTest

/// `clinic init`, `clinic user …` and `clinic audit verify` at the shell.
final class AdminCommandEndToEndTests: XCTestCase {
    let folder = NSTemporaryDirectory() + "clinic-admin-\(UUID().uuidString)"
    var database: String { folder + "/truck.sqlite" }

    override func tearDown() { try? FileManager.default.removeItem(atPath: folder) }

    func testInitAsksForTheFirstAdministratorAndCreatesNoOtherAccount() throws {
        let created = try ClinicBinary.run(
            ["init", "--db", database, "--site", "POLMED Truck 3", "--site-code", "T03"],
            input: "thandi\nThandi Mokoena\nfirst-secret\nfirst-secret\n")
        XCTAssertEqual(created.status, 0, created.stderr)
        XCTAssertTrue(created.stdout.contains("with administrator thandi"), created.stdout)
        let mode = try FileManager.default.attributesOfItem(atPath: database)[.posixPermissions] as! Int
        XCTAssertEqual(mode & 0o777, 0o600)
        let list = try ClinicBinary.run(["user", "list", "--db", database])
        let rows = list.stdout.split(separator: "\n").dropFirst()
        XCTAssertEqual(rows.count, 1, list.stdout)
        XCTAssertTrue(rows.first?.hasPrefix("thandi") ?? false, list.stdout)

        let again = try ClinicBinary.run(["init", "--db", database], input: "x\ny\nzzzzzzzz\nzzzzzzzz\n")
        XCTAssertNotEqual(again.status, 0)
        XCTAssertTrue(again.stderr.contains("refusing to overwrite"), again.stderr)
    }

    func testInitWithMismatchedPasswordsWritesNothing() throws {
        let result = try ClinicBinary.run(["init", "--db", database], input: "thandi\nThandi\nfirst-secret\nother-secret\n")
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.stderr.contains("the two passwords differ"), result.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: database))
    }

    func testUserLifecycleAndAuditVerify() throws {
        XCTAssertEqual(try ClinicBinary.run(["demo", "--db", database, "--password", "demo-pass-1"]).status, 0)
        let added = try ClinicBinary.run(
            ["user", "add", "lerato", "--role", "nurse", "--name", "Lerato M", "--db", database],
            input: "nurse-secret\nnurse-secret\n")
        XCTAssertEqual(added.status, 0, added.stderr)
        let badRole = try ClinicBinary.run(["user", "add", "x1", "--role", "surgeon", "--name", "X", "--db", database])
        XCTAssertNotEqual(badRole.status, 0)
        XCTAssertTrue(badRole.stderr.contains("surgeon"), badRole.stderr)
        let duplicate = try ClinicBinary.run(
            ["user", "add", "lerato", "--role", "nurse", "--name", "L", "--db", database],
            input: "nurse-secret\nnurse-secret\n")
        XCTAssertTrue(duplicate.stderr.contains("user 'lerato' already exists"), duplicate.stderr)

        XCTAssertEqual(try ClinicBinary.run(["user", "lock", "lerato", "--db", database]).status, 0)
        XCTAssertTrue(try ClinicBinary.run(["user", "list", "--db", database]).stdout.contains("disabled"))
        XCTAssertEqual(try ClinicBinary.run(["user", "unlock", "lerato", "--db", database]).status, 0)
        XCTAssertEqual(
            try ClinicBinary.run(
                ["user", "passwd", "lerato", "--db", database],
                input: "newer-secret\nnewer-secret\n"
            ).status, 0)
        let ghost = try ClinicBinary.run(["user", "lock", "ghost", "--db", database])
        XCTAssertTrue(ghost.stderr.contains("no user named 'ghost'"), ghost.stderr)

        let verify = try ClinicBinary.run(["audit", "verify", "--db", database])
        XCTAssertEqual(verify.status, 0, verify.stdout)
        XCTAssertTrue(verify.stdout.contains("chain verified"), verify.stdout)
    }

    func testAuditVerifyFindsAnEditMadeBehindTheProgramsBack() throws {
        XCTAssertEqual(try ClinicBinary.run(["demo", "--db", database]).status, 0)
        XCTAssertEqual(try ClinicBinary.run(["user", "lock", "clerk", "--db", database]).status, 0)
        let sqlite = Process()
        sqlite.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        sqlite.arguments = [
            database,
            """
            DROP TRIGGER auditEntry_no_update; DROP TRIGGER auditEntry_seal_update;
            UPDATE auditEntry SET detail = 'nurse' WHERE action = 'user.lock';
            """,
        ]
        try sqlite.run()
        sqlite.waitUntilExit()
        let verify = try ClinicBinary.run(["audit", "verify", "--db", database])
        XCTAssertEqual(verify.status, 2)
        XCTAssertTrue(
            verify.stdout.contains("Audit log BROKEN at row 2: content does not match its hash (row edited)"), verify.stdout)
    }

    func testHelpIsCompleteForEverySubcommand() throws {
        for command in [
            [], ["init"], ["demo"], ["user"], ["user", "add"], ["user", "passwd"], ["user", "lock"],
            ["user", "unlock"], ["user", "list"], ["audit", "verify"], ["run"], ["members", "import"],
            ["patients", "import"], ["icd10", "import"], ["formulary", "import"], ["stock", "import"], ["stock", "report"],
            ["visit", "summary"],
        ] {
            let help = try ClinicBinary.run(command + ["--help"])
            XCTAssertEqual(help.status, 0, "\(command)")
            XCTAssertTrue(help.stdout.contains("USAGE: clinic"), "\(command): \(help.stdout)")
        }
        let top = try ClinicBinary.run(["--help"]).stdout
        for word in ["init", "demo", "user", "audit", "--db", "--keymap", "--idle-lock"] {
            XCTAssertTrue(top.contains(word), "\(word) missing from:\n\(top)")
        }
    }
}

extension AdminCommandEndToEndTests {
    func testVisitSummaryForAnUnknownVisitIsAClearError() throws {
        XCTAssertEqual(try ClinicBinary.run(["demo", "--db", database]).status, 0)
        let result = try ClinicBinary.run(["visit", "summary", "no-such-visit", "--db", database])
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.stderr.contains("No such visit."), result.stderr)
    }
}
