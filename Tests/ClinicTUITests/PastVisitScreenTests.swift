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
}
