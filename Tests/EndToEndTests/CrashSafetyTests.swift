import ClinicServices
import ClinicStore
import Foundation
import GRDB
import TestSupport
import XCTest

/// Power cuts: `clinic-worker crash` runs whole visits through the services and is killed
/// with SIGKILL at random moments, again and again on the same database. After every kill
/// the database must be sound, hold everything the worker reported committed, and hold no
/// half-written visit. `CLINIC_SOAK_KILLS` raises the number of kills (`make soak`).
final class CrashSafetyTests: XCTestCase {
    static let worker = (ClinicBinary.path as NSString).deletingLastPathComponent + "/clinic-worker"
    static var kills: Int { ProcessInfo.processInfo.environment["CLINIC_SOAK_KILLS"].flatMap(Int.init) ?? 200 }

    /// A demo database with stock, plenty of the worker's medicine and `patients` patients.
    static func workerDatabase(at path: String, patients: Int) throws -> ClinicDatabase {
        let store = try ClinicSetup(hasher: PasswordHasher(memoryKiB: 64, iterations: 1, parallelism: 1))
            .demo(at: path, password: "clinic-demo")
        _ = try DemoStock(database: store).seed()
        try store.pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO movement(batchId, kind, quantity, reason, actor, at)
                    SELECT id, 'receive', 1000000, 'reliability suite', 'test', '2026-01-01T00:00:00.000Z' FROM batch
                    WHERE itemCode = (SELECT itemCode FROM batch ORDER BY id LIMIT 1)
                    """)
        }
        if patients > 0 { try DemoPatients(database: store).seed(patients) }
        return store
    }

    func testKilledAtRandomMomentsNothingReportedIsLostAndNoVisitIsHalfWritten() throws {
        let folder = TemporaryFolder()
        let path = folder.file("clinic.sqlite")
        try Self.workerDatabase(at: path, patients: 0).pool.close()
        let seed = UInt64.random(in: 1...UInt64(UInt32.max))
        var random = SystemRandomNumberGenerator()
        var reported: [String] = []
        var killedMidWay = 0
        for run in 0..<Self.kills {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: Self.worker)
            process.arguments = ["crash", "--db", path, "--seed", String(seed &+ UInt64(run))]
            let output = Pipe(), errors = Pipe()
            process.standardOutput = output
            process.standardError = errors
            try process.run()
            usleep(UInt32.random(in: 30_000...250_000, using: &random))
            if process.isRunning { killedMidWay += 1 }
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let lines = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).split(separator: "\n")
                .map(String.init)
            let failure = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            XCTAssertEqual(process.terminationReason, .uncaughtSignal, "run \(run) (seed \(seed)) ended by itself: \(failure)")
            reported += lines
            // What this run reported, and the whole database's soundness, after every kill.
            let problems = try Self.check(path, reported: lines)
            guard problems.isEmpty else {
                return XCTFail("after kill \(run + 1) (seed \(seed)):\n" + problems.joined(separator: "\n"))
            }
        }
        XCTAssertEqual(
            try Self.check(path, reported: reported, auditToo: true), [],
            "everything reported in all runs is still there; the audit chain and every seal verify")
        let visits = Set(reported.filter { $0.hasPrefix("visit ") })
        XCTAssertGreaterThan(visits.count, Self.kills / 4, "the worker got real work done between kills")
        XCTAssertGreaterThan(killedMidWay, Self.kills * 9 / 10)
        print(
            "crash safety: \(Self.kills) kills, \(reported.count) operations reported and found, \(visits.count) visits (seed \(seed))"
        )
    }

    func testTheCheckFindsWhatAHalfWrittenVisitOrALostCommitLooksLike() throws {
        let folder = TemporaryFolder()
        let path = folder.file("clinic.sqlite")
        let store = try ClinicSetup(hasher: PasswordHasher(memoryKiB: 64, iterations: 1, parallelism: 1))
            .demo(at: path, password: "clinic-demo")
        try DemoPatients(database: store).seed(1)
        let shell = Actor.shell(name: "test")
        let patient = try store.pool.read { try String.fetchOne($0, sql: "SELECT id FROM patient")! }
        let visit = try VisitService(database: store).checkIn(patientId: patient, reason: "check-up", by: shell)
        try store.pool.write {
            try $0.execute(sql: "UPDATE visit SET stage = 'consultation' WHERE id = ?", arguments: [visit.id])
        }
        try store.pool.close()
        XCTAssertEqual(
            try Self.check(path, reported: ["visit \(visit.id)", "vitals 99"]),
            [
                "reported but missing: vitals 99",
                "visit \(visit.id) in consultation: its timeline ends elsewhere",
            ])
    }

    /// What is wrong with the database at `path`, given the lines the worker reported;
    /// `auditToo` also verifies the audit chain and every seal (slow in a debug build, so
    /// once at the end rather than after every kill).
    static func check(_ path: String, reported: [String], auditToo: Bool = false) throws -> [String] {
        let store = try ClinicDatabase.open(at: path)
        defer { try? store.pool.close() }
        return try store.pool.read { db in
            var problems: [String] = []
            let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check")
            if integrity != ["ok"] { problems.append("integrity_check: \(integrity)") }
            let orphans = try Row.fetchAll(db, sql: "PRAGMA foreign_key_check")
            if !orphans.isEmpty { problems.append("foreign_key_check: \(orphans)") }
            if auditToo {
                let verdict = try AuditLog.verify(in: db)
                if case .intact = verdict {} else { problems.append("audit: \(verdict)") }
            }
            let order = ["registration", "nursing", "consultation", "counselling", "closure", "closed"]
            for line in reported {
                let parts = line.split(separator: " ").map(String.init)
                let found: Bool
                switch parts[0] {
                case "patient": found = try PatientRecord.exists(db, key: parts[1])
                case "visit": found = try VisitRecord.exists(db, key: parts[1])
                case "vitals":
                    found = try Int.fetchOne(db, sql: "SELECT 1 FROM vitalsSet WHERE id = ?", arguments: [parts[1]]) != nil
                case "prescription":
                    found = try Int.fetchOne(db, sql: "SELECT 1 FROM prescription WHERE id = ?", arguments: [parts[1]]) != nil
                case "diagnosis":
                    found = try Int.fetchOne(db, sql: "SELECT 1 FROM diagnosis WHERE visitId = ?", arguments: [parts[1]]) != nil
                case "dispensed":
                    found =
                        try Int.fetchOne(
                            db, sql: "SELECT 1 FROM prescription WHERE visitId = ? AND dispensedAt IS NOT NULL",
                            arguments: [parts[1]]) != nil
                case "stage":
                    let stage = try String.fetchOne(db, sql: "SELECT stage FROM visit WHERE id = ?", arguments: [parts[1]]) ?? ""
                    found = (order.firstIndex(of: stage) ?? -1) >= order.firstIndex(of: parts[2])!
                default: found = false
                }
                if !found { problems.append("reported but missing: \(line)") }
            }
            // No half-written visit, whatever the moment of the kill.
            let halfWritten = try String.fetchAll(
                db,
                sql: """
                    SELECT 'visit ' || v.id || ' in ' || v.stage || ': ' || problem FROM (
                        SELECT v.*, CASE
                            WHEN (SELECT toStage FROM visitEvent e WHERE e.visitId = v.id ORDER BY e.id DESC LIMIT 1) IS NOT v.stage
                                THEN 'its timeline ends elsewhere'
                            WHEN v.stage IN ('consultation', 'closure', 'closed') AND NOT EXISTS (SELECT 1 FROM vitalsSet s WHERE s.visitId = v.id)
                                THEN 'past nursing without vitals'
                            WHEN v.stage IN ('closure', 'closed') AND NOT EXISTS (SELECT 1 FROM diagnosis d WHERE d.visitId = v.id AND d.isPrimary)
                                THEN 'past consultation without a primary diagnosis'
                            WHEN v.stage IN ('closure', 'closed') AND NOT EXISTS (SELECT 1 FROM consultationNote n WHERE n.visitId = v.id)
                                THEN 'past consultation without a note'
                            WHEN EXISTS (SELECT 1 FROM prescription p WHERE p.visitId = v.id AND p.dispensedAt IS NOT NULL)
                                 <> (v.id IN (SELECT visitId FROM movement WHERE kind = 'dispense'))
                                THEN 'dispensed prescriptions and stock movements disagree'
                        END AS problem FROM visit v) v
                    WHERE problem IS NOT NULL
                    """)
            return problems + halfWritten
        }
    }
}
