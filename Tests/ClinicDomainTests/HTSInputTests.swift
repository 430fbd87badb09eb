import ClinicDomain
import XCTest

/// The HIV test form read with the serial algorithm (National HIV Testing Services Policy,
/// NDoH 2016): which questions follow from each sequence of readings, and what each result
/// needs before it is recorded.
final class HTSInputTests: XCTestCase {
    let today = CalendarDate(year: 2026, month: 12, day: 4)!

    private func read(_ values: [HTSField: String]) -> HTSInput.Reading {
        HTSInput(Dictionary(uniqueKeysWithValues: values.map { ($0.key.rawValue, $0.value) })).read(today: today)
    }

    private func asked(_ reading: HTSInput.Reading) -> Set<HTSField> {
        Set(HTSField.allCases).subtracting(HTSInput.notAsked(reading))
    }

    func testEachSequenceOfReadingsAsksOnlyWhatFollows() {
        let cases: [([HTSField: String], HIVResult?, Set<HTSField>)] = [
            ([.consent: "y"], nil, [.consent, .test1]),
            ([.consent: "y", .test1: "n"], .negative, [.consent, .test1, .postTest, .retest]),
            ([.consent: "y", .test1: "r"], nil, [.consent, .test1, .test2]),
            (
                [.consent: "y", .test1: "r", .test2: "r"], .positive,
                [.consent, .test1, .test2, .postTest, .linkage, .linkageTo, .linkageDate]
            ),
            ([.consent: "y", .test1: "r", .test2: "n"], nil, [.consent, .test1, .test2, .repeat1]),
            ([.consent: "y", .test1: "r", .test2: "n", .repeat1: "n"], nil, [.consent, .test1, .test2, .repeat1, .repeat2]),
            (
                [.consent: "y", .test1: "r", .test2: "n", .repeat1: "r", .repeat2: "n"], .inconclusive,
                [.consent, .test1, .test2, .repeat1, .repeat2, .postTest, .labTo]
            ),
            (
                [.consent: "y", .test1: "r", .test2: "n", .repeat1: "n", .repeat2: "n"], .negative,
                [.consent, .test1, .test2, .repeat1, .repeat2, .postTest, .retest]
            ),
            ([.consent: "n", .test1: "r"], nil, [.consent]),
        ]
        for (values, result, expected) in cases {
            let reading = read(values)
            XCTAssertEqual(reading.result, result, "\(values)")
            XCTAssertEqual(asked(reading), expected, "\(values)")
        }
        // Started on ART here: no referral clinic or date asked.
        let started = read([.consent: "y", .test1: "r", .test2: "r", .linkage: "s"])
        XCTAssertEqual(asked(started), [.consent, .test1, .test2, .postTest, .linkage])
    }

    func testADeclineIsCompleteAndNeedsNothingElse() {
        let reading = read([.consent: "N"])
        XCTAssertEqual(reading.consent, .declined)
        XCTAssertEqual(reading.problems, [])
        XCTAssertEqual(reading.readings, [])
    }

    /// Bad input, each on its field: consent neither Y nor N, an invalid or unknown
    /// reading, a positive without linkage, a referral without where or when, dates.
    func testEachMissingOrWrongAnswerIsAProblemOnItsField() {
        func problem(_ values: [HTSField: String], _ field: HTSField) -> String? {
            read(values).problems.first { $0.field == field.rawValue }?.message
        }
        XCTAssertNotNil(problem([.consent: "maybe"], .consent))
        XCTAssertEqual(
            problem([.consent: "y", .test1: "i"], .test1), "An invalid test is done again with a new kit: type that kit's reading"
        )
        XCTAssertEqual(problem([.consent: "y", .test1: "x"], .test1), "R reactive or N non-reactive")
        let positive: [HTSField: String] = [.consent: "y", .test1: "r", .test2: "r", .postTest: "y"]
        XCTAssertEqual(problem(positive, .linkage), "A positive result needs its linkage: S ART started here, R referred")
        var referred = positive
        referred[.linkage] = "r"
        XCTAssertNotNil(problem(referred, .linkageTo))
        XCTAssertEqual(problem(referred, .linkageDate), "Type the date of the ART appointment, YYYY-MM-DD")
        referred[.linkageTo] = "Seshego Clinic"
        referred[.linkageDate] = "2026-12-03"
        XCTAssertEqual(problem(referred, .linkageDate), "2026-12-03 is in the past")
        referred[.linkageDate] = "2026-12-07"
        XCTAssertEqual(read(referred).problems, [])
        XCTAssertEqual(
            problem([.consent: "y", .test1: "n", .retest: "soon"], .retest), "soon is not a date: YYYY-MM-DD or DD/MM/YYYY")
        XCTAssertEqual(
            problem([.consent: "y", .test1: "n", .retest: "2027-03-01"], .postTest),
            "Y once the result is given with post-test counselling")
        XCTAssertNotNil(problem([.consent: "y", .test1: "r", .test2: "n", .repeat1: "n", .repeat2: "r"], .labTo))
    }

    func testEachTestUsesItsKit() {
        XCTAssertEqual((0..<4).map(HTSInput.kit(forTestAt:)), [.screening, .confirmatory, .screening, .confirmatory])
    }
}
