import ClinicDomain
import XCTest

final class SAIDNumberTests: XCTestCase {
    let today = CalendarDate(year: 2026, month: 11, day: 24)!

    func testValidExamplesFromTheDesign() throws {
        let male = try SAIDNumber("8001015009087", today: today)
        XCTAssertEqual(male.dateOfBirth, CalendarDate(year: 1980, month: 1, day: 1))
        XCTAssertEqual(male.sex, .male)
        XCTAssertTrue(male.isCitizen)
        let other = try SAIDNumber("880123 5111 088", today: today)
        XCTAssertEqual(other.dateOfBirth.description, "1988-01-23")
        XCTAssertEqual(other.sex, .male)
        XCTAssertTrue(other.isCitizen)
        let resident = try SAIDNumber(Self.makeID("900101", serial: "0001", citizenship: "1"), today: today)
        XCTAssertFalse(resident.isCitizen)
        XCTAssertEqual(male.masked, "800101****087")
    }

    func testTheOftenQuotedNumberFailsItsCheckDigit() {
        XCTAssertThrowsError(try SAIDNumber("9202204720082", today: today)) {
            XCTAssertEqual($0 as? SAIDNumber.Problem, .badCheckDigit)
        }
    }

    func testEveryMistypedSingleDigitIsCaught() {
        let valid = Array("8001015009087")
        for position in valid.indices {
            for digit in "0123456789" where digit != valid[position] {
                var typo = valid
                typo[position] = digit
                XCTAssertThrowsError(try SAIDNumber(String(typo), today: today), String(typo))
            }
        }
    }

    func testImpossibleDatesAndShapes() {
        let cases: [(String, SAIDNumber.Problem)] = [
            ("800230500908", .notThirteenDigits(count: 12)),
            ("80023050090877", .notThirteenDigits(count: 14)),
            ("80010150O9087", .notADigit("O", position: 9)),
            ("92O2204720083", .notADigit("O", position: 3)),
            ("8002305009087", .impossibleDate("800230")),
            ("8013015009087", .impossibleDate("801301")),
            ("8001015009287", .badCitizenship("2")),
        ]
        for (text, problem) in cases {
            XCTAssertThrowsError(try SAIDNumber(text, today: today), text) {
                XCTAssertEqual($0 as? SAIDNumber.Problem, problem, text)
            }
        }
    }

    func testCenturyIsInferredFromToday() throws {
        // 25-01-01 is 2025 (not future); 27-01-01 would be future in 2027, so 1927.
        XCTAssertEqual(try SAIDNumber(Self.makeID("250101", serial: "0001"), today: today).dateOfBirth.year, 2025)
        XCTAssertEqual(try SAIDNumber(Self.makeID("270101", serial: "0001"), today: today).dateOfBirth.year, 1927)
        // A date later this year would be in the future, so it is the previous century.
        XCTAssertEqual(try SAIDNumber(Self.makeID("261225", serial: "0001"), today: today).dateOfBirth.year, 1926)
    }

    /// People aged 100 or more: the typed date of birth decides the century of YYMMDD.
    func testATypedDateOfBirthDecidesTheCenturyForCentenarians() throws {
        let today = CalendarDate(year: 2026, month: 12, day: 1)!
        let born1925 = CalendarDate(year: 1925, month: 6, day: 1)!
        let centenarian = try SAIDNumber("2506015000080", today: today, dateOfBirth: born1925)
        XCTAssertEqual(centenarian.dateOfBirth, born1925)
        XCTAssertEqual(centenarian.dateOfBirth.age(on: today), 101)
        XCTAssertEqual(centenarian.disagreements(dateOfBirth: born1925, sex: .male), [])
        XCTAssertEqual(
            try SAIDNumber("2506015000080", today: today).dateOfBirth.year, 2025, "no typed date: 20YY up to this year")
        XCTAssertEqual(try SAIDNumber("2612025000084", today: today).dateOfBirth, CalendarDate(year: 1926, month: 12, day: 2))
        let otherDay = CalendarDate(year: 1925, month: 6, day: 2)!
        let misread = try SAIDNumber("2506015000080", today: today, dateOfBirth: otherDay)
        XCTAssertEqual(
            misread.disagreements(dateOfBirth: otherDay, sex: nil),
            ["SA ID gives date of birth 1925-06-01, but 1925-06-02 was entered"], "only the day differs, so say so")
    }

