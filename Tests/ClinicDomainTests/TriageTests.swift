import ClinicDomain
import XCTest

/// The SATS 2012 adult TEWS chart as corrected in ../shared/DESIGN.md (the chart adapts
/// the Modified Early Warning Score, where RR < 9 and HR < 41 both score 2), the floor
/// colour of a partial set, children (no adult chart), peri-arrest values and the
/// discriminators vitals reveal.
final class TriageTests: XCTestCase {
    let chart = TEWSChart.adult

    /// Every band edge of every measured parameter, both sides (source: SATS 2012 adult chart).
    func testEveryBandEdgeOfTheAdultChart() {
        let respiratory: [(Double, Int)] = [
            (0, 2), (8, 2), (9, 0), (14, 0), (15, 1), (20, 1), (21, 2), (29, 2), (30, 3), (80, 3),
        ]
        let heart: [(Double, Int)] = [
            (0, 2), (40, 2), (41, 1), (50, 1), (51, 0), (100, 0), (101, 1), (110, 1), (111, 2),
            (129, 2), (130, 3), (300, 3),
        ]
        let systolic: [(Double, Int)] = [
            (0, 3), (70, 3), (71, 2), (80, 2), (81, 1), (100, 1), (101, 0), (199, 0), (200, 2),
            (300, 2),
        ]
        let temperature: [(Double, Int)] = [(34.9, 2), (34.99, 2), (35, 0), (38.4, 0), (38.41, 2), (38.5, 2), (42, 2)]
        for (name, bands, cases) in [
            ("RR", chart.respiratoryRate, respiratory), ("HR", chart.heartRate, heart),
            ("SBP", chart.systolic, systolic), ("temp", chart.temperature, temperature),
        ] {
            for (value, score) in cases {
                XCTAssertEqual(TEWSChart.score(value, on: bands), score, "\(name) \(value)")
            }
        }
        XCTAssertEqual(chart.mobility, [.walking: 0, .withHelp: 1, .immobile: 2])
        XCTAssertEqual(chart.avpu, [.alert: 0, .voice: 1, .pain: 2, .unresponsive: 3])
        XCTAssertEqual(chart.trauma, [false: 0, true: 1])
    }

    /// Totals: 7+ red, 5–6 orange, 3–4 yellow, 0–2 green (SATS 2012).
    func testEveryTotalHasItsColour() {
        let expected: [TriageColour] =
            [.green, .green, .green, .yellow, .yellow, .orange, .orange] + Array(repeating: .red, count: 14)
        for (score, colour) in expected.enumerated() { XCTAssertEqual(chart.colour(forScore: score), colour, "\(score)") }
    }

    func testLowBreathingAndLowPulseScoreTwoEachNotThree() {
        var vitals = Self.normal
        vitals.respiratoryRate = 8
        vitals.heartRate = 40
        let triage = Triage(vitals: vitals, ageYears: 40, discriminator: nil)
        XCTAssertEqual(triage.score, 4)
        XCTAssertEqual(triage.colour, .yellow)
        XCTAssertFalse(triage.isFloor)
    }

    func testAPartialSetShowsItsFloorColourAtOnce() {
        var vitals = Vitals()
        vitals.respiratoryRate = 35
        vitals.heartRate = 140
        vitals.systolic = 60
        let triage = Triage(vitals: vitals, ageYears: 40, discriminator: nil)
        XCTAssertEqual(triage.score, 9)
        XCTAssertEqual(triage.colour, .red)
        XCTAssertTrue(triage.isFloor)
        XCTAssertEqual(triage.colourText, "at least RED")
        XCTAssertNil(Triage(vitals: Vitals(), ageYears: 40, discriminator: nil).colour, "no value, no colour")
    }

