import Foundation
import TerminalKit
import XCTest

@testable import ClinicTUI

/// A terminal whose database file is deleted or replaced under it stops saving within its
/// 2 s check: every screen gives way to one saying what happened and what to do.
final class DatabaseGoneTests: XCTestCase {
    func testADeletedDatabaseStopsTheTerminalWithinTwoSeconds() throws {
        let harness = try AppHarness()
        harness.logIn("nurse")
        harness.press(.enter)
        harness.type("DEMO-000001")
        let path = harness.folder.file("clinic.sqlite")
        try FileManager.default.removeItem(atPath: path)
        harness.clock.advance(1)
        harness.app.tick()
        XCTAssertFalse(harness.app.top is DatabaseGoneScreen, "checked every 2 s, not on every tick")
        harness.clock.advance(1.5)
        harness.press(.enter)
        let gone = try XCTUnwrap(harness.app.top as? DatabaseGoneScreen, "the Enter was not taken by the search")
        XCTAssertTrue(gone.problem.hasPrefix("The clinic database \(path) was deleted or moved while this terminal had it open."))
        XCTAssertNil(harness.app.environment.session)
        let screen = harness.screen()
        XCTAssertTrue(
            screen.contains("F10 quits.") && screen.contains("restore, from the latest backup), then start the program again."),
            screen)
        XCTAssertFalse(screen.contains("SQLite"), screen)
        harness.press(.function(5), .character("x"), .escape)
        XCTAssertTrue(harness.app.top is DatabaseGoneScreen, "no key but quit does anything")
        harness.press(.function(10))
        XCTAssertTrue(harness.app.isFinished)
    }

    func testAReplacedDatabaseIsNoticedToo() throws {
        let harness = try AppHarness()
        harness.logIn("clerk")
        let path = harness.folder.file("clinic.sqlite")
        try FileManager.default.copyItem(atPath: path, toPath: path + ".copy")
        _ = rename(path + ".copy", path)
        harness.clock.advance(2)
        harness.app.tick()
        let gone = try XCTUnwrap(harness.app.top as? DatabaseGoneScreen)
        XCTAssertTrue(gone.problem.contains("was replaced by another file"), gone.problem)
    }
}