    func testSexFromDigitsSevenToTen() throws {
        XCTAssertEqual(try SAIDNumber(Self.makeID("900101", serial: "4999"), today: today).sex, .female)
        XCTAssertEqual(try SAIDNumber(Self.makeID("900101", serial: "5000"), today: today).sex, .male)
    }

    func testDisagreementsNameThePartThatDiffers() throws {
        let id = try SAIDNumber("8001015009087", today: today)
        XCTAssertEqual(
            id.disagreements(dateOfBirth: CalendarDate(year: 1980, month: 1, day: 2), sex: .male),
            ["SA ID gives date of birth 1980-01-01, but 1980-01-02 was entered"])
        XCTAssertEqual(
            id.disagreements(dateOfBirth: nil, sex: .female),
            ["SA ID digits 7-10 (5009) mean male, but female was entered"])
        XCTAssertEqual(id.disagreements(dateOfBirth: id.dateOfBirth, sex: .other), [])
    }

    /// A valid ID for a date and serial: A=8, Luhn digit computed independently of the code under test.
    static func makeID(_ yymmdd: String, serial: String, citizenship: String = "0") -> String {
        let body = yymmdd + serial + citizenship + "8"
        let check = (0...9).first { luhn(body + "\($0)") }!
        return body + "\(check)"
    }

    static func luhn(_ digits: String) -> Bool {
        var sum = 0
        for (offset, c) in digits.reversed().enumerated() {
            let v = Int(String(c))!
            sum += offset % 2 == 1 ? (v * 2 > 9 ? v * 2 - 9 : v * 2) : v
        }
        return sum % 10 == 0
    }
}

final class PhoneAndNameTests: XCTestCase {
    func testTheBracketedTrunkZeroIsDropped() throws {
        XCTAssertEqual(try PhoneNumber.normalise("+27 (0)82 123 4567"), "+27821234567")
        XCTAssertEqual(try PhoneNumber.normalise("+27(0)821234567"), "+27821234567")
    }

    func testPhoneFormatsNormaliseToE164() throws {
        for text in ["082 123 4567", "0821234567", "+27 82 123 4567", "27821234567", "0027 82 123 4567", "(082) 123-4567"] {
            XCTAssertEqual(try PhoneNumber.normalise(text), "+27821234567", text)
        }
        XCTAssertEqual(PhoneNumber.display("+27821234567"), "082 123 4567")
        for bad in ["082 123 456", "+44 20 7946 0958", "082 123 45678", "0021234567", "phone", "+27 082 123 456"] {
            XCTAssertThrowsError(try PhoneNumber.normalise(bad), bad)
        }
    }

    func testNameFoldingAndSimilarity() {
        XCTAssertEqual(NameKey.fold("  Zoë  Nkosi-Dlamini "), "zoe nkosidlamini")
        XCTAssertEqual(NameKey.fold("O'Brien"), "obrien")
        XCTAssertTrue(NameKey.similar("Ndlovu", "NDLOVU"))
        XCTAssertTrue(NameKey.similar("Ndlovu", "Ndhlovu"))
        XCTAssertTrue(NameKey.similar("Mokoena", "Mokoana"))
        XCTAssertFalse(NameKey.similar("Ndlovu", "Nkosi"))
        XCTAssertFalse(NameKey.similar("Li", "Lu"), "short names must match exactly or by one letter only when long enough")
    }
}
