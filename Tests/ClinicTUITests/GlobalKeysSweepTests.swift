import ClinicDomain
import ClinicServices
import TerminalKit
import XCTest

@testable import ClinicTUI

/// Lock, log out and quit work on every screen every role can reach (the screen walk: menu
/// entries, their first rows, what each offered key opens, forms half filled), so a new
/// screen is covered without anyone adding it here.
final class GlobalKeysSweepTests: XCTestCase {
    func testCtrlLLocksAndUnlockingResumesTheSameScreenThenF10Quits() throws {
        let harness = try AppHarness()
        try LongData.seed(harness)
        let visited = try ScreenWalk(harness: harness).each { place in
            let app = place.app, screen = app.top
            app.process(.control("l"))
            XCTAssertTrue(app.top.isLockScreen, "Ctrl-L locks on \(place.path)")
            harness.password.forEach { app.process(.character($0)) }
            app.process(.enter)
            XCTAssertTrue(app.top === screen, "unlocking resumes \(place.path), not \(type(of: app.top))")
            app.process(.function(10))
            Self.confirmDiscarding(app, "Quit", on: place.path)
            XCTAssertTrue(app.isFinished, "F10 quits on \(place.path)")
        }
        XCTAssertGreaterThan(visited, 150, "screens swept")
    }

    func testF9LogsOutAndCtrlQQuitsEverywhere() throws {
        let harness = try AppHarness()
        try LongData.seed(harness)
        var quit = false
        try ScreenWalk(harness: harness).each { place in
            let app = place.app
            quit.toggle()
            app.process(quit ? .control("q") : .function(9))
            Self.confirmDiscarding(app, quit ? "Quit" : "Log out", on: place.path)
            if quit {
                XCTAssertTrue(app.isFinished, "Ctrl-Q quits on \(place.path)")
            } else {
                XCTAssertNil(app.environment.session, "F9 logs out on \(place.path)")
                XCTAssertTrue(app.top is LoginScreen, "F9 shows the login on \(place.path)")
            }
        }
    }

    /// Where typed values are open (a half-filled form), quitting or logging out asks once and
    /// `y` goes ahead; elsewhere it happened already.
    static func confirmDiscarding(_ app: ClinicApp, _ verb: String, on path: String) {
        guard app.stack.contains(where: { $0.unsavedValueCount > 0 }), !app.isFinished, app.environment.session != nil else {
            return
        }
        XCTAssertTrue(app.notice?.hasPrefix("\(verb) and discard ") ?? false, "\(path): \(app.notice ?? "no question")")
        app.process(.character("y"))
    }
}
