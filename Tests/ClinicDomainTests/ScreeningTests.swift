import XCTest

@testable import ClinicDomain

/// The screening rules, each checked at its published edges.
final class ScreeningTests: XCTestCase {
    /// SEMDSA 2017 ch. 3: fasting ≥ 7.0 or random ≥ 11.1 mmol/L suggests diabetes; fasting
    /// 6.1–6.9 is impaired fasting glucose.
    func testGlucoseAtTheSEMDSAEdges() {
        let fasting: [(Double, ScreenFinding)] = [(6.0, .normal), (6.1, .borderline), (6.9, .borderline), (7.0, .raised)]
        for (value, finding) in fasting { XCTAssertEqual(NCDScreen.glucose(value, fasting: true).finding, finding, "\(value)") }
        let random: [(Double, ScreenFinding)] = [(7.0, .normal), (11.0, .normal), (11.1, .raised), (25, .raised)]
        for (value, finding) in random { XCTAssertEqual(NCDScreen.glucose(value, fasting: false).finding, finding, "\(value)") }
        XCTAssertEqual(NCDScreen.glucose(11.1, fasting: false).meaning, "suggests diabetes")
        XCTAssertEqual(NCDScreen.glucose(11.1, fasting: false).finding.nextStep, "refer to doctor today")
    }

    /// SA Hypertension Practice Guideline 2014: 140/90 or above, by either number, is raised.
    func testBloodPressureIsRaisedAt140Over90ByEitherNumber() {
        for systolic in stride(from: 100, through: 180, by: 1) {
            for diastolic in stride(from: 60, through: 110, by: 1) {
                let raised = NCDScreen.bloodPressure(systolic: systolic, diastolic: diastolic).finding == .raised
                XCTAssertEqual(raised, systolic >= 140 || diastolic >= 90, "\(systolic)/\(diastolic)")
            }
        }
    }

    /// WHO STEPS: raised total cholesterol is ≥ 5.0 mmol/L.
    func testCholesterolIsRaisedFrom5() {
        XCTAssertEqual(NCDScreen.cholesterol(4.9).finding, .normal)
        XCTAssertEqual(NCDScreen.cholesterol(5.0).finding, .raised)
    }

    /// WHO expert consultation 2008 / IDF: men 94 and 102 cm, women 80 and 88 cm.
    func testWaistAtTheWHOEdgesBySex() {
        let cases: [(Sex, Double, ScreenFinding)] = [
            (.male, 93.9, .normal), (.male, 94, .borderline), (.male, 101.9, .borderline), (.male, 102, .raised),
            (.female, 79.9, .normal), (.female, 80, .borderline), (.female, 87.9, .borderline), (.female, 88, .raised),
        ]
        for (sex, cm, finding) in cases { XCTAssertEqual(NCDScreen.waist(cm, sex: sex).finding, finding, "\(sex) \(cm)") }
    }

    /// WHO TRS 894: 18.5, 25 and 30 kg/m² for adults; children are not judged by these bands.
    func testBMIBandsForAdultsOnly() {
        let cases: [(Double, String)] = [
            (18.4, "underweight"), (18.5, "normal weight"), (24.9, "normal weight"), (25, "overweight"), (29.9, "overweight"),
            (30, "obese"),
        ]
        for (value, meaning) in cases { XCTAssertEqual(NCDScreen.bmi(value, ageYears: 40)?.meaning, meaning, "\(value)") }
        XCTAssertNil(NCDScreen.bmi(30, ageYears: 17))
    }

    /// WHO W4SS: any one of the four symptoms makes the person presumptive TB (every subset).
    func testAnyOfTheFourSymptomsIsPresumptiveTB() {
        let all = TBScreen.Symptom.allCases
        for mask in 0..<(1 << all.count) {
            let symptoms = Set(all.indices.filter { mask & (1 << $0) != 0 }.map { all[$0] })
            XCTAssertEqual(TBScreen(symptoms: symptoms).isPresumptive, mask != 0, "\(symptoms)")
        }
    }

    /// Kroenke 2003: PHQ-2 totals 0–6, positive from 3. Every pair of answers.
    func testPHQ2ScoresEveryPairAndIsPositiveFrom3() throws {
        for first in 0...3 {
            for second in 0...3 {
                let total = try MoodScreen.phq2.score([first, second]).get()
                XCTAssertEqual(total, first + second)
                XCTAssertEqual(MoodScreen.phq2.band(of: total)?.name.hasPrefix("positive"), total >= 3, "\(first),\(second)")
            }
        }
        XCTAssertEqual(MoodScreen.phq2.maximum, 6)
    }

