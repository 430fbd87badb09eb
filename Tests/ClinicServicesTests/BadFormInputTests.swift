import ClinicDomain
import ClinicServices
import ClinicStore
import GRDB
import XCTest

/// The form half of the bad-input catalogue: what a person can type into each form, refused
/// by the service the form calls with a message naming the field; and SQL-looking text,
/// stored and found exactly as typed. The fixture's clock is Fri 2027-01-15 10:00 SAST.
final class BadFormInputTests: XCTestCase {
    var fixture: ServiceFixture!
    let shell = Actor.shell(name: "catalogue")

    override func setUpWithError() throws { fixture = try ServiceFixture() }

    var patients: PatientService { PatientService(database: fixture.database, clock: fixture.clock) }

    func patient(_ values: [String: String]) -> () throws -> Void {
        {
            _ = try self.patients.register(
                PatientInput(
                    ["surname": "Ndlovu", "first_names": "Sipho", "document_number": "8001015009087"]
                        .merging(values) { $1 }), by: self.shell)
        }
    }

    func testEveryFormRefusesWhatItCannotTake() throws {
        let visitID = try fixture.visitInConsultation(reason: "check-up")
        let visits = VisitService(database: fixture.database, clock: fixture.clock)
        let nursingVisit = try visits.checkIn(
            patientId: try patients.register(
                PatientInput(["surname": "Dlamini", "first_names": "Thandi", "document_number": "8505250123080"]), by: shell
            ).id,
            reason: "cough", by: shell
        ).id
        func vitals(_ values: [String: String]) -> () throws -> Void {
            { _ = try visits.recordVitals(visitId: nursingVisit, input: VitalsInput(values), by: self.shell) }
        }
        let prescriptions = PrescriptionService(database: fixture.database, clock: fixture.clock)
        func prescribe(_ item: String, _ dose: String, _ frequency: String, _ days: String) -> () throws -> Void {
            {
                try prescriptions.prescribe(
                    visitId: visitID, itemCode: item, dose: dose, frequency: frequency, days: days, by: self.shell)
            }
        }
        let schedule = ScheduleService(database: fixture.database, clock: fixture.clock)
        try schedule.addLocation(["name": "Sunnyside SAPS", "type": "p", "province": "GP"], by: shell)
        func stop(_ values: [String: String]) -> () throws -> Void {
            {
                _ = try schedule.addStop(
                    location: values["location"] ?? "Sunnyside SAPS",
                    [
                        "date": "2027-01-20", "opens": "08:00", "closes": "12:00",
                        "slot_minutes": "30", "capacity": "2", "truck": "T01",
                    ].merging(values) { $1 }, by: self.shell)
            }
        }
        let users = UserAdministration(database: fixture.database, clock: fixture.clock)
        let stock = StockService(database: fixture.database, clock: fixture.clock)
        let consultation = ConsultationService(database: fixture.database, clock: fixture.clock)

        let cases: [(form: String, attempt: () throws -> Void, expected: String)] = [
            ("register: no surname", patient(["surname": ""]), "surname"),
            ("register: no first names", patient(["first_names": " "]), "first"),
            ("register: SA ID check digit", patient(["document_number": "8001015009088"]), "check digit"),
            ("register: SA ID too short", patient(["document_number": "800101500908"]), "13 digits"),
            (
                "register: impossible birth date",
                patient([
                    "document_type": "passport", "document_number": "A1234567", "sex": "F",
                    "date_of_birth": "1990-02-30",
                ]), "date of birth must be a real date"
            ),
            (
                "register: birth in the future",
                patient([
                    "document_type": "passport", "document_number": "A1234567", "sex": "F",
                    "date_of_birth": "2030-01-01",
                ]), "date of birth is in the future"
            ),
            ("register: sex", patient(["sex": "Q"]), "sex must be F, M or X"),
            ("register: phone", patient(["phone": "12345"]), "phone"),
            ("register: province", patient(["province": "XX"]), "province"),
            (
                "register: dependant code", patient(["membership_number": "12345678", "dependant_code": "1"]),
                "dependant code must be two digits"
            ),
            (
                "register: dependant without member", patient(["dependant_code": "01"]),
                "a dependant code needs a membership number"
            ),
            ("register: ID disagrees with sex", patient(["sex": "F"]), "mean male, but female was entered"),
            ("vitals: systolic not a number", vitals(["systolic": "abc", "diastolic": "80"]), "systolic"),
            ("vitals: systolic impossible", vitals(["systolic": "400", "diastolic": "80"]), "systolic"),
            ("vitals: temperature impossible", vitals(["temperature": "50"]), "temperature"),
            ("vitals: oxygen over 100%", vitals(["spo2": "120"]), "spo2"),
            ("vitals: heart rate negative", vitals(["heart_rate": "-5"]), "heart"),
            ("vitals: AVPU", vitals(["avpu": "z"]), "avpu"),
            ("prescribe: dose zero", prescribe("PARA500T", "0", "tds", "5"), "dose"),
            ("prescribe: frequency", prescribe("PARA500T", "1", "sometimes", "5"), "frequency"),
            ("prescribe: days", prescribe("PARA500T", "1", "tds", "0"), "days"),
            ("prescribe: unknown medicine", prescribe("NOSUCH", "1", "tds", "5"), "NOSUCH"),
            (
                "diagnosis: not an ICD-10 code",
                { try consultation.addDiagnosis(visitId: visitID, code: "XYZ", primary: true, by: self.shell) },
                "XYZ"
            ),
            ("stop: closes before it opens", stop(["opens": "12:00", "closes": "08:00"]), "clos"),
            ("stop: slot length", stop(["slot_minutes": "0"]), "slot"),
            ("stop: in the past", stop(["date": "2027-01-14"]), "2027-01-14 is in the past"),
            ("stop: unknown place", stop(["location": "Nowhere"]), "No location called 'Nowhere'"),
            (
                "location: no name",
                { _ = try schedule.addLocation(["name": "", "type": "p", "province": "GP"], by: self.shell) }, "name"
            ),
            (
                "user: weak password",
                { _ = try users.add(username: "sipho", fullName: "Sipho", role: .nurse, password: "abc", by: self.shell) },
                "password"
            ),
            (
                "user: username with spaces",
                {
                    _ = try users.add(
                        username: "sipho n", fullName: "Sipho", role: .nurse, password: "correct horse battery", by: self.shell)
                }, "username"
            ),
            (
                "user: taken username",
                {
                    _ = try users.add(
                        username: "nurse", fullName: "Again", role: .nurse, password: "correct horse battery", by: self.shell)
                }, "nurse"
            ),
            (
                "stock: scan with a bad check digit",
                { _ = try stock.receive(scan: "0106001234567891", quantity: 10, by: self.shell) },
                "check digit"
            ),
            ("stock: quantity zero", { _ = try stock.receive(scan: "PARA500T", quantity: 0, by: self.shell) }, "quantity"),
        ]
        for (form, attempt, expected) in cases {
            XCTAssertThrowsError(try attempt(), form) { error in
                XCTAssertTrue(
                    "\(error)".lowercased().contains(expected.lowercased()), "\(form): expected '\(expected)' in '\(error)'")
            }
        }
        print("bad input catalogue: \(cases.count) form inputs refused with their messages")
    }

