import ClinicDomain
import ClinicServices
import ClinicStore
import XCTest

final class PrescriptionServiceTests: XCTestCase {
    var fixture: ServiceFixture!
    var prescriptions: PrescriptionService { PrescriptionService(database: fixture.database, clock: fixture.clock) }
    var visitID = ""
    var doctor: Actor!

    override func setUpWithError() throws {
        fixture = try ServiceFixture()
        visitID = try fixture.visitInConsultation(reason: "sore throat", allergy: ("Penicillin", "anaphylaxis"))
        doctor = .user(try fixture.auth.login(username: "doctor", password: fixture.password, terminal: "t"))
    }

    func testQuantityIsComputedAndEverythingIsAudited() throws {
        let record = try prescriptions.prescribe(
            visitId: visitID, itemCode: "PARA500T", dose: "2", frequency: "qid", days: "3", by: doctor)
        XCTAssertEqual(record.quantity, 24)
        XCTAssertEqual(record.description, "Paracetamol 500 mg tablet")
        let audit = try fixture.database.pool.read { try AuditLog.recent(limit: 1, in: $0) }
        XCTAssertEqual(audit.first?.detail, "Paracetamol 500 mg tablet 2.0 qid × 3d = 24")
    }

    func testTheSameMedicineIsNotPrescribedTwiceAndALineCanBeTakenOff() throws {
        let record = try prescriptions.prescribe(
            visitId: visitID, itemCode: "PARA500T", dose: "2", frequency: "qid", days: "3", by: doctor)
        XCTAssertThrowsError(
            try prescriptions.prescribe(
                visitId: visitID, itemCode: "PARA500T", dose: "1", frequency: "tds", days: "5",
                by: doctor)
        ) {
            XCTAssertTrue("\($0)".contains("is already prescribed on this visit"), "\($0)")
        }
        XCTAssertEqual(try prescriptions.remove(visitId: visitID, prescriptionId: record.id, by: doctor), record.description)
        XCTAssertEqual(try prescriptions.prescriptions(visitId: visitID, by: doctor).count, 0)
        XCTAssertThrowsError(try prescriptions.remove(visitId: visitID, prescriptionId: record.id, by: doctor)) {
            XCTAssertEqual($0 as? PrescriptionError, .notRemovable)
        }
        // Written again after the mistaken line went.
        try prescriptions.prescribe(visitId: visitID, itemCode: "PARA500T", dose: "1", frequency: "tds", days: "5", by: doctor)
    }

    func testAnAllergyConflictNeedsAReasonAndTheReasonIsKept() throws {
        XCTAssertThrowsError(
            try prescriptions.prescribe(
                visitId: visitID, itemCode: "AMOX500C", dose: "1", frequency: "tds", days: "5",
                by: doctor)
        ) {
            XCTAssertEqual(
                $0 as? PrescriptionError, .allergyConflict(medicine: "Amoxicillin", allergies: ["Penicillin (anaphylaxis)"]))
        }
        XCTAssertThrowsError(
            try prescriptions.prescribe(
                visitId: visitID, itemCode: "AMOX500C", dose: "1", frequency: "tds", days: "5",
                overrideReason: "  ", by: doctor))
        XCTAssertEqual(try prescriptions.prescriptions(visitId: visitID, by: doctor).count, 0, "nothing written")
        let record = try prescriptions.prescribe(
            visitId: visitID, itemCode: "AMOX500C", dose: "1", frequency: "tds", days: "5",
            overrideReason: "allergy disproved by skin test 2024", by: doctor)
        XCTAssertEqual(record.allergyOverride, "allergy disproved by skin test 2024")
        XCTAssertNil(
            try prescriptions.prescribe(
                visitId: visitID, itemCode: "AZI500T", dose: "1", frequency: "od", days: "3",
                overrideReason: "ignored", by: doctor
            ).allergyOverride, "no conflict, no override kept")
    }

    func testBadDosageUnknownMedicineAndRolesAreRefused() throws {
        XCTAssertThrowsError(
            try prescriptions.prescribe(
                visitId: visitID, itemCode: "PARA500T", dose: "many", frequency: "hourly",
                days: "0", by: doctor)
        ) {
            guard case .invalid(let problems) = $0 as? PrescriptionError else { return XCTFail("\($0)") }
            XCTAssertEqual(problems.problems.map(\.field), ["dose", "frequency", "days"])
        }
        XCTAssertThrowsError(
            try prescriptions.prescribe(visitId: visitID, itemCode: "NOPE", dose: "1", frequency: "od", days: "1", by: doctor)
        ) {
            XCTAssertEqual($0 as? PrescriptionError, .unknownItem("NOPE"))
        }
        for role in [Role.nurse, .clerk, .social, .stock, .finance, .viewer] {
            let actor = Actor.user(try fixture.auth.login(username: role.rawValue, password: fixture.password, terminal: "t"))
            XCTAssertThrowsError(
                try prescriptions.prescribe(
                    visitId: visitID, itemCode: "PARA500T", dose: "1", frequency: "od",
                    days: "1", by: actor)
            ) {
                XCTAssertEqual($0 as? AccessDenied, AccessDenied(role: role, permission: .prescriptionWrite))
            }
        }
        XCTAssertEqual(try prescriptions.searchFormulary("amox", by: doctor).map(\.code), ["AMOX250S", "AMOX500C"])
        XCTAssertEqual(try prescriptions.searchFormulary("sulfate", by: doctor).map(\.genericName), ["Ferrous sulfate"])
        XCTAssertEqual(try prescriptions.searchFormulary("%", by: doctor), [])
    }
}
