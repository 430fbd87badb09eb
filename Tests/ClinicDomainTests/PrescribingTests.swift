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
        // q.d.s. (quater die sumendum) is the British and South African spelling of q.i.d.
        XCTAssertEqual(try Dosage.parse(dose: "10", frequency: "QDS", days: "3").get().frequency, .fourTimes)
        XCTAssertEqual(try Dosage.parse(dose: " 1 ", frequency: "tds", days: " 5").get().quantity, 15, "spaces around numbers")
    }

    func testBadNumbersNameTheirField() {
        guard case .failure(let problems) = Dosage.parse(dose: "0", frequency: "hourly", days: "200") else { return XCTFail() }
        XCTAssertEqual(problems.problems.map(\.field), ["dose", "frequency", "days"])
        guard case .failure(let words) = Dosage.parse(dose: "abc", frequency: "od", days: "5") else { return XCTFail() }
        XCTAssertEqual(words["dose"], "type the dose as a number of units, e.g. 1 or 0.5", "not a number is not a range problem")
    }

    func testAllergyConflictsByNameAndByClass() {
        XCTAssertEqual(AllergyCheck.conflicts(of: "Amoxicillin", with: ["Penicillin (rash)", "Peanuts"]), ["Penicillin (rash)"])
        XCTAssertEqual(AllergyCheck.conflicts(of: "Co-trimoxazole", with: ["sulfa drugs"]), ["sulfa drugs"])
        XCTAssertEqual(AllergyCheck.conflicts(of: "Ibuprofen", with: ["ibuprofen"]), ["ibuprofen"])
        XCTAssertEqual(AllergyCheck.conflicts(of: "Paracetamol", with: ["Penicillin", "NSAIDs"]), [])
        XCTAssertEqual(AllergyCheck.conflicts(of: "Diclofenac", with: ["NSAIDs"]), ["NSAIDs"])
    }
}

/// How a dispensed medicine reads on the patient's summary: the dose in its unit, the
/// frequency and days in words, and how many units were handed over.
final class DosageInstructionTests: XCTestCase {
    func testInstructionsNameTheUnitFrequencyDaysAndQuantityInWords() {
        let cases: [(Dosage, String, Int, String)] = [
            (Dosage(dose: 1, frequency: .daily, days: 30), "tablet", 30, "1 tablet once a day for 30 days (30 tablets)"),
            (Dosage(dose: 2, frequency: .fourTimes, days: 1), "tablet", 8, "2 tablets four times a day for 1 day (8 tablets)"),
            (Dosage(dose: 0.5, frequency: .twice, days: 7), "tablet", 7, "0.5 tablet twice a day for 7 days (7 tablets)"),
            (Dosage(dose: 10, frequency: .thrice, days: 5), "ml", 150, "10 ml three times a day for 5 days (150 ml)"),
            (Dosage(dose: 2, frequency: .once, days: 1), "puff", 2, "2 puffs once, now (2 puffs)"),
            (Dosage(dose: 1, frequency: .night, days: 14), "capsule", 14, "1 capsule at night for 14 days (14 capsules)"),
        ]
        for (dosage, unit, quantity, expected) in cases {
            XCTAssertEqual(dosage.instructions(unit: unit, quantity: quantity), expected)
        }
    }

    func testCountsTakeTheirNounInTheRightNumber() {
        XCTAssertEqual(0.counted("visit"), "0 visits")
        XCTAssertEqual(1.counted("visit"), "1 visit")
        XCTAssertEqual(2.counted("batch", plural: "batches"), "2 batches")
    }
}
