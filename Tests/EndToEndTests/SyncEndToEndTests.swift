import ClinicDomain
import ClinicServices
import ClinicStore
import Foundation
import GRDB
import TestSupport
import XCTest

/// Fleet sync against a real PostgreSQL server: three trucks at once, syncs killed at
/// random moments, and a demographic conflict kept with both values.
final class SyncEndToEndTests: XCTestCase {
    /// One server for the class (XCTest runs its tests one after another).
    nonisolated(unsafe) static var server: PostgresServer?
    var folder = ""
    var central = ""
    let shell = Actor.shell(name: "e2e")

    override class func tearDown() { server?.stop() }

    override func setUpWithError() throws {
        if Self.server == nil { Self.server = try PostgresServer() }
        central = try Self.server!.newDatabase()
        folder = NSTemporaryDirectory() + "clinic-sync-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let migrate = try ClinicBinary.run(["central", "migrate", "--central", central, "--db", try truck("T00")])
        XCTAssertEqual(migrate.stdout, "Applied central schema versions 1, 2, 3, 4, 5.\n", migrate.stderr)
    }

    override func tearDown() { try? FileManager.default.removeItem(atPath: folder) }

    /// A real (not demo) truck database with site code `code`; returns its path.
    @discardableResult
    func truck(_ code: String, patients: Int = 0, visits: Int = 0) throws -> String {
        let path = folder + "/\(code).sqlite"
        if !FileManager.default.fileExists(atPath: path) {
            try ClinicSetup(hasher: PasswordHasher(memoryKiB: 64, iterations: 1, parallelism: 1)).initialize(
                at: path, siteName: "Truck \(code)", siteCode: code, adminUsername: "admin",
                adminFullName: "Admin", adminPassword: "correct horse battery")
        }
        let store = try ClinicDatabase.open(at: path)
        // Different people on each truck: T01 from person 1000, T02 from 2000, …
        if patients > 0 {
            try DemoPatients(database: store).seed(patients, seed: 7, firstPerson: (Int(code.dropFirst()) ?? 0) * 1000)
        }
        try work(store, visits: visits)
        try store.pool.close()
        return path
    }

    /// Closed visits with vitals, a diagnosis and an allergy for the first `visits` patients without
    /// one; the nurse's GREEN stands for a child's colour (no adult chart) and cannot lower an adult's.
    func work(_ store: ClinicDatabase, visits count: Int) throws {
        guard count > 0 else { return }
        let ids = try store.pool.read {
            try String.fetchAll(
                $0, sql: "SELECT id FROM patient WHERE id NOT IN (SELECT patientId FROM visit) ORDER BY folderNumber LIMIT ?",
                arguments: [count])
        }
        let visits = VisitService(database: store), consultation = ConsultationService(database: store)
        for id in ids {
            let visit = try visits.checkIn(patientId: id, reason: "check-up", by: shell)
            _ = try visits.recordVitals(
                visitId: visit.id,
                input: VitalsInput([
                    "systolic": "130", "diastolic": "85", "heart_rate": "70",
                    "resp_rate": "14", "temperature": "36.6", "spo2": "98", "mobility": "w", "avpu": "a", "trauma": "n",
                    "discriminator": "g", "discriminator_reason": "well, check-up",
                ]), by: shell)
            _ = try visits.perform(.completeNursing, visitId: visit.id, by: shell)
            try consultation.addDiagnosis(visitId: visit.id, code: "I10", primary: true, by: shell)
            try consultation.saveNote(visitId: visit.id, subjective: "", objective: "", assessment: "BP", plan: "", by: shell)
            _ = try consultation.complete(visitId: visit.id, toCounselling: false, by: shell)
            _ = try visits.perform(.close(outcome: "treated"), visitId: visit.id, by: shell)
            try PatientService(database: store).addBackground(.allergy, text: "Penicillin", note: "rash", to: id, by: shell)
        }
    }

