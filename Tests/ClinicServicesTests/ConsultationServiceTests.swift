import ClinicDomain
import ClinicServices
import ClinicStore
import GRDB
import XCTest

final class ConsultationServiceTests: XCTestCase {
    var fixture: ServiceFixture!
    var consultation: ConsultationService { ConsultationService(database: fixture.database, clock: fixture.clock) }
    var visitID = ""
    var doctor: Actor!

    override func setUpWithError() throws {
        fixture = try ServiceFixture()
        visitID = try fixture.visitInConsultation(reason: "cough")
        doctor = .user(try fixture.auth.login(username: "doctor", password: fixture.password, terminal: "t"))
    }

    func testCompletingChecksClaimRulesSignsTheNoteAndMovesTheVisit() throws {
        XCTAssertThrowsError(try consultation.complete(visitId: visitID, toCounselling: false, by: doctor)) {
            XCTAssertEqual("\($0)", "Add at least one diagnosis.")
        }
        // A category can never pass the claim rules, so it is refused when picked (the check at
        // completion stays for lists loaded before this rule).
        XCTAssertThrowsError(try consultation.addDiagnosis(visitId: visitID, code: "j06", primary: true, by: doctor)) {
            XCTAssertEqual("\($0)", "J06 is a category; pick a full-length code below it (type J06. to see them).")
        }
        try consultation.addDiagnosis(visitId: visitID, code: "J069", primary: true, by: doctor)
        // Corrected without starting again: another made primary, then taken off.
        try consultation.addDiagnosis(visitId: visitID, code: "I10", primary: false, by: doctor)
        try consultation.makePrimary(visitId: visitID, code: "I10", by: doctor)
        XCTAssertEqual(try consultation.sheet(visitId: visitID, by: doctor).diagnoses.filter(\.isPrimary).map(\.code), ["I10"])
        XCTAssertThrowsError(try consultation.makePrimary(visitId: visitID, code: "K35.8", by: doctor)) {
            XCTAssertEqual("\($0)", "K35.8 is not a diagnosis of this visit.")
        }
        try consultation.makePrimary(visitId: visitID, code: "J06.9", by: doctor)
        try consultation.removeDiagnosis(visitId: visitID, code: "I10", by: doctor)
        XCTAssertThrowsError(try consultation.addDiagnosis(visitId: visitID, code: "j06.9", primary: false, by: doctor)) {
            XCTAssertEqual("\($0)", "J06.9 is already a diagnosis of this visit.", "in words, not SQLite's")
        }
        XCTAssertThrowsError(try consultation.complete(visitId: visitID, toCounselling: false, by: doctor)) {
            XCTAssertEqual($0 as? ConsultationError, .note(.empty))
        }
        try consultation.saveNote(
            visitId: visitID, subjective: "Cough 3 days", objective: "Chest clear",
            assessment: "Viral URTI", plan: "Fluids, paracetamol", by: doctor)
        let moved = try consultation.complete(visitId: visitID, toCounselling: true, by: doctor)
        XCTAssertEqual(moved.stage, .counselling)
        let sheet = try consultation.sheet(visitId: visitID, by: doctor)
        XCTAssertEqual(sheet.note?.signedBy, "doctor")
        XCTAssertEqual(sheet.diagnoses.map(\.title), ["Acute upper respiratory infection, unspecified"])
    }

