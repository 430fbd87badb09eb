import ClinicDomain
import ClinicServices
import ClinicStore
import GRDB
import XCTest

/// Every service call that can run into a unique, check or foreign-key constraint, driven
/// into it: the message a screen shows is in the user's words, names what is wrong, and
/// holds no "SQLite", no SQL and no table name.
final class ConstraintMessageTests: XCTestCase {
    /// A GTIN-14 with its check digit.
    static func gtin(_ body: String) -> String { body + String((0...9).first { GS1Scan.checkDigitValid(body + String($0)) }!) }

    func testEveryConstraintAServiceCanHitIsRefusedInTheUsersWords() throws {
        let fixture = try ServiceFixture()
        let shell = Actor.shell(name: "t"), db = fixture.database, clock = fixture.clock
        let patients = PatientService(database: db, clock: clock), visits = VisitService(database: db, clock: clock)
        let stock = StockService(database: db, clock: clock), schedule = ScheduleService(database: db, clock: clock)
        let visitID = try fixture.visitInConsultation(reason: "cough")
        let patientID = try visits.file(visitId: visitID, by: shell).patient.id
        try ConsultationService(database: db, clock: clock).addDiagnosis(visitId: visitID, code: "I10", primary: true, by: shell)
        try SupplierService(database: db, clock: clock).add(name: "Acme Pharma", by: shell)
        try schedule.addLocation(["name": "Sunnyside SAPS", "type": "p", "province": "GP"], by: shell)
        let stop = try schedule.addStop(
            location: "Sunnyside SAPS",
            [
                "date": "2027-02-01", "opens": "08:00", "closes": "09:00",
                "slot_minutes": "30", "capacity": "2", "truck": "DEMO",
            ], by: shell)
        try AppointmentService(database: db, clock: clock).book(
            stopId: stop.id, slot: ClockTime(typed: "08:00")!, patientId: patientID, by: shell)
        try AssetService(database: db, clock: clock).register(
            ["type": "Scale", "serial": "S-1", "location": "Truck 1"], by: shell)
        try stock.link(gtin: Self.gtin("0600100000901"), to: "AMOX500C", by: shell)
        let cases: [(String, () throws -> Void)] = [
            (
                "the same diagnosis twice",
                {
                    try ConsultationService(database: db, clock: clock).addDiagnosis(
                        visitId: visitID, code: "I10", primary: false, by: shell)
                }
            ),
            (
                "the same username twice",
                {
                    _ = try fixture.users.add(
                        username: "nurse", fullName: "Another Nurse", role: .nurse, password: "long enough password 1", by: shell)
                }
            ),
            (
                "the same SA ID twice",
                {
                    _ = try patients.register(
                        PatientInput(["surname": "Other", "first_names": "Person", "document_number": "8001015009087"]), by: shell
                    )
                }
            ),
            (
                "the same supplier twice",
                { _ = try SupplierService(database: db, clock: clock).add(name: "ACME PHARMA", by: shell) }
            ),
            (
                "the same location twice",
                { _ = try schedule.addLocation(["name": "Sunnyside SAPS", "type": "p", "province": "GP"], by: shell) }
            ),
            (
                "the same serial twice",
                {
                    _ = try AssetService(database: db, clock: clock).register(
                        ["type": "Scale", "serial": "S-1", "location": "Truck 2"], by: shell)
                }
            ),
            (
                "the same patient booked twice on a stop",
                {
                    _ = try AppointmentService(database: db, clock: clock).book(
                        stopId: stop.id, slot: ClockTime(typed: "08:30")!, patientId: patientID, by: shell)
                }
            ),
            ("a second open visit", { _ = try visits.checkIn(patientId: patientID, reason: "again", by: shell) }),
            (
                "background for no patient",
                { try patients.addBackground(.allergy, text: "Sulfa", to: "no-such-patient", by: shell) }
            ),
            ("a visit for no patient", { _ = try visits.checkIn(patientId: "no-such-patient", reason: "cough", by: shell) }),
            (
                "a booking on no stop",
                {
                    _ = try AppointmentService(database: db, clock: clock).book(
                        stopId: 999_999, slot: ClockTime(typed: "08:00")!, patientId: patientID, by: shell)
                }
            ),
            (
                "a prescription of no item",
                {
                    _ = try PrescriptionService(database: db, clock: clock).prescribe(
                        visitId: visitID, itemCode: "NOSUCH", dose: "1", frequency: "tds", days: "5", overrideReason: "",
                        by: shell)
                }
            ),
            ("a link to no item", { try stock.link(gtin: Self.gtin("0600100000902"), to: "NOSUCH", by: shell) }),
            (
                "a negative receipt",
                {
                    _ = try stock.receive(
                        scan: "(01)" + Self.gtin("0600100000901"), quantity: -5, batch: "B1",
                        expiry: CalendarDate(year: 2028, month: 1, day: 1), by: shell)
                }
            ),
        ]
        let tables = try db.pool.read { try String.fetchAll($0, sql: "SELECT name FROM sqlite_master WHERE type = 'table'") }
        let banned = ["SQLite", "SQL", "constraint", "UNIQUE", "FOREIGN", "CHECK", "INSERT", "UPDATE"]
        for (name, call) in cases {
            XCTAssertThrowsError(try call(), name) { error in
                let message = userMessage(error)
                for word in banned { XCTAssertFalse(message.contains(word), "\(name): \(message)") }
                // Table names that are not also words (auditEntry, route_stop, seal), and table.column pairs.
                for table in tables where table == "seal" || table.contains("_") || table != table.lowercased() {
                    XCTAssertFalse(message.contains(table), "\(name) names table \(table): \(message)")
                }
                XCTAssertNil(
                    message.range(of: "\\b[a-z]+\\.[a-z]+[A-Z_]?\\w*\\b", options: .regularExpression), "\(name): \(message)")
                XCTAssertNotEqual(
                    message, DatabaseFault.conflict.description, "\(name): says what is wrong, not only that something is")
                XCTAssertNotEqual(message, DatabaseFault.failed.description, name)
            }
        }
    }
}
