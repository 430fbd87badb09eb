import ClinicDomain
import ClinicServices
import TerminalKit
import XCTest

@testable import ClinicTUI

/// Every screen every role reaches, generated from the home menus: each menu entry, the
/// screen its first row opens, and what each key-bar action the role may use opens from
/// those two. A new screen or action is walked without anyone adding it here.
struct ScreenWalk {
    /// One screen reached, and how.
    struct Place {
        let role: Role
        /// Keys that led here, e.g. "doctor: Consultation queue → Enter → F3".
        let path: String
        let app: ClinicApp
    }

    let harness: AppHarness
    /// Whether to press each offered key-bar action of the screens reached.
    var withActions = true

    /// Calls `visit` on every place, each reached on a fresh app (so one place's side effects
    /// do not move the next one off its screen). Returns how many places were visited.
    @discardableResult
    func each(_ visit: (Place) throws -> Void) throws -> Int {
        var count = 0
        for role in Role.allCases {
            let auth = harness.app.environment.auth
            var session = try auth.login(username: role.rawValue, password: harness.password, terminal: "walk")
            let skipped: [MenuEntry.Destination] = [.lock, .logout]
            for (index, entry) in MenuEntry.entries(for: role).enumerated() where !skipped.contains(entry.destination) {
                for deeper in [false, true] {
                    let start = { () -> (ClinicApp, String)? in
                        // A place that logged out or quit ended the session: log in again.
                        if (try? auth.isCurrent(session)) != true {
                            session = try! auth.login(username: role.rawValue, password: harness.password, terminal: "walk")
                        }
                        let app = ClinicApp(environment: harness.app.environment)
                        app.apply(.loggedIn(session))
                        return reach(app, entry: index, deeper: deeper).map { reached in
                            (reached, "\(role.rawValue): \(entry.title)" + (deeper ? " → Enter" : ""))
                        }
                    }
                    guard let (app, path) = start() else { continue }
                    try visit(Place(role: role, path: path, app: app))
                    count += 1
                    guard withActions else { continue }
                    for action in ScreenKeys.offered(app.top.keyBarActions, on: app.top, session: session)
                    where ![.help, .back, .lock, .logout, .quit, .open].contains(action) {
                        guard let (fresh, path) = start() else { continue }
                        let key = fresh.environment.keymap.keys(for: action, in: action.context)[0]
                        fresh.process(key)
                        fresh.finishWork()
                        try visit(Place(role: role, path: path + " → " + Keymap.label(key), app: fresh))
                        count += 1
                        // A form reached is also submitted as it stands, to show its messages, and filled
                        // with long text in every field, which some forms take and others refuse. Each on a
                        // fresh app: a visit may have logged out or quit the one before.
                        guard fresh.top is FormScreen else { continue }
                        for typed in ["", LongData.reason] {
                            guard let (filled, _) = start() else { continue }
                            filled.process(key)
                            guard let form = filled.top as? FormScreen else { continue }
                            for _ in form.form.fields {
                                typed.forEach { filled.process(.character($0)) }
                                filled.process(.enter)
                            }
                            try visit(
                                Place(
                                    role: role,
                                    path: path + " → " + Keymap.label(key)
                                        + (typed.isEmpty ? " → Enter×\(form.form.fields.count)" : " → long text"),
                                    app: filled))
                            count += 1
                        }
                    }
                }
            }
        }
        return count
    }

    /// Opens the `index`th home-menu entry, then (when `deeper`) its first row, typing a
    /// name first where the screen searches; nil when there is nothing new to reach.
    private func reach(_ app: ClinicApp, entry index: Int, deeper: Bool) -> ClinicApp? {
        app.process(.home)
        for _ in 0..<index { app.process(.down) }
        app.process(.enter)
        guard app.stack.count == 2 else { return deeper ? nil : app }
        guard deeper else { return app }
        if app.top.capturesText, app.top is PatientSearchScreen { LongData.searchText.forEach { app.process(.character($0)) } }
        let before = app.top
        app.process(.enter)
        return app.top !== before && app.stack.count == 3 ? app : nil
    }
}

/// Realistic data at its longest: long double-barrelled names, long reasons and notes,
/// visits waiting in every stage, stock, suppliers, equipment and a booked route stop.
enum LongData {
    /// What the walk types into Find patient.
    static let searchText = "van der"
    static let surnames = ["Van der Merwe-Mokoena", "Mahlangu-Tshabalala", "Hlongwane-Ngcobo", "Du Plessis-Buthelezi"]
    static let firstNames = "Nomvula Thandeka Precious"
    static let reason = "persistent productive cough for three weeks with night sweats, weight loss and chest pain on breathing"

