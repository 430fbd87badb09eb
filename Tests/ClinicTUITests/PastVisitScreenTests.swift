import ClinicDomain
import ClinicServices
import ClinicStore
import Foundation
import TerminalKit
import TestSupport
import XCTest

@testable import ClinicTUI

/// A closed visit read back from the patient's record (ClinicDay's): what it shows, to whom,
/// and that nothing on it changes the visit.
final class PastVisitScreenTests: XCTestCase {
    var harness: AppHarness!
    var day: ClinicDay!

    override func setUpWithError() throws {
        harness = try AppHarness()
        day = try ClinicDay(database: harness.database, clock: harness.clock, letters: harness.folder.file("letters"))
        harness.clock.advance(7 * 24 * 3600)
    }

    /// Logs in as `role`, finds the patient of `visitId` and opens that visit from the record.
    func openVisit(_ visitId: String, as role: String) throws -> PastVisitScreen? {
        let folder = try harness.database.pool.read { db in
            try VisitRecord.fetchOne(db, key: visitId).flatMap { try PatientRecord.fetchOne(db, key: $0.patientId) }!.folderNumber
        }
        harness.logIn(role)
        let home = try XCTUnwrap(harness.app.top as? HomeScreen)
        harness.openMenu(try XCTUnwrap(home.entries.first { $0.destination == .patients }).title)
        harness.type(folder)
        harness.press(.enter)
        let record = try XCTUnwrap(harness.app.top as? PatientRecordScreen, harness.screen())
        guard let row = record.visits.firstIndex(where: { $0.visit.id == visitId }) else { return nil }
        for _ in 0..<row { harness.press(.down) }
        harness.press(.enter)
        return harness.app.top as? PastVisitScreen
    }

    /// Every screenful of the visit sheet, from the top down.
    func wholeSheet() -> String {
        var frames = harness.screen()
        for _ in 0..<5 {
            harness.press(.pageDown)
            frames += harness.screen()
        }
        return frames
    }

    func testADoctorReadsLastWeeksVisitWithItsNoteDiagnosesAndMedicines() throws {
        let screen = try XCTUnwrap(try openVisit(day.siphoVisit, as: "doctor"), harness.screen())
        XCTAssertEqual(screen.file.visit.stage, .closed)
        assertSnapshot(harness.snapshot(), named: "past-visit-80x24")
        let sheet = wholeSheet()
        for text in ["R51* Headache", "Paracetamol 500 mg tablet  2 tds × 5d = 30  dispensed", "Referred (", "closure → closed"] {
            XCTAssertTrue(sheet.contains(text), "\(text) missing:\n\(sheet)")
        }
        let audited = try harness.database.pool.read { try AuditLog.recent(limit: 20, in: $0) }
        XCTAssertTrue(audited.contains { $0.action == AuditAction.visitView.rawValue && $0.detail == day.siphoVisit })
    }

    /// Opened from the record, even a visit still under way is only read: its workflow keys
    /// belong to the queue screens.
    func testNothingOnTheVisitViewChangesIt() throws {
        let open = try VisitService(database: harness.database, clock: harness.clock)
            .checkIn(patientId: day.lerato, reason: "dizzy", by: .shell(name: "t")).id
        let screen = try XCTUnwrap(try openVisit(open, as: "admin"))
        let before = try VisitService(database: harness.database, clock: harness.clock)
            .file(visitId: open, by: .shell(name: "t"))
        for key in [
            Key.function(5), .function(6), .function(7), .function(8), .function(2), .function(3), .control("n"),
            .control("p"), .control("r"), .control("d"), .control("b"), .control("e"),
        ] {
            harness.press(key)
            XCTAssertTrue(harness.app.top === screen, "\(Keymap.label(key)) left the view:\n\(harness.screen())")
        }
        let after = try VisitService(database: harness.database, clock: harness.clock)
            .file(visitId: open, by: .shell(name: "t"))
        XCTAssertEqual(after, before)
        harness.press(.escape)
        XCTAssertTrue(harness.app.top is PatientRecordScreen)
    }

    func testCounsellingShowsToTheSocialWorkerAndReferralsNotToTheClerk() throws {
        _ = try XCTUnwrap(try openVisit(day.thandiVisit, as: "social"))
        harness.press(.end)
        XCTAssertTrue(harness.screen().contains(ClinicDay.secret), harness.screen())
        harness.press(.function(9))
        _ = try XCTUnwrap(try openVisit(day.siphoVisit, as: "clerk"))
        let frames = wholeSheet()
        XCTAssertFalse(frames.contains("Referred ("), "a clerk does not read referrals:\n\(frames)")
        XCTAssertTrue(frames.contains("closure → closed"), frames)
    }