    /// Kroenke 2001: PHQ-9 is the sum of nine items scored 0–3 (0–27), banded 0–4 minimal,
    /// 5–9 mild, 10–14 moderate, 15–19 moderately severe, 20–27 severe.
    func testPHQ9ScoringAndBandsFollowThePublishedTable() throws {
        XCTAssertEqual(MoodScreen.phq9.maximum, 27)
        let expected = [
            (0, "minimal"), (4, "minimal"), (5, "mild"), (9, "mild"), (10, "moderate"), (14, "moderate"),
            (15, "moderately severe"), (19, "moderately severe"), (20, "severe"), (27, "severe"),
        ]
        for (total, name) in expected {
            // Spread the total over the items, three at most each.
            let answers = (0..<9).map { min(3, max(0, total - 3 * $0)) }
            XCTAssertEqual(try MoodScreen.phq9.score(answers).get(), total)
            XCTAssertEqual(MoodScreen.phq9.band(of: total)?.name, name, "\(total)")
        }
        for total in 0...27 { XCTAssertNotNil(MoodScreen.phq9.band(of: total), "every total has a band") }
        XCTAssertEqual(MoodScreen.phq9.score([0, 1]), .failure(.unanswered("phq3")))
        XCTAssertEqual(MoodScreen.phq9.score(Array(repeating: 4, count: 9)), .failure(.noSuchAnswer("phq1", 4)))
    }

    /// PHQ-9 item 9 above "Not at all" is a self-harm risk whatever the total.
    func testItem9AboveZeroIsASelfHarmRiskWhateverTheTotal() {
        for item9 in 0...3 {
            let answers = Array(repeating: 0, count: 8) + [item9]
            XCTAssertEqual(MoodScreen.selfHarmRisk(answers), item9 > 0, "item 9 = \(item9), total \(item9)")
        }
        XCTAssertFalse(MoodScreen.selfHarmRisk(Array(repeating: 3, count: 8) + [0]), "a high total alone is not item 9")
    }

    /// WHO AUDIT questions 1–3 score 0–4 each (0–12); Bradley 2007: positive 4+ men, 3+ women.
    func testAUDITCScoresEveryAnswerAndItsCutOffsBySex() throws {
        for a in 0...4 {
            for b in 0...4 {
                for c in 0...4 {
                    let total = try AlcoholScreen.auditC.score([a, b, c]).get()
                    XCTAssertEqual(total, a + b + c)
                    XCTAssertEqual(AlcoholScreen.isPositive(total, sex: .male), total >= 4)
                    XCTAssertEqual(AlcoholScreen.isPositive(total, sex: .female), total >= 3)
                }
            }
        }
        XCTAssertEqual(AlcoholScreen.auditC.maximum, 12)
        // WHO AUDIT manual (Babor 2001): a non-drinker ("never" to question 1) is not asked 2 and 3.
        let never = ScreeningInput(["audit1": "0"]).read(for: ScreeningInput.Member(sex: .female, ageYears: 30, vitals: nil))
        XCTAssertTrue(never.skipsAuditRest)
        XCTAssertEqual(never[.auditC]?.value, 0)
        XCTAssertEqual(never.problems, [])
        let drinker = ScreeningInput(["audit1": "1"]).read(for: ScreeningInput.Member(sex: .female, ageYears: 30, vitals: nil))
        XCTAssertFalse(drinker.skipsAuditRest)
        XCTAssertEqual(drinker.problems.map(\.field), ["audit2"])
    }

    /// SA HTS policy 2016, serial algorithm: every sequence of test readings.
    func testTheHTSAlgorithmForEveryCombinationOfResults() {
        let r = RapidTestResult.reactive, n = RapidTestResult.nonReactive
        XCTAssertEqual(HTSAlgorithm.next(after: []), .runScreeningTest)
        XCTAssertEqual(HTSAlgorithm.next(after: [n]), .result(.negative))
        XCTAssertEqual(HTSAlgorithm.next(after: [r]), .runConfirmatoryTest)
        XCTAssertEqual(HTSAlgorithm.next(after: [r, r]), .result(.positive))
        XCTAssertEqual(HTSAlgorithm.next(after: [r, n]), .repeatBothTests, "discordant: repeat both")
        XCTAssertEqual(HTSAlgorithm.next(after: [r, n, r]), .repeatBothTests, "the second repeat still to do")
        for (repeats, result) in [
            ([r, r], HIVResult.positive), ([n, n], .negative), ([r, n], .inconclusive), ([n, r], .inconclusive),
        ] {
            XCTAssertEqual(HTSAlgorithm.next(after: [r, n] + repeats), .result(result), "\(repeats)")
        }
        // An invalid reading is repeated with a new kit: it changes nothing else.
        XCTAssertEqual(HTSAlgorithm.next(after: [.invalid]), .runScreeningTest)
        XCTAssertEqual(HTSAlgorithm.next(after: [r, .invalid]), .runConfirmatoryTest)
        XCTAssertEqual(HTSAlgorithm.next(after: [r, .invalid, r]), .result(.positive))
    }

    func testADeclinedConsentStopsTesting() {
        XCTAssertTrue(HTSConsent.given.allowsTesting)
        XCTAssertFalse(HTSConsent.declined.allowsTesting)
    }
}
