import Foundation
import XCTest

/// Nothing `--out` names can destroy a file: the database and its journal and log are
/// never written, nor a device; an existing file only with --force; a file appears whole.
final class OutputSafetyEndToEndTests: XCTestCase {
    var folder = ""
    var database: String { folder + "/clinic.sqlite" }

    override func setUpWithError() throws { folder = try ClinicBinary.demoFolder() }
    override func tearDown() { try? FileManager.default.removeItem(atPath: folder) }

    private func clinic(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let result = try ClinicBinary.run(
            arguments + ["--db", database], environment: ["CLINIC_SHARE": ClinicBinary.repositoryRoot])
        return (result.status, result.stdout, result.stderr)
    }

    /// Every command with `--out FILE`, aimed at each file of the database, even with --force.
    func testNoCommandWritesOverTheDatabaseItsJournalOrLog() throws {
        try FileManager.default.createSymbolicLink(atPath: folder + "/link.sqlite", withDestinationPath: database)
        let commands = [
            ["stock", "report"], ["audit", "export"], ["report", "daily", "--date", "2026-11-24"],
            ["appointments", "reminders", "--date", "2026-11-24"],
        ]
        for command in commands {
            for target in [
                database, database + "-wal", database + "-shm", database + ".log", folder + "/link.sqlite",
                folder + "/./clinic.sqlite",
            ] {
                let result = try clinic(command + ["--out", target, "--force"])
                XCTAssertEqual(result.status, 1, "\(command) --out \(target)")
                XCTAssertTrue(
                    result.stderr.contains(
                        "is the clinic database, its journal, its log or its counselling key: output never goes there"),
                    "\(command) --out \(target): \(result.stderr)")
            }
        }
        XCTAssertEqual(
            String(decoding: try Data(contentsOf: URL(fileURLWithPath: database)).prefix(15), as: UTF8.self), "SQLite format 3")
        XCTAssertEqual(try clinic(["audit", "verify"]).status, 0, "the database is whole")
    }

    func testADeviceAFolderOrNoNameIsRefusedEvenWithForce() throws {
        for target in ["/dev/null", "/dev/full", folder] {
            let result = try clinic(["stock", "report", "--out", target, "--force"])
            XCTAssertEqual(result.status, 1, target)
            XCTAssertTrue(result.stderr.contains("\(target) is not a plain file (a device, folder or pipe)"), result.stderr)
        }
        for (target, message) in [
            ("", "no file name given: name the file to write"),
            (folder + "/none/x.csv", "the folder of \(folder)/none/x.csv does not exist: create it first or choose another"),
        ] {
            let result = try clinic(["stock", "report", "--out", target])
            XCTAssertEqual(result.status, 1, target)
            XCTAssertTrue(result.stderr.contains(message), result.stderr)
        }
        var info = stat()
        XCTAssertEqual(stat("/dev/full", &info), 0)
        XCTAssertEqual(info.st_mode & S_IFMT, S_IFCHR, "/dev/full is still a device")
    }

    func testAnExistingFileIsReplacedOnlyWithForceAndNoPartFileIsLeft() throws {
        let out = folder + "/stock.csv"
        try "keep me\n".write(toFile: out, atomically: true, encoding: .utf8)
        let refused = try clinic(["stock", "report", "--out", out])
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.stderr.contains("\(out) already exists: give a new name, or --force to replace it"), refused.stderr)
        XCTAssertEqual(try String(contentsOfFile: out, encoding: .utf8), "keep me\n")
        let forced = try clinic(["stock", "report", "--out", out, "--force"])
        XCTAssertEqual(forced.status, 0, forced.stderr)
        XCTAssertEqual(forced.stdout, "Written to \(out).\n")
        XCTAssertTrue(try String(contentsOfFile: out, encoding: .utf8).hasPrefix("item_code,"), "the stock report replaced it")
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: out)[.posixPermissions] as? Int, 0o600)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.contains(".partial") }
        XCTAssertEqual(leftovers, [])
    }

    func testADashIsStandardOutputAndNoFileNamedDash() throws {
        let result = try ClinicBinary.run(
            ["stock", "report", "--out", "-", "--db", database],
            environment: ["CLINIC_SHARE": ClinicBinary.repositoryRoot], workingDirectory: folder)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.hasPrefix("item_code,"), result.stdout)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder + "/-"), "no file named -")
    }
}
