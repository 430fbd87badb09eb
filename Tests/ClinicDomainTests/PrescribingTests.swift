import ClinicDomain
import XCTest

final class PrescribingTests: XCTestCase {
    func testQuantityIsDoseTimesFrequencyTimesDaysRoundedUp() throws {
        XCTAssertEqual(try Dosage.parse(dose: "1", frequency: "tds", days: "5").get().quantity, 15)
        XCTAssertEqual(try Dosage.parse(dose: "2", frequency: "BD", days: "7").get().quantity, 28)
        XCTAssertEqual(try Dosage.parse(dose: "0,5", frequency: "od", days: "5").get().quantity, 3, "2.5 rounds up")
        XCTAssertEqual(try Dosage.parse(dose: "2", frequency: "stat", days: "").get().quantity, 2)
        XCTAssertEqual(try Dosage.parse(dose: "2", frequency: "stat", days: "1").get().quantity, 2, "one day of a single dose")
        guard case .failure(let stat) = Dosage.parse(dose: "1", frequency: "stat", days: "5") else {
            return XCTFail("stat for 5 days")
        }
        XCTAssertEqual(stat["days"], "stat is one dose, once: leave the days empty")
        XCTAssertEqual(try Dosage.parse(dose: "10", frequency: "qid", days: "3").get().quantity, 120)
        XCTAssertEqual(try Dosage.parse(dose: " 1 ", frequency: "tds", days: " 5").get().quantity, 15, "spaces around numbers")
    }

    func testBadNumbersNameTheirField() {
        guard case .failure(let problems) = Dosage.parse(dose: "0", frequency: "hourly", days: "200") else { return XCTFail() }
        XCTAssertEqual(problems.problems.map(\.field), ["dose", "frequency", "days"])
    }

    func testAllergyConflictsByNameAndByClass() {
        XCTAssertEqual(AllergyCheck.conflicts(of: "Amoxicillin", with: ["Penicillin (rash)", "Peanuts"]), ["Penicillin (rash)"])
        XCTAssertEqual(AllergyCheck.conflicts(of: "Co-trimoxazole", with: ["sulfa drugs"]), ["sulfa drugs"])
        XCTAssertEqual(AllergyCheck.conflicts(of: "Ibuprofen", with: ["ibuprofen"]), ["ibuprofen"])
        XCTAssertEqual(AllergyCheck.conflicts(of: "Paracetamol", with: ["Penicillin", "NSAIDs"]), [])
        XCTAssertEqual(AllergyCheck.conflicts(of: "Diclofenac", with: ["NSAIDs"]), ["NSAIDs"])
    }
}