    /// A clerk reads a visit that went through counselling and is told the sessions are
    /// withheld, not left to think there were none.
    func testARoleWithoutCounsellingReadIsToldTheSessionsAreNotShown() throws {
        _ = try XCTUnwrap(try openVisit(day.thandiVisit, as: "clerk"))
        let frames = wholeSheet()
        XCTAssertTrue(frames.contains("Counselling sessions: not shown to your role"), frames)
        XCTAssertFalse(frames.contains(ClinicDay.secret))
    }

    /// Records a full vitals set for `visit`.
    func takeVitals(_ visit: String) throws {
        let vitals = VitalsInput([
            "systolic": "120", "diastolic": "80", "heart_rate": "72", "resp_rate": "14", "temperature": "36.8",
            "spo2": "98", "mobility": "w", "avpu": "a", "trauma": "n",
        ])
        _ = try VisitService(database: harness.database, clock: harness.clock)
            .recordVitals(visitId: visit, input: vitals, by: .shell(name: "t"))
    }

    /// Takes `visit` through nursing and a consultation (where `during` runs) onward to
    /// counselling or closure.
    func consult(_ visit: String, toCounselling: Bool, during: () throws -> Void = {}) throws {
        let shell = Actor.shell(name: "t")
        try takeVitals(visit)
        _ = try VisitService(database: harness.database, clock: harness.clock)
            .perform(.completeNursing, visitId: visit, by: shell)
        let consultation = ConsultationService(database: harness.database, clock: harness.clock)
        try consultation.addDiagnosis(visitId: visit, code: "I10", primary: true, by: shell)
        try consultation.saveNote(visitId: visit, subjective: "s", objective: "o", assessment: "a", plan: "p", by: shell)
        try during()
        _ = try consultation.complete(visitId: visit, toCounselling: toCounselling, by: shell)
    }

    /// The social worker counselling Thandi again reads her earlier session in full, and
    /// that read is audited.
    func testTheCounsellingScreenShowsTheEarlierSessionsOfThePatient() throws {
        let again = try VisitService(database: harness.database, clock: harness.clock)
            .checkIn(patientId: day.thandi, reason: "follow-up counselling", by: .shell(name: "t")).id
        try consult(again, toCounselling: true)
        harness.logIn("social")
        harness.openMenu("Counselling queue")
        harness.press(.enter)
        let screen = try XCTUnwrap(harness.app.top as? CounsellingScreen, harness.screen())
        XCTAssertEqual(screen.file.visit.id, again)
        let frames = wholeSheet()
        XCTAssertTrue(frames.contains("Earlier sessions, at other visits:"), frames)
        XCTAssertTrue(frames.contains(ClinicDay.secret), frames)
        let audited = try harness.database.pool.read { try AuditLog.recent(limit: 20, in: $0) }
        XCTAssertTrue(audited.contains { $0.action == AuditAction.counsellingRead.rawValue && $0.detail.contains(again) })
    }

    /// Closing a visit, the nurse sees the referral written at it and the follow-up booked (a
    /// clerk, who closes visits too, does not read referrals: DESIGN's RBAC table).
    func testTheClosureSheetShowsTheReferralAndTheFollowUp() throws {
        let shell = Actor.shell(name: "t")
        let visits = VisitService(database: harness.database, clock: harness.clock)
        let visit = try visits.checkIn(patientId: day.lerato, reason: "rash", by: shell).id
        try consult(visit, toCounselling: false) {
            _ = try ReferralService(database: harness.database, clock: harness.clock).refer(
                visitId: visit,
                ReferralInput(kind: "hospital", destination: "Polokwane Hospital", urgency: "urgent", reason: "spreading rash"),
                letterFolder: harness.folder.file("letters"), by: shell)
        }
        let schedule = ScheduleService(database: harness.database, clock: harness.clock)
        try schedule.addLocation(["name": "Sunnyside SAPS", "type": "p", "province": "GP"], by: shell)
        let later = CalendarDate(harness.clock.now().addingTimeInterval(2 * 86400))
        let stop = try schedule.addStop(
            location: "Sunnyside SAPS",
            [
                "date": later.description, "opens": "08:00", "closes": "09:00", "slot_minutes": "30", "capacity": "2",
                "truck": "DEMO",
            ],
            by: shell)
        harness.logIn("nurse")
        harness.openMenu("Closure queue")
        harness.press(.enter)
        XCTAssertTrue(harness.app.top is ClosureScreen, harness.screen())
        XCTAssertTrue(harness.screen().contains("Referred (urgent) to Polokwane Hospital"), harness.screen())
        XCTAssertFalse(wholeSheet().contains("Follow-up booked"))
        _ = try AppointmentService(database: harness.database, clock: harness.clock).book(
            stopId: stop.id, slot: ClockTime(typed: "08:30")!, patientId: day.lerato, by: shell)
        harness.press(.escape, .enter)
        let frames = wholeSheet()
        XCTAssertTrue(frames.contains("Follow-up booked: ") && frames.contains("at 08:30, Sunnyside SAPS"), frames)
    }
}
