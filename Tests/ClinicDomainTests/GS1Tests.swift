import ClinicDomain
import XCTest

/// GS1 test vectors. 09506000134352 is GS1's own example GTIN; 4006381333931 a real EAN-13.
final class GS1Tests: XCTestCase {
    let gs = "\u{1D}"
    let today = CalendarDate(year: 2026, month: 12, day: 1)!

    func testRawElementStringWithGroupSeparators() throws {
        let scan = try GS1Scan("0109506000134352" + "17261231" + "10ABC123" + gs + "21SN0042", today: today)
        XCTAssertEqual(scan.gtin, "09506000134352")
        XCTAssertEqual(scan.expiry, CalendarDate(year: 2026, month: 12, day: 31))
        XCTAssertEqual(scan.batch, "ABC123")
        XCTAssertEqual(scan.serial, "SN0042")
    }

    func testVariableFieldRunsToTheEndAndDayZeroIsTheEndOfTheMonth() throws {
        let scan = try GS1Scan("010950600013435217280200" + "10LOT7", today: today)
        XCTAssertEqual(scan.expiry, CalendarDate(year: 2028, month: 2, day: 29), "day 00 in a leap February")
        XCTAssertEqual(scan.batch, "LOT7")
        XCTAssertNil(scan.serial)
        XCTAssertEqual(
            try GS1Scan("]d2010950600013435217270400", today: today).expiry, CalendarDate(year: 2027, month: 4, day: 30),
            "symbology identifier skipped")
    }

    func testBracketedHumanForm() throws {
        let scan = try GS1Scan("(01)09506000134352(17)270615(10)B-99(21)X1", today: today)
        XCTAssertEqual(
            scan,
            GS1Scan(gtin: "09506000134352", expiry: CalendarDate(year: 2027, month: 6, day: 15), batch: "B-99", serial: "X1"))
    }

    func testPlainEAN13() throws {
        XCTAssertEqual(try GS1Scan("4006381333931", today: today).gtin, "04006381333931")
        XCTAssertThrowsError(try GS1Scan("4006381333932", today: today)) {
            XCTAssertEqual($0 as? GS1Scan.Problem, .badCheckDigit("04006381333932"))
        }
    }

    func testBadScansSayWhatIsWrong() {
        let cases: [(String, GS1Scan.Problem)] = [
            ("", .empty),
            ("0109506000134353", .badCheckDigit("09506000134353")),
            ("01095060001343", .truncated(ai: "01")),
            ("010950600013435217", .truncated(ai: "17")),
            ("01095060001343521726", .truncated(ai: "17")),
            ("010950600013435217261331", .badDate(ai: "17", "261331")),
            ("010950600013435210", .truncated(ai: "10")),
            ("0109506000134352" + "88ABC", .unknownAI("88")),
            ("10ABC", .missingGTIN),
            ("(01)0950600013435(17)270615", .notDigits("0950600013435")),
            ("(17)270615", .missingGTIN),
        ]
        for (scan, problem) in cases {
            XCTAssertThrowsError(try GS1Scan(scan, today: today), scan.debugDescription) {
                XCTAssertEqual($0 as? GS1Scan.Problem, problem, scan.debugDescription)
            }
        }
    }

    /// (11) production and (15) best-before dates are read; 15 stands in for a missing 17
    /// (GS1 General Specifications 3.4); other known fixed-length AIs are skipped.
    func testProductionAndBestBeforeDatesAndSkippedFields() throws {
        let scan = try GS1Scan("0109506000134352" + "11250301" + "15270831" + "3103000250" + "10LOT1", today: today)
        XCTAssertEqual(scan.productionDate, CalendarDate(year: 2025, month: 3, day: 1))
        XCTAssertEqual(scan.expiry, CalendarDate(year: 2027, month: 8, day: 31), "best-before used as expiry without 17")
        XCTAssertEqual(scan.batch, "LOT1", "(3103) net weight skipped")
        let both = try GS1Scan("(01)09506000134352(15)270831(17)270630", today: today)
        XCTAssertEqual(both.expiry, CalendarDate(year: 2027, month: 6, day: 30), "17 wins over 15")
        XCTAssertEqual(
            try GS1Scan("0109506000134352" + "710123456" + gs + "17270630", today: today).expiry,
            CalendarDate(year: 2027, month: 6, day: 30), "(710) NHRN skipped")
        XCTAssertEqual(
            try GS1Scan("(01)09506000134352(17)270630(99)ABC", today: today).expiry,
            CalendarDate(year: 2027, month: 6, day: 30), "(99) company-internal data skipped")
    }

