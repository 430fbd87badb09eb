import ClinicDomain
import ClinicServices
import ClinicStore
import Foundation
import GRDB
import XCTest

/// HIV testing services in a real terminal (issue 22; SA HTS policy 2016): a social worker
/// tests a member in counselling, a reactive screening test and a non-reactive confirmatory
/// test, both repeated with the same disagreement: inconclusive, blood to the laboratory.
/// Each kit comes out of its batch (first expiry first); the sheet shows the result to the
/// social worker and the member's card says only that a test was done.
final class HIVTestingEndToEndTests: DemoDatabaseTestCase {
    func onHand(_ lot: String, _ store: ClinicDatabase) throws -> Int {
        try store.pool.read { db in
            try Int.fetchOne(
                db, sql: "SELECT SUM(m.quantity) FROM movement m JOIN batch b ON b.id = m.batchId WHERE b.batchNumber = ?",
                arguments: [lot]) ?? 0
        }
    }

    func testASocialWorkerTestsADiscordantMemberAndTheKitsComeOutOfStock() throws {
        let store = try ClinicDatabase.open(at: database)
        try DemoStock(database: store).seed()
        let visit = try Seed.visitInConsultation(store)
        let consultation = ConsultationService(database: store)
        try consultation.addDiagnosis(visitId: visit, code: "Z00.0", primary: true, by: Seed.shell)
        try consultation.saveNote(visitId: visit, subjective: "", objective: "", assessment: "Well", plan: "", by: Seed.shell)
        _ = try consultation.complete(visitId: visit, toCounselling: true, by: Seed.shell)
        let before = (try onHand("HT1-0412", store), try onHand("HT2-0630", store))

        let tmux = try Tmux(ClinicBinary.command(database))
        try tmux.logIn("social")
        try tmux.type("2")
        try tmux.waitFor("1 waiting for counselling")
        try tmux.press("Enter")
        try tmux.waitFor("^G HIV ")
        try tmux.press("C-g")
        try tmux.waitFor("Screening kit: lot HT1-0412")
        for answer in ["y", "r", "n", "r", "n"] {
            try tmux.type(answer)
            try tmux.press("Enter")
        }
        try tmux.waitFor("Result: INCONCLUSIVE")
        try tmux.type("y")
        try tmux.press("Enter")
        try tmux.type("NHLS Polokwane")
        try tmux.press("Enter")
        try tmux.waitFor("HIV test recorded: inconclusive (4 kits taken from stock).")
        try tmux.waitFor("HIV test: inconclusive, blood sent to NHLS Polokwane")
        XCTAssertEqual(try onHand("HT1-0412", store), before.0 - 2, "test 1 and its repeat")
        XCTAssertEqual(try onHand("HT2-0630", store), before.1 - 2, "test 2 and its repeat")
        // A second test for the same visit is refused before the form opens.
        try tmux.press("C-g")
        try tmux.waitFor("This visit's HIV test is already recorded")
        let card = try VisitSummary(database: store).text(visitId: visit, by: Seed.shell)
        XCTAssertTrue(card.contains("HIV test done (the result is given to you in person)."), card)
        XCTAssertFalse(card.contains("inconclusive"), card)
    }
}