    /// The floor never overstates: for every subset of the seven values of many sets, the
    /// partial colour is never more urgent than the complete one.
    func testTheFloorColourCanOnlyRiseAsValuesAreAdded() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<300 {
            var full = Vitals()
            full.respiratoryRate = Int.random(in: 0...50, using: &generator)
            full.heartRate = Int.random(in: 0...200, using: &generator)
            full.systolic = Int.random(in: 40...260, using: &generator)
            full.temperature = Double.random(in: 33...41, using: &generator)
            full.mobility = Mobility.allCases.randomElement(using: &generator)
            full.avpu = AVPU.allCases.randomElement(using: &generator)
            full.trauma = Bool.random(using: &generator)
            let complete = Triage(vitals: full, ageYears: 30, discriminator: nil).colour!
            for mask in 1..<(1 << 7) {
                let partial = Self.keeping(mask, of: full)
                let floor = Triage(vitals: partial, ageYears: 30, discriminator: nil).colour!
                XCTAssertGreaterThanOrEqual(floor, complete, "\(partial) floor \(floor) vs \(complete)")
            }
        }
    }

    func testChildrenAreNotScoredOnTheAdultChartAndNeedAColourSet() {
        var vitals = Self.normal
        vitals.heartRate = 130
        let child = Triage(vitals: vitals, ageYears: 8, discriminator: nil)
        XCTAssertNil(child.score)
        XCTAssertNil(child.colour)
        XCTAssertTrue(child.needsColour)
        let set = Triage(vitals: vitals, ageYears: 8, discriminator: .green)
        XCTAssertEqual(set.colour, .green)
        XCTAssertFalse(set.needsColour)
        vitals.height = 155  // taller than 150 cm: the adult chart applies (SATS 2012)
        XCTAssertNotNil(Triage(vitals: vitals, ageYears: 11, discriminator: nil).score)
        XCTAssertNil(TEWSChart.applicable(ageYears: 11, heightCm: 150))
        XCTAssertNotNil(TEWSChart.applicable(ageYears: 12, heightCm: nil))
    }

    func testChildrensValuesAreNotFlaggedAgainstAdultRanges() {
        let input = VitalsInput(["heart_rate": "130", "resp_rate": "30"])
        XCTAssertEqual(input.read(ageYears: 5).flags, [])
        XCTAssertEqual(Set(input.read(ageYears: 30).flags.map(\.field)), ["heart_rate", "resp_rate"])
    }

    /// A value that is no number is refused with an example of that measurement, never
    /// another's (fresh-eyes walk: the glucose field suggested a temperature).
    func testAValueThatIsNoNumberIsExplainedWithAnExampleOfItsOwn() {
        let expected = [
            "temperature": "type a number, e.g. 36.8", "weight": "type a number, e.g. 72.5",
            "height": "type a number, e.g. 168", "glucose": "type a number, e.g. 5.6",
            "systolic": "type a whole number", "pain": "type a whole number",
        ]
        for (field, message) in expected {
            XCTAssertEqual(VitalsInput([field: "abc"]).read(ageYears: 40).problems, [FieldProblem(field, message)], field)
        }
    }

    /// Peri-arrest values are SATS emergency signs (not breathing, cardiac arrest, shock): RED.
    func testPeriArrestValuesAreRecordedOnceConfirmedAndAreRed() {
        for (field, value) in [("resp_rate", "3"), ("heart_rate", "15"), ("systolic", "35")] {
            let reading = VitalsInput([field: value]).read(ageYears: 50)
            XCTAssertEqual(reading.problems, [], field)
            XCTAssertEqual(reading.toConfirm, [FieldProblem(field, "very low — confirm")], field)
            XCTAssertEqual(reading.triage.colour, .red, field)
            XCTAssertNotNil(reading.emergencySign, field)
            let confirmed = VitalsInput([field: value], veryLowConfirmed: true).read(ageYears: 50)
            XCTAssertEqual(confirmed.toConfirm, [], field)
        }
        XCTAssertEqual(VitalsInput(["resp_rate": "3"]).read(ageYears: 50).triage.score, 2, "the extreme low band")
        XCTAssertEqual(VitalsInput(["systolic": "35"]).read(ageYears: 50).triage.score, 3)
        XCTAssertEqual(
            VitalsInput(["resp_rate": "4"]).read(ageYears: 50).toConfirm, [], "4 is the first value needing no confirmation")
        XCTAssertNotEqual(VitalsInput(["resp_rate": "4"]).read(ageYears: 50).triage.colour, .red)
        XCTAssertEqual(VitalsInput(["resp_rate": "-1"]).read(ageYears: 50).problems.map(\.field), ["resp_rate"])
    }

    /// Hypoglycaemia (glucose < 3 mmol/L) is a SATS adult emergency sign; SpO2 < 92 % is offered too.
    func testVitalsMatchingADiscriminatorOfferItWithoutApplyingIt() {
        let hypoxic = VitalsInput(["spo2": "88"]).read(ageYears: 40)
        XCTAssertEqual(hypoxic.suggestions, [VitalsInput.Suggestion(colour: .red, reason: "SpO2 below 92 %")])
        XCTAssertNil(hypoxic.discriminator, "offered, never applied silently")
        let hypoglycaemic = VitalsInput(["glucose": " 2,8 "]).read(ageYears: 40)
        XCTAssertEqual(hypoglycaemic.suggestions.map(\.reason), ["Hypoglycaemia: glucose below 3 mmol/L"])
        XCTAssertEqual(VitalsInput(["spo2": "92", "glucose": "3.0"]).read(ageYears: 40).suggestions, [])
        let accepted = VitalsInput(["spo2": "88", "discriminator": "R", "discriminator_reason": "SpO2 below 92 %"]).read(
            ageYears: 40)
        XCTAssertEqual(accepted.suggestions, [], "nothing more to offer once the colour is red")
        XCTAssertEqual(accepted.triage.colour, .red)
    }

    func testQueueRanksPutAChildAwaitingAColourFirstAndTheUntriagedLast() {
        XCTAssertLessThan(QueueRank.of(nil, awaitingColour: true), QueueRank.of(.red))
        XCTAssertGreaterThan(QueueRank.of(nil), QueueRank.of(.green))
        for colour in TriageColour.allCases { XCTAssertEqual(QueueRank.colour(QueueRank.of(colour)), colour) }
        XCTAssertNil(QueueRank.colour(QueueRank.awaitingColour))
        XCTAssertNil(QueueRank.colour(QueueRank.untriaged))
    }

    static var normal: Vitals {
        var v = Vitals()
        v.systolic = 120
        v.diastolic = 80
        v.heartRate = 72
        v.respiratoryRate = 12
        v.temperature = 36.8
        v.spO2 = 98
        v.mobility = .walking
        v.avpu = .alert
        v.trauma = false
        return v
    }

    static func keeping(_ mask: Int, of full: Vitals) -> Vitals {
        var v = Vitals()
        if mask & 1 != 0 { v.respiratoryRate = full.respiratoryRate }
        if mask & 2 != 0 { v.heartRate = full.heartRate }
        if mask & 4 != 0 { v.systolic = full.systolic }
        if mask & 8 != 0 { v.temperature = full.temperature }
        if mask & 16 != 0 { v.mobility = full.mobility }
        if mask & 32 != 0 { v.avpu = full.avpu }
        if mask & 64 != 0 { v.trauma = full.trauma }
        return v
    }
}

