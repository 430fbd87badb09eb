import XCTest

@testable import ClinicDomain

/// The screening form as a nurse types it: each section read into outcomes, half-answered
/// sections and values no device shows refused on their field.
final class ScreeningInputTests: XCTestCase {
    private let man = ScreeningInput.Member(sex: .male, ageYears: 40, vitals: nil)

    private func read(
        _ values: [ScreeningField: String], for member: ScreeningInput.Member? = nil
    )
        -> ScreeningInput.Reading
    {
        ScreeningInput(Dictionary(uniqueKeysWithValues: values.map { ($0.key.rawValue, $0.value) })).read(for: member ?? man)
    }

    func testAnEmptyFormHasNoOutcomesAndNoProblems() {
        let reading = read([:])
        XCTAssertEqual(reading.outcomes, [])
        XCTAssertEqual(reading.problems, [])
    }

    /// SEMDSA 2017: 7.0 fasting suggests diabetes, the same value random does not.
    func testGlucoseIsRandomUnlessMarkedFasting() {
        XCTAssertEqual(read([.glucose: "7.0"])[.glucose]?.finding, .normal)
        XCTAssertEqual(read([.glucose: "7.0"])[.glucose]?.detail, "random")
        XCTAssertEqual(read([.glucose: "7,0", .fasting: "y"])[.glucose]?.finding, .raised)
        XCTAssertEqual(read([.glucose: "7.0", .fasting: "y"])[.glucose]?.valueText, "7 mmol/L (fasting)")
        XCTAssertEqual(read([.glucose: "7.0", .fasting: "maybe"]).problems, [FieldProblem(ScreeningField.fasting, "Y or N")])
    }

    /// Blood pressure and BMI come from the latest vitals (SA Hypertension Guideline 2014;
    /// WHO TRS 894), and BMI only for adults.
    func testBloodPressureAndBMIComeFromTheVitals() {
        var vitals = Vitals()
        vitals.systolic = 142
        vitals.diastolic = 88
        vitals.weight = 95
        vitals.height = 175
        let reading = read([:], for: .init(sex: .male, ageYears: 40, vitals: vitals))
        XCTAssertEqual(reading[.bloodPressure]?.finding, .raised)
        XCTAssertEqual(reading[.bloodPressure]?.valueText, "142/88 mmHg")
        XCTAssertEqual(reading[.bmi]?.value, 31.0)
        XCTAssertEqual(reading[.bmi]?.meaning, "obese")
        XCTAssertNil(read([:], for: .init(sex: .male, ageYears: 12, vitals: vitals))[.bmi])
    }

    /// The Accutrend Cholesterol strips read 3.88–7.76 mmol/L; beyond it the meter shows HI
    /// or LO, which the nurse types as shown (WHO STEPS: raised from 5.0).
    func testCholesterolOutsideTheMeterRangeAsksForHIOrLO() {
        XCTAssertEqual(read([.cholesterol: "5.2"])[.cholesterol]?.finding, .raised)
        XCTAssertEqual(read([.cholesterol: "hi"])[.cholesterol]?.finding, .raised)
        XCTAssertEqual(read([.cholesterol: "hi"])[.cholesterol]?.valueText, "HI")
        XCTAssertEqual(read([.cholesterol: "LO"])[.cholesterol]?.finding, .normal)
        let above = read([.cholesterol: "9.1"])
        XCTAssertNil(above[.cholesterol])
        XCTAssertEqual(above.problems.first?.message, "the meter shows 3.88–7.76 mmol/L; type HI if it showed HI")
        XCTAssertEqual(read([.cholesterol: "2"]).problems.first?.message.hasSuffix("type LO if it showed LO"), true)
        XCTAssertEqual(read([.cholesterol: "high"]).problems.first?.message, "type a number in mmol/L")
    }

    func testAWaistNoTapeGivesIsRefused() {
        XCTAssertEqual(read([.waist: "9"]).problems, [FieldProblem(ScreeningField.waist, "impossible: must be 40–200 cm")])
        XCTAssertEqual(read([.waist: "102"])[.waist]?.finding, .raised)
    }

    /// WHO W4SS: any one of the four symptoms makes the person presumptive TB; every one of
    /// the 16 answer combinations is checked.
    func testTBScreenOverEveryAnswerCombination() {
        let fields: [ScreeningField] = [.cough, .fever, .nightSweats, .weightLoss]
        for mask in 0..<16 {
            var values: [ScreeningField: String] = [.sputumTo: "NHLS Pretoria"]
            for (bit, field) in fields.enumerated() { values[field] = mask & (1 << bit) != 0 ? "Y" : "n" }
            let reading = read(values)
            XCTAssertEqual(reading.presumptiveTB, mask != 0, "\(mask)")
            XCTAssertEqual(reading[.tb]?.finding, mask != 0 ? .raised : .normal, "\(mask)")
            XCTAssertEqual(reading.problems, [], "\(mask)")
        }
        let cough = read([.cough: "y", .fever: "n", .nightSweats: "y", .weightLoss: "n", .sputumTo: "NHLS"])[.tb]
        XCTAssertEqual(cough?.detail, "cough, night sweats")
        XCTAssertEqual(cough?.nextStep, "sputum sent to NHLS; see the doctor today")
    }

