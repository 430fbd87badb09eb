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
            harness.press(.function(9))
            harness.logIn(role.rawValue)
            guard let home = harness.app.top as? HomeScreen else {
                return XCTFail("\(role) did not reach the home menu:\n\(harness.screen())")
            }
            var frames: [String] = []
            for entry in home.entries.map(\.title) where !["Log out", "Lock this terminal"].contains(entry) {
                harness.openMenu(entry)
                frames.append(harness.screen(120, 40))
                harness.press(.enter)
                frames.append(harness.screen(120, 40))
                for _ in 0..<4 where !(harness.app.top is HomeScreen) { harness.press(.escape) }
            }
            if let patients = home.entries.first(where: { $0.destination == .patients }) {
                harness.openMenu(patients.title)
                harness.type(folder)
                harness.press(.enter)
                frames.append(harness.screen(120, 40))
                for _ in 0..<6 {
                    harness.press(.down, .enter)
                    frames.append(harness.screen(120, 40))
                    harness.press(.escape)
                }
                for _ in 0..<4 where !(harness.app.top is HomeScreen) { harness.press(.escape) }
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
