import ClinicDomain
import ClinicServices
import ClinicStore
import GRDB
import TerminalKit
import XCTest

@testable import ClinicTUI

final class PatientScreensTests: XCTestCase {
    var harness: AppHarness!

    override func setUpWithError() throws {
        harness = try AppHarness()
        let service = PatientService(database: harness.database, clock: harness.clock)
        let shell = Actor.shell(name: "seed")
        for (surname, first, id, extra) in [
            (
                "Ndlovu", "Sipho", "8001015009087",
                ["membership_number": "11223344", "dependant_code": "00", "phone": "0821234567"]
            ),
            ("Ndlela", "Thandi", "8801235111088", [:]),
            ("Zoë", "Dlamini", "9001014800089", [:]),
        ] {
            let record = try service.register(
                PatientInput(
                    ["surname": surname, "first_names": first, "document_number": id]
                        .merging(extra) { $1 }), by: shell)
            if surname == "Ndlovu" {
                try service.addBackground(.allergy, text: "Penicillin", note: "rash", to: record.id, by: shell)
            }
        }
    }

    func openSearch(as user: String = "clerk") {
        harness.logIn(user)
        harness.openMenu(MenuEntry.entries(for: Role(rawValue: user)!).first { $0.destination == .patients }!.title)
    }

    func testSearchAnswersEveryKeystrokeAndOpensTheRecord() throws {
        openSearch()
        harness.type("n")
        XCTAssertEqual((harness.app.top as? PatientSearchScreen)?.results.count, 2)
        harness.type("dl sip")
        assertSnapshot(harness.snapshot(), named: "patient-search-80x24")
        harness.press(.control("u"))
        harness.type("zoe")
        XCTAssertEqual((harness.app.top as? PatientSearchScreen)?.results.map(\.surname), ["Zoë"])
        harness.press(.control("u"))
        harness.type("N9087")
        harness.press(.enter)
        XCTAssertTrue(harness.app.top is PatientRecordScreen)
        assertSnapshot(harness.snapshot(), named: "patient-record-80x24")
        assertSnapshot(harness.snapshot(120, 40), named: "patient-record-120x40")
    }

    /// More visits than the record has rows for: the heading says which are shown, and
    /// moving down scrolls to the rest (fresh-eyes walk: rows below went unseen).
    func testTheVisitListSaysWhenVisitsAreOutOfSight() throws {
        let shell = Actor.shell(name: "seed")
        let visits = VisitService(database: harness.database, clock: harness.clock)
        let patient = try PatientService(database: harness.database).search("ndlovu", by: shell)[0]
        for number in 1...9 {
            let visit = try visits.checkIn(patientId: patient.id, reason: "Visit \(number)", by: shell)
            _ = try visits.perform(.cancel(reason: "test"), visitId: visit.id, by: shell)
            harness.clock.advance(3600)
        }
        openSearch()
        harness.type("ndlovu")
        harness.press(.enter)
        XCTAssertTrue(harness.app.top is PatientRecordScreen, harness.screen())
        let heading = try XCTUnwrap(harness.screen().split(separator: "\n").first { $0.contains("Visits: 9 visits") })
        XCTAssertTrue(heading.contains("1–"), "\(heading)")
        XCTAssertTrue(heading.contains("shown, ↑↓ for more"), "\(heading)")
        harness.press(.end)
        XCTAssertTrue(harness.screen().contains("Visit 1"), "the oldest visit scrolls into sight: \(harness.screen())")
        XCTAssertTrue(harness.screen().contains("–9 shown"), harness.screen())
    }