    /// GTIN-8 and UPC-A (GTIN-12) are padded to GTIN-14 with the mod-10 check verified.
    func testPlainGTIN8AndUPCA() throws {
        XCTAssertEqual(try GS1Scan("96385074", today: today).gtin, "00000096385074")
        XCTAssertEqual(try GS1Scan("036000291452", today: today).gtin, "00036000291452")
        XCTAssertThrowsError(try GS1Scan("036000291453", today: today)) {
            XCTAssertEqual($0 as? GS1Scan.Problem, .badCheckDigit("00036000291453"))
        }
    }

    /// (10) batch and (21) serial hold at most 20 characters (GS1 General Specifications).
    func testOverlongBatchOrSerialIsAMisread() {
        let runTogether = "0109506000134352" + "10LOT1234" + "21SERIAL00000000000001"
        XCTAssertThrowsError(try GS1Scan(runTogether, today: today)) {
            XCTAssertEqual($0 as? GS1Scan.Problem, .tooLong(ai: "10", maximum: 20))
        }
        XCTAssertThrowsError(try GS1Scan("(01)09506000134352(21)" + String(repeating: "9", count: 21), today: today)) {
            XCTAssertEqual($0 as? GS1Scan.Problem, .tooLong(ai: "21", maximum: 20))
        }
        XCTAssertEqual(try GS1Scan("(01)09506000134352(21)" + String(repeating: "9", count: 20), today: today).serial?.count, 20)
    }

    /// Dates are six digits; the century by the GS1 rule (General Specifications 7.12):
    /// 51–99 years ahead is the previous century, 50–99 behind the next.
    func testDatesAreSixDigitsWithTheGS1CenturyRule() throws {
        for bad in ["+51231", "-11231", "27 630"] {
            XCTAssertThrowsError(try GS1Scan("(01)09506000134352(17)" + bad, today: today), bad) {
                XCTAssertEqual($0 as? GS1Scan.Problem, .badDate(ai: "17", bad), bad)
            }
        }
        func year(_ yy: String, on today: CalendarDate) throws -> Int {
            try GS1Scan("(01)09506000134352(11)\(yy)0101", today: today).productionDate!.year
        }
        XCTAssertEqual(try year("76", on: today), 2076, "50 ahead: this century")
        XCTAssertEqual(try year("77", on: today), 1977, "51 ahead: the previous century")
        XCTAssertEqual(try year("99", on: today), 1999)
        let late = CalendarDate(year: 2090, month: 1, day: 1)!
        XCTAssertEqual(try year("40", on: late), 2140, "50 behind: the next century")
        XCTAssertEqual(try year("41", on: late), 2041)
    }
}

extension GS1Tests {
    /// GS1 General Specifications 3.3.2: a shorter GTIN is a GTIN-14 with zeros in front;
    /// 5901234123457 is the specification's own EAN-13 example (its check digit is 7).
    func testShorterGTINsBecomeFourteenDigitsAndOtherTextDoesNot() {
        XCTAssertEqual(GS1Scan.gtin14("5901234123457"), "05901234123457")
        XCTAssertTrue(GS1Scan.checkDigitValid(GS1Scan.gtin14("5901234123457")!))
        XCTAssertEqual(GS1Scan.gtin14("96385074"), "00000096385074")
        XCTAssertEqual(GS1Scan.gtin14("05901234123457"), "05901234123457")
        for bad in ["", "123", "590123412345x", "590123412345700", "5901-234123457"] {
            XCTAssertNil(GS1Scan.gtin14(bad), bad)
        }
    }
}
