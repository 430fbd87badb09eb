import ClinicDomain
import ClinicServices
import ClinicStore
import Foundation
import TerminalKit
import TestSupport
import XCTest

@testable import ClinicTUI

/// The clerk's view of the day (ClinicDay's three patients, then a new arrival): every
/// visit with its stage, live as other terminals move patients on; and Find patient
/// listing today's patients before anything is typed.
final class TodayScreenTests: XCTestCase {
    var harness: AppHarness!
    var day: ClinicDay!

    override func setUpWithError() throws {
        harness = try AppHarness()
        day = try ClinicDay(database: harness.database, clock: harness.clock, letters: harness.folder.file("letters"))
    }

    func testTodayListsEveryVisitOpenFirstAndFollowsOtherTerminals() throws {
        let visits = VisitService(database: harness.database, clock: harness.clock)
        let arrival = try visits.checkIn(patientId: day.lerato, reason: "dizzy spells", by: .shell(name: "front-desk"))
        harness.logIn("clerk")
        harness.openMenu("Today: every visit and where it is")
        let today = try XCTUnwrap(harness.app.top as? TodayScreen)
        XCTAssertEqual(today.rows.first?.visitId, arrival.id, "the visit under way comes first")
        XCTAssertEqual(today.rows.count, 5)
        XCTAssertEqual(today.counts(), "5 visits today: 1 nursing, 3 closed, 1 cancelled.")
        assertSnapshot(harness.snapshot(), named: "today-80x24")
        // The nurse completes on another terminal: the board moves the patient on by itself.
        _ = try visits.recordVitals(visitId: arrival.id, input: VisitServiceFullSet.vitals, by: .shell(name: "nurse-terminal"))
        _ = try visits.perform(.completeNursing, visitId: arrival.id, by: .shell(name: "nurse-terminal"))
        harness.app.tick()
        XCTAssertEqual(today.rows.first?.stage, .consultation)
        XCTAssertTrue(harness.screen().contains("consultation"), harness.screen())
        harness.press(.enter)
        XCTAssertEqual((harness.app.top as? PatientRecordScreen)?.file.record.id, day.lerato)
    }

    func testFindPatientListsTodaysPatientsBeforeAnythingIsTyped() throws {
        harness.logIn("clerk")
        harness.openMenu("Patients: find and register")
        let search = try XCTUnwrap(harness.app.top as? PatientSearchScreen)
        XCTAssertEqual(Set(search.results.map(\.id)), [day.sipho, day.thandi, day.lerato])
        XCTAssertTrue(harness.screen().contains("Today's patients (type to search everyone):"), harness.screen())
        harness.type("mok")
        XCTAssertEqual(search.results.map(\.id), [day.thandi])
        harness.clock.advance(24 * 3600)
        harness.press(.escape)
        harness.openMenu("Patients: find and register")
        XCTAssertTrue(harness.screen().contains("No patients seen today yet: type to search."), harness.screen())
    }
}

/// A full TEWS set for the tests that need one.
enum VisitServiceFullSet {
    static let vitals = VitalsInput([
        "systolic": "120", "diastolic": "80", "heart_rate": "72", "resp_rate": "14",
        "temperature": "36.8", "spo2": "98", "mobility": "w", "avpu": "a", "trauma": "n",
    ])
}
