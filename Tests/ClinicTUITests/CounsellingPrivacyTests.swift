import ClinicDomain
import ClinicServices
import ClinicStore
import Foundation
import TerminalKit
import TestSupport
import XCTest

@testable import ClinicTUI

/// A confidential counselling note (ClinicDay's) never shows on any screen a role without
/// counselling.read can reach: every home-menu entry, the first row each list opens, and
/// the counselled patient's record with each of its visits opened.
final class CounsellingPrivacyTests: XCTestCase {
    func testNoScreenShowsACounsellingNoteToARoleWithoutCounsellingRead() throws {
        let harness = try AppHarness()
        let day = try ClinicDay(database: harness.database, clock: harness.clock, letters: harness.folder.file("letters"))
        let folder = try harness.database.pool.read { db in
            try String.fetchOne(
                db, sql: "SELECT folderNumber FROM patient WHERE id = (SELECT patientId FROM visit WHERE id = ?)",
                arguments: [day.thandiVisit])!
        }
        var screensSeen = 0
        for role in Role.allCases where !AccessPolicy.allows(role, .counsellingRead) {
            guard let frames = PrivacySweep.frames(of: role, in: harness, patientFolder: folder) else {
                return XCTFail("\(role) did not reach the home menu:\n\(harness.screen())")
            }
            if AccessPolicy.allows(role, .patientRead) {
                XCTAssertTrue(
                    frames.contains { $0.contains(folder) && $0.contains("MOKOENA") }, "\(role) reached Thandi's record")
            }
            for frame in frames {
                XCTAssertFalse(frame.contains(ClinicDay.secret), "\(role) saw the counselling note:\n\(frame)")
            }
            screensSeen += frames.count
        }
        XCTAssertGreaterThan(screensSeen, 40)
    }
}
