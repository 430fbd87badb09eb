@testable import ClinicTUI
import ClinicDomain
import ClinicServices
import TerminalKit
import XCTest

/// Lock, log out and quit work on every screen every role can reach: each home-menu entry
/// and the screen its first row opens, generated from the menus, so a new screen is covered
/// without anyone adding it here.
final class GlobalKeysSweepTests: XCTestCase {
    /// Opens the `index`th home-menu entry as the logged-in user, then (when `deeper`) its
    /// first row; returns the screen reached, nil when there is nothing new to reach.
    func reach(_ app: ClinicApp, entry index: Int, deeper: Bool) -> (any Screen)? {
        guard app.top is HomeScreen else { return nil }
        app.process(.home)
        for _ in 0..<index { app.process(.down) }
        app.process(.enter)
        guard app.stack.count == 2 else { return nil }
        guard deeper else { return app.top }
        if app.top.capturesText { "ndlovu".forEach { app.process(.character($0)) } }
        let before = app.top
        app.process(.enter)
        return app.top !== before && app.stack.count == 3 ? app.top : nil
    }

    func logIn(_ app: ClinicApp, _ role: String, password: String) {
        for text in [role, password] {
            text.forEach { app.process(.character($0)) }
            app.process(.enter)
        }
    }

    func testLockLogOutAndQuitOnEveryScreenOfEveryRole() throws {
        let harness = try AppHarness()
        let patient = try PatientService(database: harness.database, clock: harness.clock).register(
            PatientInput(["surname": "Ndlovu", "first_names": "Sipho", "document_number": "8001015009087"]), by: .shell(name: "seed"))
        _ = try VisitService(database: harness.database, clock: harness.clock)
            .checkIn(patientId: patient.id, reason: "headache", by: .shell(name: "seed"))
        var checked = 0
        for role in Role.allCases {
            let skipped: [MenuEntry.Destination] = [.lock, .logout]
            for (index, entry) in MenuEntry.entries(for: role).enumerated() where !skipped.contains(entry.destination) {
                for deeper in [false, true] {
                    let app = ClinicApp(environment: harness.app.environment)
                    logIn(app, role.rawValue, password: harness.password)
                    guard let screen = reach(app, entry: index, deeper: deeper) else { continue }
                    let place = "\(role.rawValue): \(entry.title)\(deeper ? " → \(type(of: screen))" : "")"
                    app.process(.control("l"))
                    XCTAssertTrue(app.top.isLockScreen, "Ctrl-L locks on \(place)")
                    harness.password.forEach { app.process(.character($0)) }
                    app.process(.enter)
                    XCTAssertTrue(app.top === screen, "unlocking resumes \(place), not \(type(of: app.top))")
                    app.process(.function(9))
                    XCTAssertNil(app.environment.session, "F9 logs out on \(place)")
                    XCTAssertTrue(app.top is LoginScreen, "F9 shows the login on \(place)")
                    for quit in [Key.function(10), .control("q")] {
                        let again = ClinicApp(environment: harness.app.environment)
                        logIn(again, role.rawValue, password: harness.password)
                        XCTAssertNotNil(reach(again, entry: index, deeper: deeper), place)
                        again.process(quit)
                        XCTAssertTrue(again.isFinished, "\(quit) quits on \(place)")
                    }
                    checked += 1
                }
            }
        }
        XCTAssertGreaterThan(checked, 60, "screens swept")
    }
}