    /// A database made by the program before the migrations were split and the records typed
    /// (issue 20: the fixture `demo-48f69d9.db`, 3 patients and sample stock) opens, migrates
    /// and pushes everything it holds, then verifies.
    func testADatabaseMadeBeforeTheTypedBoundariesSyncsAndVerifies() throws {
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("ClinicStoreTests/Fixtures/demo-48f69d9.db").path
        let path = folder + "/old.sqlite"
        try FileManager.default.copyItem(atPath: fixture, toPath: path)
        let pushed = try sync(path)
        XCTAssertEqual(pushed.status, 0, pushed.stdout + pushed.stderr)
        XCTAssertTrue(pushed.stdout.contains("pushed "), pushed.stdout)
        XCTAssertEqual(try centralKeys()["patient"]?.count, 3, "the fixture's three patients are central")
        let verified = try ClinicBinary.run(["audit", "verify", "--db", path])
        XCTAssertEqual(verified.status, 0, verified.stdout + verified.stderr)
        XCTAssertTrue(verified.stdout.contains("intact"), verified.stdout)
    }

    func sync(_ path: String, batch: Int = 500) throws -> ClinicBinary.Result {
        try ClinicBinary.run(["sync", "--db", path, "--central", central, "--batch", String(batch)])
    }

    /// Central keys per kind.
    func centralKeys() throws -> [String: Set<String>] {
        let rows = try Self.server!.query(central, "SELECT kind || '|' || key FROM record WHERE NOT deleted").split(
            separator: "\n")
        return Dictionary(grouping: rows.map { $0.split(separator: "|", maxSplits: 1) }, by: { String($0[0]) })
            .mapValues { Set($0.map { String($0[1]) }) }
    }

    /// The central keys a truck's own rows should have, per kind.
    func ownKeys(_ path: String) throws -> [String: Set<String>] {
        let store = try ClinicDatabase.open(at: path)
        defer { try? store.pool.close() }
        return try store.pool.read { db in
            let site = try SettingsRepository.load(in: db).siteCode
            var out: [String: Set<String>] = [:]
            for (table, key) in SyncTables.keys where table != "counsellingNote" {
                var sql = "SELECT \(key) FROM \(table)"
                if table == "patient" { sql += " WHERE folderNumber LIKE '\(site)-%'" }
                if table == "patientBackground" { sql += " WHERE id NOT IN (SELECT localKey FROM syncOrigin)" }
                let keys = try String.fetchAll(db, sql: sql).map { SyncTables.centralKey(table: table, key: $0, site: site) }
                if !keys.isEmpty { out[table] = Set(keys) }
            }
            return out
        }
    }

    func testThreeTrucksSyncAtOnceAndEveryRecordIsCentralExactlyOnce() throws {
        let trucks = try ["T01", "T02", "T03"].map { try truck($0, patients: 40, visits: 6) }
        for round in 1...2 {
            let processes = trucks.map { path -> Process in
                let process = Process()
                process.executableURL = URL(fileURLWithPath: ClinicBinary.path)
                process.arguments = ["sync", "--db", path, "--central", central, "--batch", "50"]
                process.standardOutput = FileHandle.nullDevice
                return process
            }
            try processes.forEach { try $0.run() }
            processes.forEach { $0.waitUntilExit() }
            XCTAssertEqual(processes.map(\.terminationStatus), [0, 0, 0], "round \(round)")
        }
        var expected: [String: Set<String>] = [:]
        for path in trucks { for (kind, keys) in try ownKeys(path) { expected[kind, default: []].formUnion(keys) } }
        XCTAssertEqual(try centralKeys(), expected, "the centre holds every truck's rows, each once (primary key kind+key)")
        XCTAssertEqual(expected["visit"]?.count, 18)
        XCTAssertEqual(expected["patient"]?.count, 120)
        for path in trucks {
            let store = try ClinicDatabase.open(at: path)
            let count = try store.pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM patient") }
            XCTAssertEqual(count, 120, "\(path) has every truck's patients")
            let allergies = try store.pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM patientBackground") }
            XCTAssertEqual(allergies, 18, "with their clinical background")
            try store.pool.close()
        }
        let t3 = try ClinicDatabase.open(at: trucks[2])
        let fromT1 = try t3.pool.read {
            try String.fetchOne($0, sql: "SELECT saID FROM patient WHERE folderNumber = 'T01-000001'")
        }
        let found = try PatientService(database: t3).search(try XCTUnwrap(fromT1), by: shell)
        XCTAssertEqual(found.map(\.folderNumber), ["T01-000001"], "a patient registered on T01 is found on T03 by SA ID")
    }