    func testATBScreenHalfAnsweredOrWithoutASputumDestinationIsRefused() {
        let half = read([.cough: "y", .fever: "n"])
        XCTAssertNil(half[.tb])
        XCTAssertEqual(half.problems, [FieldProblem(ScreeningField.nightSweats, "answer all four TB questions: Y or N")])
        let noSputum = read([.cough: "y", .fever: "n", .nightSweats: "n", .weightLoss: "n"])
        XCTAssertEqual(
            noSputum.problems, [FieldProblem(ScreeningField.sputumTo, "presumptive TB: say where the sputum sample went")])
    }

    /// Kroenke 2003: PHQ-2 of 3 or more asks the PHQ-9; below it the other items stay empty.
    func testPHQ2AsksThePHQ9FromThree() {
        for (a, b) in [(0, 0), (1, 1), (2, 0), (1, 2), (3, 0), (3, 3)] {
            let reading = read([.phq1: "\(a)", .phq2: "\(b)"])
            XCTAssertEqual(reading[.phq2]?.value, Double(a + b))
            XCTAssertEqual(reading.asksPHQ9, a + b >= 3, "\(a)+\(b)")
            XCTAssertEqual(reading.problems.isEmpty, a + b < 3, "PHQ-9 items missing when positive: \(a)+\(b)")
        }
        let extra = read([.phq1: "0", .phq2: "1", .phq3: "2"])
        XCTAssertEqual(extra.problems, [FieldProblem(ScreeningField.phq3, "asked only when PHQ-2 is 3 or more: leave it empty")])
        XCTAssertEqual(read([.phq1: "4", .phq2: "0"]).problems, [FieldProblem(ScreeningField.phq1, "not an answer: type 0–3")])
        XCTAssertEqual(read([.phq1: "1"]).problems, [FieldProblem(ScreeningField.phq2, "not answered: type 0–3")])
    }

    /// Kroenke 2001: the PHQ-9 total and its band; item 9 above 0 is self-harm risk at any total.
    func testPHQ9ScoresAndItemNineMakesItUrgent() {
        let fields: [ScreeningField] = [.phq1, .phq2, .phq3, .phq4, .phq5, .phq6, .phq7, .phq8, .phq9]
        func phq9(_ items: [Int]) -> ScreeningInput.Reading {
            read(Dictionary(uniqueKeysWithValues: zip(fields, items.map(String.init))))
        }
        let moderate = phq9([2, 2, 1, 1, 1, 1, 1, 1, 0])
        XCTAssertEqual(moderate[.phq9]?.value, 10)
        XCTAssertEqual(moderate[.phq9]?.meaning, "moderate")
        XCTAssertEqual(moderate[.phq9]?.finding, .raised)
        XCTAssertFalse(moderate.selfHarmRisk)
        let lowTotal = phq9([2, 1, 0, 0, 0, 0, 0, 0, 1])
        XCTAssertEqual(lowTotal[.phq9]?.value, 4)
        XCTAssertTrue(lowTotal.selfHarmRisk)
        XCTAssertEqual(lowTotal[.phq9]?.finding, .raised)
        XCTAssertEqual(lowTotal[.phq9]?.nextStep, "urgent: the social worker today")
        XCTAssertEqual(phq9([2, 1, 1, 1, 0, 0, 0, 0, 0])[.phq9]?.finding, .borderline)
    }

    /// Bradley 2007: AUDIT-C positive at 4 for men, 3 for women.
    func testAUDITCByTheCutOffOfTheMembersSex() {
        let three: [ScreeningField: String] = [.audit1: "1", .audit2: "1", .audit3: "1"]
        XCTAssertEqual(read(three)[.auditC]?.meaning, "negative")
        XCTAssertEqual(read(three, for: .init(sex: .female, ageYears: 40, vitals: nil))[.auditC]?.meaning, "positive")
        XCTAssertEqual(read([.audit1: "5", .audit2: "0", .audit3: "0"]).problems.first?.message, "not an answer: type 0–4")
    }
}

extension ScreeningInputTests {
    /// A recorded screen put back into the form reads to the same outcomes: what the nurse
    /// sees when opening the screen again is what was recorded.
    func testRecordedResultsReadBackToTheSameOutcomes() {
        let typed: [ScreeningField: String] = [
            .glucose: "7.4", .fasting: "y", .cholesterol: "HI", .waist: "96", .cough: "y", .fever: "n", .nightSweats: "n",
            .weightLoss: "y", .sputumTo: "NHLS", .phq1: "2", .phq2: "2", .phq3: "1", .phq4: "1", .phq5: "0", .phq6: "0",
            .phq7: "0", .phq8: "0", .phq9: "1", .audit1: "2", .audit2: "1", .audit3: "0",
        ]
        let first = read(typed)
        XCTAssertEqual(first.problems, [])
        let again = ScreeningInput(recorded: first.outcomes, sputumTo: "NHLS").read(for: man)
        XCTAssertEqual(again.outcomes, first.outcomes)
        XCTAssertTrue(again.selfHarmRisk)
    }
}
