import ClinicDomain
import ClinicServices
import ClinicStore
import TerminalKit
import XCTest

@testable import ClinicTUI

final class SessionFlowTests: XCTestCase {
    func auditActions(_ harness: AppHarness) throws -> [String] {
        try harness.database.pool.read { try AuditLog.recent(limit: 100, in: $0).reversed().map { "\($0.actor) \($0.action)" } }
    }

    func testIdleTerminalLocksAndTheSameUserResumesWhereTheyWere() throws {
        let harness = try AppHarness(idleLockSeconds: 300)
        harness.logIn("nurse")
        harness.openMenu("Change my password")
        XCTAssertEqual((harness.app.top as? FormScreen)?.definition.id, "change-password")
        harness.type("half-typed")
        harness.clock.advance(299)
        harness.app.tick()
        XCTAssertFalse(harness.app.top.isLockScreen, "not yet idle for 5 minutes")
        harness.clock.advance(1)
        harness.app.tick()
        XCTAssertTrue(harness.app.top.isLockScreen)
        assertSnapshot(harness.snapshot(), named: "locked-80x24")
        harness.logIn("nurse", password: "wrong-pass")
        XCTAssertTrue(harness.app.top.isLockScreen, "a wrong password keeps it locked")
        harness.logIn("nurse")
        let resumed = try XCTUnwrap(harness.app.top as? FormScreen)
        XCTAssertEqual(resumed.form["current"], "half-typed", "nothing typed before the lock is lost")
        XCTAssertEqual(harness.app.environment.session?.username, "nurse")
        XCTAssertTrue(try auditActions(harness).contains("nurse terminal.locked"))
    }

    func testAnotherUserAtALockedTerminalLogsTheFirstOutAndStartsFresh() throws {
        let harness = try AppHarness()
        harness.logIn("nurse")
        harness.press(.control("l"))
        XCTAssertTrue(harness.app.top.isLockScreen)
        let lock = harness.app.top as! LoginScreen
        // The lock screen offers the locked user; another user replaces the username.
        XCTAssertEqual(lock.form["username"], "nurse")
        harness.press(.backTab, .control("u"))
        harness.type("doctor")
        harness.press(.tab)
        harness.type(harness.password)
        harness.press(.enter)
        XCTAssertTrue(harness.app.top is HomeScreen)
        XCTAssertEqual(harness.app.stack.count, 1, "fresh start, nothing of the nurse's screens")
        XCTAssertEqual(harness.app.environment.session?.username, "doctor")
        let actions = try auditActions(harness)
        XCTAssertEqual(actions.suffix(2), ["doctor login", "nurse logout"])
    }

    func testPasswordChangedElsewhereSendsThisTerminalBackToLogin() throws {
        let harness = try AppHarness()
        harness.logIn("clerk")
        try UserAdministration(database: harness.database, clock: harness.clock)
            .setPassword(username: "clerk", password: "changed-by-admin", by: .shell(name: "ops"))
        harness.clock.advance(2)
        harness.app.tick()
        let login = try XCTUnwrap(harness.app.top as? LoginScreen)
        XCTAssertNil(login.lockedUser)
        XCTAssertNil(harness.app.environment.session)
        XCTAssertTrue(harness.screen().contains("Your account was changed elsewhere"))
    }

    func testChangingMyOwnPasswordKeepsMeLoggedIn() throws {
        let harness = try AppHarness()
        harness.logIn("social")
        harness.openMenu("Change my password")
        harness.type(harness.password); harness.press(.enter)
        harness.type("brand-new-pass"); harness.press(.enter)
        harness.type("brand-new-pas"); harness.press(.enter)
        let screen = try XCTUnwrap(harness.app.top as? FormScreen)
        XCTAssertEqual(screen.form.fields.first { $0.id == "repeat" }?.error, "does not match")
        XCTAssertEqual(screen.form.focusedID, "current", "all three fields were cleared; start again at the top")
        harness.type(harness.password); harness.press(.enter)
        harness.type("brand-new-pass"); harness.press(.enter)
        harness.type("brand-new-pass"); harness.press(.enter)
        XCTAssertTrue(harness.app.top is HomeScreen, harness.screen())
        harness.clock.advance(3)
        harness.app.tick()
        XCTAssertTrue(harness.app.top is HomeScreen, "this terminal's session follows the new password")
        XCTAssertNoThrow(try harness.app.environment.auth.login(username: "social", password: "brand-new-pass", terminal: "t"))
    }

    func testLogoutAndQuitAreAudited() throws {
        let harness = try AppHarness()
        harness.logIn("finance")
        harness.press(.function(9))
        XCTAssertTrue(harness.app.top is LoginScreen)
        harness.logIn("finance")
        harness.press(.control("c"))
        XCTAssertTrue(harness.app.isFinished)
        XCTAssertEqual(
            try auditActions(harness).suffix(4),
            ["finance login", "finance logout", "finance login", "finance logout"])
    }

    func testRunLoopDrawsReadsAndRestoresTheTerminal() throws {
        let harness = try AppHarness()
        let terminal = MemoryTerminal()
        terminal.type("viewer")
        terminal.type([.enter])
        terminal.type(harness.password)
        terminal.type([.enter])
        // Keys already waiting are all handled before the next frame: F10 is typed once the
        // home screen has been drawn, as a person would.
        var drewHome = false
        harness.app.run(
            on: terminal,
            interruption: {
                if !drewHome, terminal.lastCanvas?.text.contains("Welcome, Kagiso Molefe") == true {
                    drewHome = true
                    terminal.type([.function(10)])
                }
                return nil
            })
        XCTAssertTrue(drewHome, "the home screen was drawn")
        XCTAssertTrue(harness.app.isFinished, "F10 quit")
        XCTAssertTrue(terminal.restored)
    }

    func testASignalEndsTheRunLoopAndRestoresTheTerminal() throws {
        let harness = try AppHarness()
        let terminal = MemoryTerminal()
        harness.app.run(on: terminal, interruption: { 15 })
        XCTAssertTrue(harness.app.isFinished)
        XCTAssertTrue(terminal.restored)
    }

    func testHomeMenuOffersExactlyWhatTheRolePermits() {
        for role in Role.allCases {
            let entries = MenuEntry.entries(for: role)
            for entry in MenuEntry.all {
                let allowed = entry.permission.map { AccessPolicy.allows(role, $0) } ?? true
                XCTAssertEqual(
                    entries.contains { $0.destination == entry.destination && $0.permission == entry.permission }, allowed,
                    "\(role) \(entry.title)")
            }
        }
        // Titles name only what the role may do there.
        for role in Role.allCases {
            if let patients = MenuEntry.entries(for: role).first(where: { $0.destination == .patients })?.title {
                XCTAssertEqual(
                    patients, AccessPolicy.allows(role, .patientWrite) ? "Patients: find and register" : "Patients: find",
                    "\(role)")
            }
            let stock = MenuEntry.entries(for: role).first { $0.destination == .stock }?.title
            if AccessPolicy.allows(role, .inventoryRead) {
                XCTAssertEqual(
                    stock,
                    AccessPolicy.allows(role, .inventoryWrite) ? "Stock: scan in, items, stock take" : "Stock: items and levels",
                    "\(role)")
            }
        }
    }
}