    func testSQLLookingTextIsStoredAndFoundLiterally() throws {
        // Free text keeps whatever is typed; a name holds only what names are written with, so
        // SQL in a name is refused in words (PatientInputTests) and O'Brien is stored as typed.
        let hostile = ["1 Main Rd'; DROP TABLE patient; --", "Robert\"); DELETE FROM visit; --", "100% _sure_ \\ OR 1=1"]
        let ids = ["7506155123085", "6803220234083", "9207075871089"]
        for (address, id) in zip(hostile, ids) {
            let registered = try patients.register(
                PatientInput([
                    "surname": "O'Brien", "first_names": "Sipho",
                    "document_number": id, "address": address,
                ]), by: shell)
            XCTAssertEqual(try patients.open(id: registered.id, by: shell).record.address, address, "stored exactly as typed")
            XCTAssertEqual(try patients.search(id, by: shell).map(\.surname), ["O'Brien"])
        }
        XCTAssertThrowsError(
            try patients.register(
                PatientInput([
                    "surname": "O'Brien'; DROP TABLE patient; --", "first_names": "Sipho",
                    "document_number": "8001015009087",
                ]), by: shell))
        XCTAssertEqual(try patients.search("o'brien", by: shell).count, 3, "found by its own words")
        XCTAssertEqual(try patients.search("' OR 1=1 --", by: shell), [], "SQL in a search box is just text that matches no one")
        XCTAssertEqual(try patients.search("%", by: shell), [])
        let consultation = ConsultationService(database: fixture.database, clock: fixture.clock)
        XCTAssertEqual(try consultation.searchCodes("' OR 1=1 --", by: shell), [])
        XCTAssertEqual(try consultation.searchCodes("\"", by: shell), [])
        let visitID = try fixture.visitInConsultation(reason: "'); DROP TABLE visit; --")
        try consultation.saveNote(
            visitId: visitID, subjective: "Robert'); DROP TABLE consultationNote;--", objective: "%_", assessment: "",
            plan: "", by: shell)
        let sheet = try consultation.sheet(visitId: visitID, by: shell)
        XCTAssertEqual(sheet.note?.subjective, "Robert'); DROP TABLE consultationNote;--", "the note holds the text as typed")
        XCTAssertEqual(sheet.note?.objective, "%_")
        let counts = try fixture.database.pool.read { db in
            try ["patient", "visit", "consultationNote"].map { try Int.fetchOne(db, sql: "SELECT count(*) FROM \($0)") ?? 0 }
        }
        XCTAssertTrue(counts.allSatisfy { $0 > 0 }, "every table is still there: \(counts)")
    }
}