    func testRegisterShowsEachProblemAtItsFieldThenSaves() throws {
        openSearch()
        harness.press(.function(2))
        let form = try XCTUnwrap(harness.app.top as? FormScreen)
        for _ in form.form.fields { harness.press(.enter) }
        XCTAssertEqual(form.form.fields.first { $0.id == "surname" }?.error, "surname is required")
        XCTAssertEqual(form.form.focusedID, "surname")
        harness.type("M")
        XCTAssertNil(form.form.fields.first { $0.id == "surname" }?.error, "typing answers the field's error")
        XCTAssertNotEqual(form.message, "surname is required")
        harness.type("okoena")
        harness.press(.tab)
        harness.type("Lerato")
        harness.press(.tab, .tab)
        harness.type("8503155009088")
        harness.press(.tab)
        harness.type("F")
        for _ in 0..<12 { harness.press(.enter) }
        XCTAssertTrue(harness.app.top is FormScreen)
        assertSnapshot(harness.snapshot(), named: "register-errors-80x24")
        XCTAssertNotNil(form.form.fields.first { $0.id == "document_number" }?.error)
        form.form["document_number"] = "8503150009087"
        form.form["sex"] = ""
        form.form.focus(on: "main_member_folder")
        harness.press(.enter)
        let record = try XCTUnwrap(harness.app.top as? PatientRecordScreen, harness.screen())
        XCTAssertEqual(record.file.record.folderNumber, "DEMO-000004")
        XCTAssertEqual(harness.app.notice, "Registered MOKOENA, Lerato as DEMO-000004.", "the record says it was saved")
        XCTAssertEqual(record.file.record.sex, .female, "sex read from the ID")
    }

    func testAnSAIDFailingItsCheckDigitIsMarkedOnLeavingTheField() throws {
        openSearch()
        harness.press(.function(2))
        let form = try XCTUnwrap(harness.app.top as? FormScreen)
        form.form.focus(on: "document_number")
        harness.type("8503155009088")
        harness.press(.tab)
        let error = try XCTUnwrap(form.form.fields.first { $0.id == "document_number" }?.error, "marked before the save")
        XCTAssertTrue(error.contains("check digit"), error)
        XCTAssertNil(form.form.fields.first { $0.id == "surname" }?.error, "fields not left yet are not judged")
    }

    /// A mark the rules put on one field because of another goes when that other is corrected
    /// (fresh-eyes walk: the SA ID's "gives date of birth" stayed until the next submit).
    func testCorrectingTheDateOfBirthClearsTheSAIDsDisagreement() throws {
        openSearch()
        harness.press(.function(2))
        let form = try XCTUnwrap(harness.app.top as? FormScreen)
        form.form["surname"] = "O'Neill"
        form.form["first_names"] = "Zoë"
        form.form["document_number"] = "9005150123081"
        form.form["date_of_birth"] = "16/05/1990"
        form.form.focus(on: form.form.fields.last!.id)
        harness.press(.enter)
        let idError = { form.form.fields.first { $0.id == "document_number" }?.error }
        XCTAssertEqual(idError(), "SA ID gives date of birth 1990-05-15, but 1990-05-16 was entered", harness.screen())
        XCTAssertEqual(form.form.focusedID, "document_number", "the submit shows the first marked field")
        harness.press(.tab, .tab)  // as staff move: past sex to the date of birth
        XCTAssertEqual(form.form.focusedID, "date_of_birth")
        harness.press(.control("u"))
        harness.type("15/05/1990")
        XCTAssertNotNil(idError(), "not yet: the date is still being typed")
        harness.press(.tab)
        XCTAssertNil(idError(), "the disagreement is gone with its cause")
    }

    func testDuplicateSAIDPointsToTheExistingFolder() throws {
        openSearch()
        harness.press(.function(2))
        let form = try XCTUnwrap(harness.app.top as? FormScreen)
        form.form["surname"] = "Other"
        form.form["first_names"] = "Person"
        form.form["document_number"] = "8001015009087"
        form.form.focus(on: "main_member_folder")
        harness.press(.enter)
        XCTAssertEqual(
            form.message, "This SA ID is already registered: DEMO-000001 NDLOVU, Sipho. Search for that folder instead.")
    }

    func testLikelyDuplicateOffersTheExistingRecordOrAnOverrideWithReason() throws {
        openSearch()
        harness.press(.function(2))
        let form = try XCTUnwrap(harness.app.top as? FormScreen)
        for (id, value) in [
            "surname": "Ndhlovu", "first_names": "Sipho", "document_type": "passport",
            "document_number": "A1234567", "sex": "M", "date_of_birth": "1980-01-01",
        ] { form.form[id] = value }
        form.form.focus(on: "main_member_folder")
        harness.press(.enter)
        XCTAssertTrue(harness.app.top is DuplicateReviewScreen)
        assertSnapshot(harness.snapshot(), named: "duplicate-review-80x24")
        harness.press(.function(2))
        harness.press(.enter)
        XCTAssertTrue((harness.app.top as? FormScreen)?.form.fields.first?.error?.contains("reason is required") ?? false)
        harness.type("different person: passport checked")
        harness.press(.enter)
        let record = try XCTUnwrap(harness.app.top as? PatientRecordScreen, harness.screen())
        XCTAssertEqual(record.file.record.surname, "Ndhlovu")
        XCTAssertEqual(harness.app.stack.count, 3, "home, search, new record")
    }

