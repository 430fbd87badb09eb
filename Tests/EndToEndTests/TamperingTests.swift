import ClinicDomain
import ClinicServices
import ClinicStore
import Foundation
import GRDB
import TestSupport
import XCTest

/// A curious person with the `sqlite3` shell: every way of changing the audit log or a
/// clinical row behind the program's back is found by `clinic audit verify` (exit 2, the
/// row named), and a plain edit of a clinical row is refused by the database itself.
final class TamperingTests: XCTestCase {
    /// A closed visit with vitals, a diagnosis, a prescription and a note, then closed.
    static let prepared: String = {
        let folder = NSTemporaryDirectory() + "clinic-tamper-\(UUID().uuidString)"
        try! FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = folder + "/prepared.sqlite"
        let store = try! ClinicSetup(hasher: PasswordHasher(memoryKiB: 64, iterations: 1, parallelism: 1)).demo(
            at: path, password: "clinic-demo")
        _ = try! ClinicDay(database: store, clock: ManualClock(Date()), letters: folder + "/letters")
        try! store.pool.writeWithoutTransaction { try $0.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        try! store.pool.close()
        return path
    }()

    /// A fresh copy of the prepared database.
    func copy() throws -> String {
        let path = NSTemporaryDirectory() + "clinic-tamper-\(UUID().uuidString).sqlite"
        try FileManager.default.copyItem(atPath: Self.prepared, toPath: path)
        addTeardownBlock { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        return path
    }

    func shell(_ path: String, _ sql: String) throws -> (status: Int32, stderr: String) {
        let process = Process(), errors = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [path, sql]
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, message)
    }

    func testTheUntouchedDatabaseVerifies() throws {
        let verify = try ClinicBinary.run(["audit", "verify", "--db", try copy()])
        XCTAssertEqual(verify.status, 0, verify.stdout)
        XCTAssertTrue(verify.stdout.contains("rows match their seals"), verify.stdout)
    }

    func testAPlainEditOfAClinicalRowIsRefusedByTheDatabase() throws {
        let path = try copy()
        let edit = try shell(path, "UPDATE vitalsSet SET vitals = json_set(vitals, '$.systolic', 110) WHERE id = 1")
        XCTAssertNotEqual(edit.status, 0)
        XCTAssertTrue(edit.stderr.contains("no such function: clinic_seal"), edit.stderr)
        XCTAssertEqual(try ClinicBinary.run(["audit", "verify", "--db", path]).status, 0, "nothing changed")
    }

    func testAPlainRoleChangeIsRefusedByTheDatabase() throws {
        let path = try copy()
        let edit = try shell(path, "UPDATE user SET role = 'admin' WHERE username = 'viewer'")
        XCTAssertNotEqual(edit.status, 0)
        XCTAssertTrue(edit.stderr.contains("no such function: clinic_seal"), edit.stderr)
    }

    func testEveryKindOfTamperingIsFound() throws {
        let dropSeals = Seals.tables.flatMap {
            ["DROP TRIGGER \($0.table)_seal_insert;", "DROP TRIGGER \($0.table)_seal_update;"]
        }
        .joined(separator: " ")
        let cases: [(what: String, sql: String, expected: String)] = [
            (
                "audit row edited",
                dropSeals + " DROP TRIGGER auditEntry_no_update; UPDATE auditEntry SET actor = 'nobody' WHERE id = 3;",
                "Audit log BROKEN at row 3: content does not match its hash (row edited)"
            ),
            (
                "audit row deleted", dropSeals + " DROP TRIGGER auditEntry_no_delete; DELETE FROM auditEntry WHERE id = 4;",
                "Audit log BROKEN at row 5: row 4 is missing (deleted or renumbered)"
            ),
            (
                "audit rows reordered",
                dropSeals + """
                     DROP TRIGGER auditEntry_no_update;
                    UPDATE auditEntry SET id = -1 WHERE id = 5; UPDATE auditEntry SET id = 5 WHERE id = 6; UPDATE auditEntry SET id = 6 WHERE id = -1;
                    """, "Audit log BROKEN at row 5"
            ),
            (
                "last audit row deleted",
                "DROP TRIGGER auditEntry_no_delete; DELETE FROM auditEntry WHERE id = (SELECT max(id) FROM auditEntry);",
                "TAMPERED: auditEntry"
            ),
            (
                "vitals edited", dropSeals + " UPDATE vitalsSet SET vitals = json_set(vitals, '$.systolic', 110) WHERE id = 1;",
                "TAMPERED: vitalsSet 1: edited behind the program's back"
            ),
            (
                "diagnosis deleted", "DELETE FROM diagnosis WHERE id = 1;",
                "TAMPERED: diagnosis 1: deleted behind the program's back"
            ),
            (
                "prescription added",
                dropSeals + """
                     INSERT INTO prescription(visitId, itemCode, description, dose, frequency, days, quantity, prescribedBy, prescribedAt)
                     SELECT visitId, itemCode, description, dose, frequency, days, 1000, prescribedBy, prescribedAt FROM prescription LIMIT 1;
                    """, "TAMPERED: prescription"
            ),
            (
                "visit reopened", dropSeals + " UPDATE visit SET stage = 'consultation' WHERE stage = 'closed';",
                "TAMPERED: visit"
            ),
            (
                "patient renamed", dropSeals + " UPDATE patient SET surname = 'Smith' WHERE rowid = 1;",
                "TAMPERED: patient"
            ),
            (
                "seal forged away", "DELETE FROM seal WHERE tableName = 'consultationNote';",
                "TAMPERED: consultationNote"
            ),
            (
                "viewer made administrator", dropSeals + " UPDATE user SET role = 'admin' WHERE username = 'viewer';",
                "TAMPERED: user"
            ),
            (
                "setting changed", dropSeals + " UPDATE setting SET value = value || 'X' WHERE rowid = 1;",
                "TAMPERED: setting"
            ),
        ]
        for (what, sql, expected) in cases {
            let path = try copy()
            let edit = try shell(path, sql)
            XCTAssertEqual(edit.status, 0, "\(what): \(edit.stderr)")
            let verify = try ClinicBinary.run(["audit", "verify", "--db", path])
            XCTAssertEqual(verify.status, 2, "\(what): \(verify.stdout)")
            XCTAssertTrue(verify.stdout.contains(expected), "\(what): \(verify.stdout)")
        }
        print("tampering: \(cases.count) kinds of tampering found by clinic audit verify")
    }
}
