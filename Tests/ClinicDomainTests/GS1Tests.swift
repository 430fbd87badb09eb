import ClinicDomain
import XCTest

/// GS1 test vectors. 09506000134352 is GS1's own example GTIN; 4006381333931 a real EAN-13.
final class GS1Tests: XCTestCase {
    let gs = "\u{1D}"

    func testRawElementStringWithGroupSeparators() throws {
        let scan = try GS1Scan("0109506000134352" + "17261231" + "10ABC123" + gs + "21SN0042")
        XCTAssertEqual(scan.gtin, "09506000134352")
        XCTAssertEqual(scan.expiry, CalendarDate(year: 2026, month: 12, day: 31))
        XCTAssertEqual(scan.batch, "ABC123")
        XCTAssertEqual(scan.serial, "SN0042")
    }

    func testVariableFieldRunsToTheEndAndDayZeroIsTheEndOfTheMonth() throws {
        let scan = try GS1Scan("010950600013435217280200" + "10LOT7")
        XCTAssertEqual(scan.expiry, CalendarDate(year: 2028, month: 2, day: 29), "day 00 in a leap February")
        XCTAssertEqual(scan.batch, "LOT7")
        XCTAssertNil(scan.serial)
        XCTAssertEqual(try GS1Scan("]d2010950600013435217270400").expiry, CalendarDate(year: 2027, month: 4, day: 30),
                       "symbology identifier skipped")
    }

    func testBracketedHumanForm() throws {
        let scan = try GS1Scan("(01)09506000134352(17)270615(10)B-99(21)X1")
        XCTAssertEqual(scan, GS1Scan(gtin: "09506000134352", expiry: CalendarDate(year: 2027, month: 6, day: 15), batch: "B-99", serial: "X1"))
    }

    func testPlainEAN13() throws {
        XCTAssertEqual(try GS1Scan("4006381333931").gtin, "04006381333931")
        XCTAssertThrowsError(try GS1Scan("4006381333932")) { XCTAssertEqual($0 as? GS1Scan.Problem, .badCheckDigit("04006381333932")) }
    }

    func testBadScansSayWhatIsWrong() {
        let cases: [(String, GS1Scan.Problem)] = [
            ("", .empty),
            ("0109506000134353", .badCheckDigit("09506000134353")),
            ("01095060001343", .truncated(ai: "01")),
            ("010950600013435217", .truncated(ai: "17")),
            ("01095060001343521726", .truncated(ai: "17")),
            ("010950600013435217261331", .badExpiry("261331")),
            ("010950600013435210", .truncated(ai: "10")),
            ("0109506000134352" + "99ABC", .unknownAI("99")),
            ("10ABC", .missingGTIN),
            ("(01)0950600013435(17)270615", .notDigits("0950600013435")),
            ("(17)270615", .missingGTIN),
        ]
        for (scan, problem) in cases {
            XCTAssertThrowsError(try GS1Scan(scan), scan.debugDescription) { XCTAssertEqual($0 as? GS1Scan.Problem, problem, scan.debugDescription) }
        }
    }
}