    func testEditConflictKeepsMyTypingAndNamesWhatChanged() throws {
        openSearch()
        harness.type("N9087")
        harness.press(.enter)
        harness.press(.function(4))
        let form = try XCTUnwrap(harness.app.top as? FormScreen)
        form.form["address"] = "7 Church St"
        // Meanwhile a nurse on another terminal changes the phone number.
        let service = PatientService(database: harness.database, clock: harness.clock)
        let id = try harness.database.pool.read { try PatientRepository.find(saID: "8001015009087", in: $0)!.id }
        let current = try service.open(id: id, by: .shell(name: "nurse-terminal")).record
        var theirs = PatientInput(current.details)
        theirs[.phone] = "083 555 1234"
        _ = try service.edit(current, to: theirs, by: .shell(name: "nurse-terminal"))
        form.form.focus(on: "main_member_folder")
        harness.press(.enter)
        XCTAssertTrue(form.message?.contains("phone is now '083 555 1234'") ?? false, form.message ?? "")
        XCTAssertEqual(form.form["address"], "7 Church St", "my typing is kept")
        form.form["phone"] = "083 555 1234"
        harness.press(.enter)
        let record = try XCTUnwrap(harness.app.top as? PatientRecordScreen)
        XCTAssertEqual(record.file.record.address, "7 Church St")
        XCTAssertEqual(record.file.record.phone, "+27835551234")
    }

    func testViewerMaySearchButIsNotOfferedRegistration() throws {
        openSearch(as: "viewer")
        harness.type("nd")
        XCTAssertEqual((harness.app.top as? PatientSearchScreen)?.results.count, 2)
        XCTAssertFalse(harness.screen().contains("New"), "no New in the viewer's key bar:\n\(harness.screen())")
        harness.press(.function(2))
        XCTAssertTrue(harness.app.top is PatientSearchScreen, "no registration form opens")
        XCTAssertEqual(harness.app.notice, "A viewer cannot change patient records.")
        XCTAssertTrue(harness.screen().contains("A viewer cannot change patient records."))
        harness.press(.down)
        XCTAssertNil(harness.app.notice, "the refusal goes with the next key")
    }

    func testAllergyAndDeactivationFromTheRecord() throws {
        openSearch()
        harness.type("zoe")
        harness.press(.enter, .function(6))
        let form = try XCTUnwrap(harness.app.top as? FormScreen)
        form.form["text"] = "Sulfa drugs"
        form.form.focus(on: "note")
        harness.press(.enter)
        let record = try XCTUnwrap(harness.app.top as? PatientRecordScreen)
        XCTAssertTrue(harness.screen().contains("ALLERGIES: Sulfa drugs"))
        harness.press(.function(8), .enter)
        XCTAssertTrue(harness.app.top is FormScreen, "no reason, no change")
        harness.type("moved to Cape Town")
        harness.press(.enter)
        XCTAssertFalse(record.file.record.active)
        XCTAssertTrue(harness.screen().contains("INACTIVE: moved to Cape Town"))
    }
}

extension PatientScreensTests {
    func testRegistrationShowsTheRosterStatusAsTheMembershipIsTyped() throws {
        try harness.database.pool.write { db in
            _ = try PatientRepository.upsertRoster(
                [
                    RosterMember(
                        membershipNumber: "9001", dependantCode: "01", surname: "A",
                        firstNames: "B", dateOfBirth: nil, saID: nil, status: "suspended",
                        option: "", importedAt: Timestamp(text: "x"))
                ], in: db)
        }
        openSearch()
        harness.press(.function(2))
        let form = try XCTUnwrap(harness.app.top as? FormScreen)
        form.form.focus(on: "membership_number")
        harness.type("9001")
        XCTAssertEqual(form.note, "Scheme roster: 9001/00 is not found")
        harness.press(.tab)
        harness.type("01")
        XCTAssertEqual(form.note, "Scheme roster: 9001/01 is suspended")
        XCTAssertTrue(harness.screen().contains("Scheme roster: 9001/01 is suspended"))
    }
}
