import ClinicDomain
import ClinicServices
import ClinicStore
import Foundation
import XCTest

/// Booking from several processes at once, and the clerk's route, booking and check-in at the terminal.
final class AppointmentEndToEndTests: XCTestCase {
    var folder = ""
    var database: String { folder + "/clinic.sqlite" }

    override func setUpWithError() throws { folder = try ClinicBinary.demoFolder() }
    override func tearDown() { try? FileManager.default.removeItem(atPath: folder) }

    /// Registers two patients (folders DEMO-000001 and DEMO-000002) through the services.
    func registerTwoPatients(_ store: ClinicDatabase) throws {
        let patients = PatientService(database: store)
        let shell = Actor.shell(name: "e2e")
        _ = try patients.register(
            PatientInput(["surname": "Ndlovu", "first_names": "Sipho", "document_number": "8001015009087"]), by: shell)
        _ = try patients.register(
            PatientInput(["surname": "Dlamini", "first_names": "Zanele", "document_number": "8505250123080"]), by: shell)
    }

    func testTwoProcessesRacingForTheLastPlaceNeverDoubleBook() throws {
        let store = try ClinicDatabase.open(at: database)
        try registerTwoPatients(store)
        let schedule = ScheduleService(database: store)
        let shell = Actor.shell(name: "e2e")
        try schedule.addLocation(["name": "Sunnyside SAPS", "type": "p", "province": "GP"], by: shell)
        let tomorrow = CalendarDate(Date()).adding(days: 1)
        var stops: [Int64] = []
        for hour in 8..<14 {
            stops.append(
                try schedule.addStop(
                    location: "Sunnyside SAPS",
                    [
                        "date": tomorrow.description, "opens": "\(hour):00",
                        "closes": "\(hour):30", "slot_minutes": "30", "capacity": "1",
                        "truck": "T03",
                    ], by: shell
                ).id)
        }
        try store.pool.close()
        for (index, stop) in stops.enumerated() {
            // Both processes start together from one shell; each leaves its exit code and error text.
            let time = String(format: "%02d:00", 8 + index)
            let racers = (1...2).map { racer in
                "(\(ClinicBinary.path) appointments book --db \(database) --stop \(stop) --time \(time) --patient DEMO-00000\(racer)"
                    + " >/dev/null 2>\(folder)/err\(racer); echo $? >\(folder)/rc\(racer)) &"
            }
            XCTAssertEqual(system(racers.joined(separator: " ") + " wait"), 0)
            let codes = try (1...2).map {
                try String(contentsOfFile: "\(folder)/rc\($0)", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
            }
            let errors = try (1...2).map { try String(contentsOfFile: "\(folder)/err\($0)", encoding: .utf8) }
            XCTAssertEqual(codes.sorted(), ["0", "1"], "exactly one wins: \(errors)")
            XCTAssertTrue(errors.contains { $0.contains("The \(time) slot is full") }, "the other is told why: \(errors)")
        }
        let reopened = try ClinicDatabase.open(at: database)
        let counts = try reopened.pool.read { try Int.fetchAll($0, sql: "SELECT COUNT(*) FROM appointment GROUP BY stopId") }
        XCTAssertEqual(counts, Array(repeating: 1, count: stops.count), "nothing double-booked")
        // The day's bookings as CSV for the SMS tool, and a bad date named.
        let csv = try ClinicBinary.run(["appointments", "reminders", "--db", database, "--date", tomorrow.description])
        XCTAssertEqual(csv.stdout.split(separator: "\n").count, 1 + stops.count, csv.stdout)
        XCTAssertTrue(csv.stdout.hasPrefix("name,phone,time,place\n"), csv.stdout)
        let bad = try ClinicBinary.run(["appointments", "reminders", "--db", database, "--date", "2026-02-30"])
        XCTAssertNotEqual(bad.status, 0)
        XCTAssertTrue(bad.stderr.contains("--date must be a real date, YYYY-MM-DD (got '2026-02-30')"), bad.stderr)
    }

    /// Types each value and Enter, as a person fills a form field by field.
    func fill(_ tmux: Tmux, _ values: String...) throws {
        for value in values {
            if !value.isEmpty { try tmux.type(value) }
            try tmux.press("Enter")
        }
    }

    func testPlanAStopBookAPatientAndCheckThemInAtTheTerminal() throws {
        guard ClinicTime.timeOfDay(Date()).minutes < 23 * 60 + 35 else { throw XCTSkip("no slot left today (SAST)") }
        let store = try ClinicDatabase.open(at: database)
        try registerTwoPatients(store)
        try store.pool.close()
        let tmux = try Tmux(ClinicBinary.command(database))
        try tmux.logIn("admin")
        try tmux.type("6"); try tmux.waitFor("No stops planned")
        try tmux.press("F3"); try tmux.waitFor("No locations yet")
        try tmux.press("F2"); try tmux.waitFor("New location")
        try fill(tmux, "Sunnyside SAPS", "p", "GP", "", "", "")
        try tmux.waitFor("Added Sunnyside SAPS.")
        try tmux.press("Escape"); try tmux.waitFor("No stops planned")
        try tmux.press("F2"); try tmux.waitFor("New stop: which place?")
        try tmux.type("sunny"); try tmux.waitFor("Sunnyside SAPS · police station")
        try tmux.press("Enter"); try tmux.waitFor("New route stop")
        try fill(tmux, CalendarDate(Date()).description, "00:00", "23:55", "5", "3", "", "")
        try tmux.waitFor("Planned stop #1")
        try tmux.press("Enter"); try tmux.waitFor("No appointments yet")
        try tmux.press("F2"); try tmux.waitFor("Book: which patient?")
        try tmux.type("dlamini"); try tmux.waitFor("DEMO-000002")
        try tmux.press("Enter"); try tmux.waitFor("places free")
        // The third slot, ten minutes ahead: the first may pass while the list is open.
        try tmux.press("Down", "Down", "Enter")
        let booked = try tmux.waitFor("Booked at")
        XCTAssertTrue(booked.contains("DLAMINI, Zanele") && booked.contains("booked"), booked)
        try tmux.press("F5"); try tmux.waitFor("the visit has started")
        // The visit started at registration and went on to the nursing queue.
        try tmux.press("Escape", "Escape"); try tmux.waitFor("Welcome")
        try tmux.type("2")
        let queue = try tmux.waitFor("DEMO-000002")
        XCTAssertTrue(queue.contains("Appointment"), queue)
        try tmux.press("Escape"); try tmux.waitFor("Welcome")
        try tmux.type("1"); try tmux.type("dlamini"); try tmux.waitFor("DEMO-000002")
        try tmux.press("Enter")
        // The record lists the visit, now in nursing, with the appointment as its reason.
        let record = try tmux.waitFor("nursing")
        XCTAssertTrue(record.contains("Appointment"), record)
    }

    /// A booking of this morning nobody checked in: F7 lists it and asks once, Enter marks it
    /// a no-show, and the patient arriving late is still checked in from the day list.
    func testALateArrivalAfterANoShowIsCheckedIn() throws {
        guard ClinicTime.timeOfDay(Date()).minutes >= 25 else { throw XCTSkip("the first slot has not ended yet (SAST)") }
        let store = try ClinicDatabase.open(at: database)
        try registerTwoPatients(store)
        let schedule = ScheduleService(database: store), shell = Actor.shell(name: "e2e")
        try schedule.addLocation(["name": "Sunnyside SAPS", "type": "p", "province": "GP"], by: shell)
        let today = CalendarDate(Date())
        let stop = try schedule.addStop(
            location: "Sunnyside SAPS",
            [
                "date": today.description, "opens": "00:00", "closes": "23:55", "slot_minutes": "5", "capacity": "3",
                "truck": "T03",
            ],
            by: shell)
        // Booked at 00:00 (before that slot passed, as the clerk would have done yesterday).
        let patient = try XCTUnwrap(try PatientService(database: store).search("DEMO-000001", by: shell).first)
        try store.pool.write { db in
            var booking = AppointmentRecord(
                stopId: stop.id, slot: ClockTime(minutes: 0)!, startsAt: ClinicTime.instant(today, ClockTime(minutes: 0)!),
                patientId: patient.id, replaces: nil, by: "e2e", at: Date())
            try booking.insert(db)
        }
        try store.pool.close()
        let tmux = try Tmux(ClinicBinary.command(database))
        try tmux.logIn("clerk")
        try tmux.type("3"); try tmux.waitFor("Sunnyside SAPS")
        try tmux.press("Enter"); try tmux.waitFor("NDLOVU, Sipho")
        try tmux.press("F7"); try tmux.waitFor("Mark 1 no-show: 00:00 NDLOVU, Sipho? Enter marks it")
        try tmux.press("Enter"); try tmux.waitFor("Marked 1 no-show.")
        try tmux.waitFor("no-show")
        try tmux.press("F5"); try tmux.waitFor("the visit has started")
        let list = try tmux.waitFor("checked in")
        XCTAssertFalse(list.contains("no-show  "), list)
    }
}
