import ClinicDomain
import XCTest

final class PatientInputTests: XCTestCase {
    let today = CalendarDate(year: 2026, month: 11, day: 24)!

    var sipho: PatientInput {
        PatientInput([
            "surname": "Ndlovu", "first_names": "Sipho", "sex": "M", "date_of_birth": "1980-01-01",
            "document_number": "800101 5009 087", "phone": "082 123 4567", "province": "gp",
            "membership_number": "11223344", "dependant_code": "00",
        ])
    }

    func testValidInputBecomesDetails() throws {
        let details = try sipho.validate(today: today).get()
        XCTAssertEqual(details.saID, "8001015009087")
        XCTAssertEqual(details.phone, "+27821234567")
        XCTAssertEqual(details.province, .GP)
        XCTAssertEqual(details.shortKey, "N9087")
        XCTAssertEqual(PatientInput(details).validate(today: today), .success(details), "round trip for editing")
    }

    /// Names as they are written are taken; a character no name has is refused (fresh-eyes
    /// walk: `Test?` and `?` were registered).
    func testANameHoldsOnlyWhatNamesAreWrittenWith() {
        for (surname, first) in [
            ("Zoë", "Dlamini"), ("N'wa-Mhlanga", "Thabo"), ("O’Neill", "St. John"), ("van der Merwe", "Anna-Marie"),
        ] {
            var values = sipho.values
            values["surname"] = surname
            values["first_names"] = first
            XCTAssertNoThrow(try PatientInput(values).validate(today: today).get(), "\(surname), \(first)")
        }
        var values = sipho.values
        values["surname"] = "Test?"
        values["first_names"] = "?"
        guard case .failure(let problems) = PatientInput(values).validate(today: today) else { return XCTFail("accepted") }
        XCTAssertEqual(problems["surname"], "surname holds '?', which no name has (letters, spaces, - ' and . only)")
        XCTAssertEqual(problems["first_names"], "first names holds '?', which no name has (letters, spaces, - ' and . only)")
        values["surname"] = "---"
        guard case .failure(let noLetter) = PatientInput(values).validate(today: today) else { return XCTFail("--- accepted") }
        XCTAssertEqual(noLetter["surname"], "surname has no letter in it")
    }

    func testDateOfBirthAndSexMayComeFromTheID() throws {
        var input = sipho
        input[.sex] = ""
        input[.dateOfBirth] = ""
        let details = try input.validate(today: today).get()
        XCTAssertEqual(details.sex, .male)
        XCTAssertEqual(details.dateOfBirth.description, "1980-01-01")
    }

    func problems(_ edits: [String: String]) -> FieldProblems? {
        var input = sipho
        for (key, value) in edits { input.values[key] = value }
        if case .failure(let problems) = input.validate(today: today) { return problems }
        return nil
    }

    func testEachFieldsProblemIsReportedAtThatField() {
        XCTAssertEqual(problems(["surname": ""])?["surname"], "surname is required")
        XCTAssertEqual(problems(["sex": "Q"])?["sex"], "sex must be F, M or X")
        XCTAssertEqual(
            problems(["date_of_birth": "1980-02-30"])?["date_of_birth"], "date of birth must be a real date, YYYY-MM-DD")
        XCTAssertEqual(problems(["date_of_birth": "2030-01-01"])?["date_of_birth"], "date of birth is in the future")
        XCTAssertEqual(
            problems(["document_number": "8001015009088"])?["document_number"],
            "SA ID fails its check digit (last digit); check for a mistyped digit")
        XCTAssertEqual(
            problems(["date_of_birth": "01/02/1980"])?["document_number"],
            "SA ID gives date of birth 1980-01-01, but 1980-02-01 was entered")
        XCTAssertEqual(
            problems(["sex": "female"])?["document_number"], "SA ID digits 7-10 (5009) mean male, but female was entered")
        XCTAssertEqual(
            problems(["phone": "12345"])?["phone"], "phone must be a South African number like 082 123 4567 or +27 82 123 4567")
        XCTAssertEqual(problems(["province": "Gauteng"]), nil, "province by name")
        XCTAssertNotNil(problems(["province": "XX"])?["province"])
        XCTAssertNotNil(problems(["dependant_code": "1"])?["dependant_code"])
        XCTAssertNotNil(problems(["membership_number": "", "dependant_code": "01"])?["dependant_code"])
        XCTAssertNotNil(problems(["document_type": "passport", "document_number": ""])?["document_number"])
        XCTAssertNotNil(problems(["document_type": "licence"])?["document_type"])
    }

    func testAWrongIDIsTheOnlyComplaintWhenSexAndBirthDateWereLeftToIt() {
        let found = problems(["document_number": "8001015009088", "sex": "", "date_of_birth": ""])
        XCTAssertEqual(found?.problems.map(\.field), ["document_number"])
    }

    func testPassportNeedsSexAndDateOfBirthTyped() {
        let found = problems(["document_type": "passport", "document_number": "A1234567", "sex": "", "date_of_birth": ""])
        XCTAssertEqual(found?["sex"], "sex is required (F, M or X)")
        XCTAssertEqual(found?["date_of_birth"], "date of birth is required (YYYY-MM-DD)")
    }

    func testAgeOnABirthday() {
        let born = CalendarDate(year: 1980, month: 11, day: 24)!
        XCTAssertEqual(born.age(on: today), 46)
        XCTAssertEqual(born.age(on: CalendarDate(year: 2026, month: 11, day: 23)!), 45)
    }
}
