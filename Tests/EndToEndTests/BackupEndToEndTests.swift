import ClinicServices
import ClinicStore
import Foundation
import GRDB
import XCTest

/// Starts visits in a loop on its own connection and remembers each one committed.
private final class VisitWriter: @unchecked Sendable {
    private let lock = NSLock()
    private var committed: [String] = []
    private var stopped = false
    private let done = DispatchSemaphore(value: 0)

    var visits: [String] { lock.withLock { committed } }

    func start(database path: String, patients: [String]) {
        Thread {
            defer { self.done.signal() }
            guard let store = try? ClinicDatabase.open(at: path) else { return }
            let visits = VisitService(database: store)
            for patient in patients where !self.lock.withLock({ self.stopped }) {
                guard let visit = try? visits.checkIn(patientId: patient, reason: "backup test", by: .shell(name: "writer"))
                else { continue }
                self.lock.withLock { self.committed.append(visit.id) }
            }
        }.start()
    }

    func stop() {
        lock.withLock { stopped = true }
        done.wait()
    }
}

final class BackupEndToEndTests: XCTestCase {
    var folder: String!
    var database: String { folder + "/clinic.sqlite" }

    override func setUpWithError() throws { folder = try ClinicBinary.demoFolder() }
    override func tearDown() { try? FileManager.default.removeItem(atPath: folder) }

    func testABackupTakenWhileAnotherProcessWritesRestoresEveryCommittedVisit() throws {
        XCTAssertEqual(try ClinicBinary.run(["demo", "--db", database, "--patients", "400"]).status, 0)
        let patients = try ClinicDatabase.open(at: database).pool.read { try String.fetchAll($0, sql: "SELECT id FROM patient") }
        let writer = VisitWriter()
        writer.start(database: database, patients: patients)
        let deadline = Date() + 30
        while writer.visits.count < 20 && Date() < deadline { usleep(10_000) }
        let committedBefore = writer.visits
        let backup = try ClinicBinary.run(["backup", "--db", database, "--to", folder + "/backup.sqlite"])
        usleep(100_000)
        writer.stop()
        XCTAssertEqual(backup.status, 0, backup.stderr)
        XCTAssertTrue(backup.stdout.contains("integrity check ok"), backup.stdout)
        XCTAssertGreaterThan(writer.visits.count, committedBefore.count, "the writer kept working during the backup")
        let mode = try FileManager.default.attributesOfItem(atPath: folder + "/backup.sqlite")[.posixPermissions] as? Int
        XCTAssertEqual(mode, 0o600)

        let restored = folder + "/restored.sqlite"
        let restore = try ClinicBinary.run(["restore", "--db", restored, folder + "/backup.sqlite"])
        XCTAssertEqual(restore.status, 0, restore.stderr)
        let store = try ClinicDatabase.open(at: restored)
        try store.pool.read { db in
            XCTAssertEqual(try String.fetchAll(db, sql: "PRAGMA integrity_check"), ["ok"])
            let visits = Set(try String.fetchAll(db, sql: "SELECT id FROM visit"))
            XCTAssertTrue(Set(committedBefore).isSubset(of: visits), "every visit committed before the backup began is in it")
            let halfWritten = try Int.fetchOne(
                db,
                sql: """
                    SELECT count(*) FROM visit v WHERE (SELECT count(*) FROM visitEvent e WHERE e.visitId = v.id) < 2
                    """)
            XCTAssertEqual(halfWritten, 0, "each visit has its registration and nursing steps")
            guard case .intact = try AuditLog.verify(in: db) else { return XCTFail("the restored audit chain is broken") }
        }
        XCTAssertEqual(
            try ClinicBinary.run(["backup", "--db", database, "--to", folder + "/backup.sqlite"]).stderr,
            "Error: A database already exists at \(folder!)/backup.sqlite; refusing to overwrite it.\n")
    }

    func testRestoreRefusesWhatIsNotASoundBackupAndLeavesTheDatabaseAlone() throws {
        func state() throws -> [String] {
            try ClinicDatabase.open(at: database).pool.read {
                try String.fetchAll($0, sql: "SELECT hash FROM auditEntry ORDER BY id")
            }
        }
        let before = try state()
        let text = folder + "/notes.txt"
        try "not a database".write(toFile: text, atomically: true, encoding: .utf8)
        let other = folder + "/other.sqlite"
        try DatabaseQueue(path: other).write { try $0.execute(sql: "CREATE TABLE t(x)") }
        let cases = [
            (text, "Error: \(text) is not an SQLite database.\n"),
            (other, "Error: \(other) is an SQLite database but not a Mobile Clinic one.\n"),
            (folder + "/missing.sqlite", "Error: No clinic database at \(folder!)/missing.sqlite."),
            (database, "Error: \(database) is the database itself; restore from a backup copy."),
        ]
        for (file, message) in cases {
            let result = try ClinicBinary.run(["restore", "--db", database, file])
            XCTAssertEqual(result.status, 1, file)
            XCTAssertTrue(result.stderr.hasPrefix(message), result.stderr)
        }
        XCTAssertEqual(try state(), before, "the live database is untouched (not even an audit row)")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.contains("before-restore") }
        XCTAssertEqual(leftovers, [], "no safety copy is made when nothing is restored")
    }
}