    /// A valid SA ID number for person `index` (born 1980 + index, a citizen).
    static func idNumber(_ index: Int) -> String {
        let body = String(format: "%02d0101%04d08", 80 + index % 20, 5000 + index)
        return body + String((0...9).first { SAIDNumber.luhnValid((body + String($0)).map { Int(String($0))! }) }!)
    }

    /// Seeds the database of `harness` with the data above.
    static func seed(_ harness: AppHarness) throws {
        let shell = Actor.shell(name: "seed"), database = harness.database, clock = harness.clock
        XCTAssertTrue(try DemoStock(database: database, clock: clock).seed())
        let patients = PatientService(database: database, clock: clock), visits = VisitService(database: database, clock: clock)
        let consultation = ConsultationService(database: database, clock: clock)
        var visitIDs: [String] = []
        for (index, surname) in (surnames + surnames).enumerated() {
            let patient = try patients.register(
                PatientInput([
                    "surname": surname, "first_names": firstNames,
                    "document_number": idNumber(index),
                ]), by: shell)
            try patients.addBackground(
                .allergy, text: "Penicillin (anaphylaxis in 2019, carries an adrenaline pen)", to: patient.id, by: shell)
            try patients.addBackground(
                .condition, text: "Hypertension on amlodipine since 2015, poorly controlled", to: patient.id, by: shell)
            visitIDs.append(try visits.checkIn(patientId: patient.id, reason: reason, by: shell).id)
            clock.advance(50 * 60)
        }
        let full = VitalsInput([
            "systolic": "182", "diastolic": "112", "heart_rate": "118", "resp_rate": "24", "temperature": "38.9",
            "spo2": "91", "mobility": "w", "avpu": "a", "trauma": "n",
        ])
        for (index, id) in visitIDs.enumerated() where index >= 2 {
            _ = try visits.recordVitals(visitId: id, input: full, by: shell)
            _ = try visits.perform(.completeNursing, visitId: id, by: shell)
            guard index >= 4 else { continue }
            try consultation.addDiagnosis(visitId: id, code: "I10", primary: true, by: shell)
            try consultation.saveNote(
                visitId: id, subjective: reason, objective: reason, assessment: "Uncontrolled hypertension " + reason,
                plan: "Increase amlodipine to 10 mg daily, recheck blood pressure in two weeks at the next stop", by: shell)
            _ = try consultation.complete(visitId: id, toCounselling: index % 2 == 0, by: shell)
        }
        try seedSchedule(harness, patientIds: try patients.search("van der", by: shell).map(\.id))
        let assets = AssetService(database: database, clock: clock)
        let analyser = try assets.register(
            [
                "type": "Point-of-care haemoglobin and glucose analyser", "serial": "HB-2026-000123456",
                "location": "Truck 1, consulting room cabinet", "next_service": "2026-11-01",
            ], by: shell)
        _ = try assets.recordService(
            analyser.id, nextService: nil, location: "Truck 1, consulting room cabinet",
            note: "Calibrated against control solution level 2; replaced the cuvette holder and the battery pack, "
                + "cleaned the optics; next calibration due after 500 tests or in six months", by: shell)
        try SupplierService(database: database, clock: clock).add(
            name: "Mpumalanga Provincial Medical Supplies Depot (Middelburg)",
            contact: "Orders desk, Ms Nomvula Hlongwane-Ngcobo",
            phone: "013 245 6789", by: shell)
    }

    private static func seedSchedule(_ harness: AppHarness, patientIds: [String]) throws {
        let shell = Actor.shell(name: "seed")
        let schedule = ScheduleService(database: harness.database, clock: harness.clock)
        try schedule.addLocation(
            [
                "name": "Pretoria Central Police Station (SAPS) Parking", "type": "p", "province": "GP",
                "address": "Corner of Pretorius and Bosman Streets, Pretoria Central",
            ], by: shell)
        let stop = try schedule.addStop(
            location: "Pretoria Central Police Station (SAPS) Parking",
            [
                "date": "2026-11-25", "opens": "08:00", "closes": "16:00", "slot_minutes": "30",
                "capacity": "2", "truck": "DEMO",
            ], by: shell)
        for (index, id) in patientIds.prefix(3).enumerated() {
            _ = try AppointmentService(database: harness.database, clock: harness.clock)
                .book(stopId: stop.id, slot: ClockTime(typed: index == 0 ? "08:00" : "10:30")!, patientId: id, by: shell)
        }
    }
}