/// A saved vitals set is flagged by the same normal ranges the nursing screen flags typed
/// values with (VitalsInput.limits), so the consultation shows what the nurse saw.
final class SavedVitalsFlagTests: XCTestCase {
    func testASavedSetIsFlaggedAsItWasWhenTypedAndChildrenAreNotFlagged() {
        let typed = VitalsInput([
            "systolic": "185", "diastolic": "112", "heart_rate": "130", "resp_rate": "8", "temperature": "38.4",
            "spo2": "91", "glucose": "12.5", "mobility": "w", "avpu": "a", "trauma": "n",
        ])
        let reading = typed.read(ageYears: 40)
        let saved = VitalsInput.flags(of: reading.vitals, ageYears: 40)
        XCTAssertEqual(saved, reading.flags)
        XCTAssertEqual(saved.map(\.field).count, 7)
        XCTAssertEqual(VitalsInput.flags(of: reading.vitals, ageYears: 6), [], "no adult range for a child")
        let normal = VitalsInput([
            "systolic": "120", "diastolic": "80", "heart_rate": "72", "resp_rate": "14", "temperature": "36.8", "spo2": "98",
        ]).read(ageYears: 40)
        XCTAssertEqual(VitalsInput.flags(of: normal.vitals, ageYears: 40), [])
    }
}
