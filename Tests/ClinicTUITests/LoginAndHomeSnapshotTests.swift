import ClinicDomain
import ClinicServices
import TerminalKit
import XCTest

@testable import ClinicTUI

/// Login and home screens rendered as text at 80x24 and 120x40, compared with golden files.
final class LoginAndHomeSnapshotTests: XCTestCase {
    func testLoginScreen() throws {
        let harness = try AppHarness()
        assertSnapshot(harness.snapshot(80, 24), named: "login-80x24")
        assertSnapshot(harness.snapshot(120, 40), named: "login-120x40")
    }

    func testHomeScreenForThreeRoles() throws {
        for role in ["admin", "clerk", "viewer", "doctor"] {
            let harness = try AppHarness()
            harness.logIn(role)
            XCTAssertTrue(harness.app.top is HomeScreen, "\(role) reached home:\n\(harness.screen())")
            assertSnapshot(harness.snapshot(80, 24), named: "home-\(role)-80x24")
            assertSnapshot(harness.snapshot(120, 40), named: "home-\(role)-120x40")
        }
    }

    func testPageDownOnAMenuThatFitsReachesItsLastEntry() throws {
        let harness = try AppHarness()
        harness.logIn("admin")
        let home = try XCTUnwrap(harness.app.top as? HomeScreen)
        _ = harness.screen()
        harness.press(.pageDown)
        XCTAssertEqual(home.selection.selected, home.entries.count - 1, "the whole menu is one page")
        harness.press(.pageUp)
        XCTAssertEqual(home.selection.selected, 0)
    }

    func testAViewerMovesTheStockListWithHomeAndEnd() throws {
        let harness = try AppHarness()
        let stock = StockService(database: harness.database, clock: harness.clock), shell = Actor.shell(name: "t")
        for (gtin, code) in [("09506000134352", "PARA500T"), ("04006381333931", "IBU200T")] {
            try stock.link(gtin: gtin, to: code, by: shell)
            try stock.receive(scan: "(01)\(gtin)(17)271231(10)A", quantity: 5, by: shell)
        }
        harness.logIn("viewer")
        harness.openMenu("Stock: items and levels")
        let list = try XCTUnwrap(harness.app.top as? StockScreen, harness.screen())
        XCTAssertEqual(list.items.count, 2, harness.screen())
        harness.press(.end)
        XCTAssertEqual(list.table.selection.selected, 1)
        harness.press(.home)
        XCTAssertEqual(list.table.selection.selected, 0)
    }

    func testTheStatusLineShowsTheWholeRoleWhenTheNameFits() throws {
        let harness = try AppHarness()
        harness.logIn("admin")
        let status = harness.screen().split(separator: "\n", omittingEmptySubsequences: false)[22]
        XCTAssertFalse(status.contains("…"), String(status))
        XCTAssertTrue(status.contains("· Administrator"), String(status))
    }

    func testWrongPasswordShowsTheGenericMessageAndClearsThePassword() throws {
        let harness = try AppHarness()
        harness.logIn("nurse", password: "not-it")
        XCTAssertTrue(harness.app.top is LoginScreen)
        assertSnapshot(harness.snapshot(), named: "login-failed-80x24")
        let login = harness.app.top as! LoginScreen
        XCTAssertEqual(login.form["password"], "")
        XCTAssertEqual(login.form["username"], "nurse")
        XCTAssertEqual(login.form.focusedID, "password")
        harness.type("x")
        XCTAssertNil(login.message, "typing again answers the failed login's message")
    }

    func testHelpOverlayComesFromTheKeymap() throws {
        let harness = try AppHarness()
        harness.logIn("clerk")
        harness.type("?")
        XCTAssertTrue(harness.app.isHelpVisible)
        assertSnapshot(harness.snapshot(), named: "help-home-80x24")
        harness.press(.character("x"))
        XCTAssertFalse(harness.app.isHelpVisible, "any key closes the help")
    }

    func testQuestionMarkIsTypedIntoAFocusedFieldButF1StillHelps() throws {
        let harness = try AppHarness()
        harness.type("a?")
        XCTAssertEqual((harness.app.top as! LoginScreen).form["username"], "a?")
        XCTAssertFalse(harness.app.isHelpVisible)
        harness.press(.function(1))
        XCTAssertTrue(harness.app.isHelpVisible)
    }

    func testTinyTerminalShowsEnlargeMessageAndRecovers() throws {
        let harness = try AppHarness()
        harness.logIn("clerk")
        assertSnapshot(harness.snapshot(60, 20), named: "too-small-60x20")
        harness.press(.resize(columns: 60, rows: 20), .resize(columns: 80, rows: 24))
        XCTAssertEqual(harness.snapshot(80, 24), try golden("home-clerk-80x24"))
    }
}