    func testASyncKilledAtRandomMomentsLosesAndDuplicatesNothing() throws {
        let path = try truck("T01", patients: 200, visits: 10)
        var generator = SystemRandomNumberGenerator()
        var kills = 0
        for run in 0..<12 {
            if run % 3 == 0 { try truck("T01", visits: 2) }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: ClinicBinary.path)
            process.arguments = ["sync", "--db", path, "--central", central, "--batch", "20"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            usleep(UInt32.random(in: 20_000...600_000, using: &generator))
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                kills += 1
            }
            process.waitUntilExit()
        }
        let final = try sync(path)
        XCTAssertEqual(final.status, 0, final.stderr)
        XCTAssertTrue(final.stdout.hasSuffix("; 0 waiting.\n"), final.stdout)
        XCTAssertEqual(try centralKeys(), try ownKeys(path), "after \(kills) kills the centre equals the truck")
        let store = try ClinicDatabase.open(at: path)
        let local = try store.pool.read { db in
            try String.fetchAll(
                db, sql: "SELECT json_object('id', id, 'stage', stage, 'endedAt', endedAt) FROM visit ORDER BY id")
        }
        let remote = try Self.server!.query(
            central,
            """
            SELECT json_build_object('id', payload->>'id', 'stage', payload->>'stage', 'endedAt', payload->>'endedAt')::text
            FROM record WHERE kind = 'visit' ORDER BY key
            """
        ).split(separator: "\n").map(String.init)
        XCTAssertEqual(remote.map(Self.object), local.map(Self.object), "visits centrally as they are on the truck")
        print("sync kill test: \(kills) of 12 syncs killed")
    }

    static func object(_ json: String) -> NSDictionary {
        (try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? NSDictionary) ?? [:]
    }

    func testConflictingEditsKeepBothValuesUntilAnAdministratorResolves() throws {
        let t1 = try truck("T01", patients: 1), t2 = try truck("T02")
        XCTAssertEqual(try sync(t1).status, 0)
        XCTAssertEqual(try sync(t2).status, 0)
        func setPhone(_ path: String, _ phone: String) throws {
            let store = try ClinicDatabase.open(at: path)
            let patients = PatientService(database: store)
            let id = try store.pool.read { try String.fetchOne($0, sql: "SELECT id FROM patient")! }
            let record = try patients.open(id: id, by: shell).record
            var input = PatientInput(record.details)
            input.values["phone"] = phone
            _ = try patients.edit(record, to: input, by: shell)
            try store.pool.close()
        }
        try setPhone(t1, "+27821110000")
        try setPhone(t2, "+27832220000")
        XCTAssertEqual(try sync(t1).status, 0)
        let second = try sync(t2)
        XCTAssertTrue(second.stdout.contains("1 open conflict"), second.stdout)
        XCTAssertEqual(
            try Self.server!.query(central, "SELECT field, central_value, truck_value, site FROM patient_conflict"),
            "phone|+27821110000|+27832220000|T02\n")
        let conflicts = try ClinicBinary.run(["sync", "conflicts", "--db", t2])
        XCTAssertTrue(conflicts.stdout.contains("phone: central '+27821110000', T02 '+27832220000'  OPEN"), conflicts.stdout)
        let id = String(conflicts.stdout.prefix { $0 != " " })
        XCTAssertEqual(try ClinicBinary.run(["sync", "resolve", id, "--keep", "truck", "--db", t2]).status, 0)
        XCTAssertEqual(try sync(t2).status, 0)
        XCTAssertEqual(try sync(t1).status, 0)
        XCTAssertEqual(
            try Self.server!.query(central, "SELECT payload->>'phone' FROM record WHERE kind = 'patient'"), "+27832220000\n")
        XCTAssertEqual(try Self.server!.query(central, "SELECT resolved_at IS NOT NULL FROM patient_conflict"), "t\n")
        let store = try ClinicDatabase.open(at: t1)
        XCTAssertEqual(
            try store.pool.read { try String.fetchOne($0, sql: "SELECT phone FROM patient") }, "+27832220000",
            "T01 takes the resolved value")
    }

    func testStopsPlannedForATruckReachItWithTheirBookingsAndItsChangesGoBack() throws {
        let t1 = try truck("T01", patients: 2), t2 = try truck("T02")
        let tomorrow = CalendarDate(Date().addingTimeInterval(86_400)).description
        var store = try ClinicDatabase.open(at: t1)
        let schedule = ScheduleService(database: store), appointments = AppointmentService(database: store)
        try schedule.addLocation(["name": "Giyani Hall", "type": "c", "province": "LP"], by: shell)
        let stop = try schedule.addStop(
            location: "Giyani Hall",
            [
                "date": tomorrow, "opens": "08:00", "closes": "12:00", "slot_minutes": "30",
                "capacity": "4", "truck": "T02",
            ], by: shell)
        let people = try store.pool.read { try String.fetchAll($0, sql: "SELECT id FROM patient ORDER BY folderNumber") }
        let booked = try appointments.book(stopId: stop.id, slot: ClockTime(typed: "08:30")!, patientId: people[0], by: shell)
        let booking = try XCTUnwrap(
            try store.pool.read { try ScheduleRepository.appointment(id: booked.id, in: $0) }, "its sync key")
        try store.pool.close()
        XCTAssertEqual(try sync(t1).status, 0)
        let pulled = try sync(t2)
        XCTAssertTrue(
            pulled.stdout.contains("pulled 2 patients")
                && pulled.stdout.contains("1 stop and 1 appointment for this truck"),
            pulled.stdout)

        store = try ClinicDatabase.open(at: t2)
        let here = try ScheduleService(database: store).upcomingStops(truck: "T02", by: shell)
        XCTAssertEqual(here.map(\.place.name), ["Giyani Hall"])
        let list = try AppointmentService(database: store).appointments(stopId: here[0].stop.id, by: shell)
        XCTAssertEqual(list.map(\.folderNumber), ["T01-000001"], "T02 sees who is booked at its stop")
        try AppointmentService(database: store).cancel(list[0].booking.id, reason: "moved away", by: shell)
        try store.pool.close()
        XCTAssertEqual(try sync(t2).status, 0)
        XCTAssertEqual(
            try Self.server!.query(
                central, "SELECT payload->>'status', payload->>'note' FROM record WHERE key = '\(booking.uid)'"),
            "cancelled|moved away\n", "the cancellation made on T02 is central, on the same record")
        XCTAssertEqual(try Self.server!.query(central, "SELECT count(*) FROM record WHERE kind = 'appointment'"), "1\n")

        store = try ClinicDatabase.open(at: t1)
        try AppointmentService(database: store).book(
            stopId: stop.id, slot: ClockTime(typed: "09:00")!, patientId: people[1], by: shell)
        try store.pool.close()
        XCTAssertEqual(try sync(t1).status, 0)
        let again = try sync(t2)
        XCTAssertTrue(again.stdout.contains("0 stops and 1 appointment for this truck"), again.stdout)
        XCTAssertEqual(try centralKeys()["appointment"]?.count, 2)
    }

    func testATruckOlderThanTheCentralSchemaIsToldToUpdate() throws {
        let path = try truck("T01", patients: 1)
        _ = try Self.server!.query(central, "INSERT INTO clinic_schema (version) VALUES (99)")
        let result = try sync(path)
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.stderr.contains("schema version 99 but this program knows 5: update Mobile Clinic"), result.stderr)
        XCTAssertEqual(
            try Self.server!.query(central, "SELECT count(*) FROM record"), "0\n", "nothing pushed to a schema it does not know")
    }

    func testCounsellingNotesStayOnTheTruck() throws {
        let path = try truck("T01")
        let store = try ClinicDatabase.open(at: path)
        _ = try ClinicDay(database: store, clock: ManualClock(Date()), letters: folder + "/letters")
        try store.pool.close()
        let result = try sync(path)
        XCTAssertTrue(result.stdout.contains("kept 1 counselling note on the truck"), result.stdout)
        XCTAssertEqual(try Self.server!.query(central, "SELECT count(*) FROM record WHERE kind = 'counsellingNote'"), "0\n")
        XCTAssertEqual(
            try Self.server!.query(central, "SELECT count(*) FROM record WHERE payload::text LIKE '%\(ClinicDay.secret)%'"), "0\n"
        )
        XCTAssertEqual(try Self.server!.query(central, "SELECT count(*) FROM record WHERE kind = 'visit'"), "4\n")
    }
}