    func testSignedNotesChangeOnlyByAddendaEvenBehindTheServicesBack() throws {
        try consultation.addDiagnosis(visitId: visitID, code: "I10", primary: true, by: doctor)
        XCTAssertThrowsError(try consultation.addAddendum(visitId: visitID, text: "x", by: doctor)) {
            XCTAssertEqual($0 as? ConsultationError, .notSigned)
        }
        try consultation.saveNote(
            visitId: visitID, subjective: "", objective: "BP 150/95", assessment: "Hypertension",
            plan: "Start amlodipine", by: doctor)
        _ = try consultation.complete(visitId: visitID, toCounselling: false, by: doctor)
        XCTAssertThrowsError(
            try fixture.database.pool.write {
                try $0.execute(
                    sql: "UPDATE consultationNote SET assessment = 'changed' WHERE visitId = ?", arguments: [self.visitID])
            }
        ) { XCTAssertTrue("\($0)".contains("a signed note cannot be changed"), "\($0)") }
        try consultation.addAddendum(visitId: visitID, text: "Correction: BP was 155/95", by: doctor)
        XCTAssertThrowsError(try consultation.addAddendum(visitId: visitID, text: "  ", by: doctor))
        let sheet = try consultation.sheet(visitId: visitID, by: doctor)
        XCTAssertEqual(sheet.addenda.map(\.text), ["Correction: BP was 155/95"])
        XCTAssertEqual(sheet.note?.assessment, "Hypertension")
    }

    func testInjuryNeedsAnExternalCauseAndUnknownCodesAreRefused() throws {
        try consultation.saveNote(
            visitId: visitID, subjective: "", objective: "", assessment: "Fractured wrist", plan: "", by: doctor)
        try consultation.addDiagnosis(visitId: visitID, code: "S52.5", primary: true, by: doctor)
        XCTAssertThrowsError(try consultation.complete(visitId: visitID, toCounselling: false, by: doctor)) {
            XCTAssertEqual("\($0)", "S52.5 is an injury: add an external-cause code (V01–Y98).")
        }
        XCTAssertThrowsError(try consultation.addDiagnosis(visitId: visitID, code: "E11.65", primary: false, by: doctor)) {
            XCTAssertEqual($0 as? ConsultationError, .unknownCode("E11.65"))
        }
        XCTAssertThrowsError(try consultation.addDiagnosis(visitId: visitID, code: "fracture", primary: false, by: doctor)) {
            XCTAssertEqual($0 as? ConsultationError, .badCode("fracture"))
        }
        XCTAssertThrowsError(try consultation.addDiagnosis(visitId: visitID, code: "W19", primary: true, by: doctor)) {
            XCTAssertEqual(
                "\($0)", "W19 may not be the primary diagnosis; add it as a secondary one (Enter).", "refused when picked")
        }
        try consultation.addDiagnosis(visitId: visitID, code: "W19", primary: false, by: doctor)
        XCTAssertEqual(try consultation.complete(visitId: visitID, toCounselling: false, by: doctor).stage, .closure)
    }

    func testOnlyDoctorsAndAdministratorsWriteConsultations() throws {
        for role in [Role.nurse, .clerk, .social, .viewer] {
            let actor = Actor.user(try fixture.auth.login(username: role.rawValue, password: fixture.password, terminal: "t"))
            XCTAssertThrowsError(try consultation.addDiagnosis(visitId: visitID, code: "I10", primary: true, by: actor)) {
                XCTAssertEqual($0 as? AccessDenied, AccessDenied(role: role, permission: .consultWrite))
            }
            XCTAssertThrowsError(
                try consultation.saveNote(
                    visitId: visitID, subjective: "", objective: "", assessment: "x",
                    plan: "", by: actor))
        }
    }

    func testCodeSearchByCodeAndWords() throws {
        XCTAssertEqual(try consultation.searchCodes("j06", by: doctor).map(\.code), ["J06", "J06.9"])
        XCTAssertEqual(try consultation.searchCodes("upper resp", by: doctor).map(\.code), ["J06", "J06.9"])
        XCTAssertEqual(try consultation.searchCodes("HYPERTENSION", by: doctor).first?.code, "I10")
        XCTAssertEqual(try consultation.searchCodes("\" OR 1=1 --", by: doctor), [])
        let count = try fixture.database.pool.read { try ICD10Record.fetchCount($0) }
        XCTAssertGreaterThan(count, 150, "the bundled primary-care subset is loaded")
    }
}
