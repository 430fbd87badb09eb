import ClinicDomain
import ClinicServices
import ClinicStore
import TerminalKit
import XCTest

@testable import ClinicTUI

/// The equipment register as the inventory manager uses it: register, put under repair,
/// service, and the service-due alert on home and the alerts screen.
final class EquipmentScreensTests: XCTestCase {
    func testRegisterRepairServiceAndAlerts() throws {
        let harness = try AppHarness()  // today is 2026-11-24
        harness.logIn("stock")
        harness.app.tick()
        let home = try XCTUnwrap(harness.app.top as? HomeScreen)
        let before = try XCTUnwrap(home.alertCount)
        harness.openMenu("Equipment register")
        let register = try XCTUnwrap(harness.app.top as? EquipmentScreen)
        XCTAssertTrue(harness.screen().contains("No equipment registered yet."))
        harness.press(.function(2))
        let form = try XCTUnwrap(harness.app.top as? FormScreen)
        harness.fill("ECG machine", "Schiller", "AT-1", "", "Truck 1", "2026-12-20")
        XCTAssertEqual(form.form.focusedField?.error, "The serial number is required")
        form.form["serial"] = "S-100"
        form.form.focus(on: "next_service")
        harness.press(.enter)
        XCTAssertTrue(harness.app.top === register)
        XCTAssertEqual(register.message, "Registered ECG machine Schiller AT-1 #S-100.")
        XCTAssertTrue(harness.screen().contains("2026-12-20!"), "due within 30 days is flagged:\n\(harness.screen())")
        home.tick(environment: harness.app.environment)
        XCTAssertEqual(home.alertCount, before + 1, "the home count includes the service due")
        harness.press(.enter)
        let asset = try XCTUnwrap(harness.app.top as? AssetScreen)
        harness.press(.function(8))
        harness.fill("broken", "lead cracked")
        XCTAssertEqual(
            (harness.app.top as? FormScreen)?.form.focusedField?.error, "Type in service (i), under repair (u) or retired (r)")
        (harness.app.top as? FormScreen)?.form["status"] = "u"
        (harness.app.top as? FormScreen)?.form.focus(on: "note")
        harness.press(.enter)
        XCTAssertTrue(harness.app.top === asset)
        XCTAssertEqual(asset.asset?.status, .underRepair)
        harness.press(.function(4))
        let service = try XCTUnwrap(harness.app.top as? FormScreen)
        XCTAssertEqual(service.form["location"], "Truck 1", "the form starts from what is recorded")
        service.form["next_service"] = "2027-11-24"
        service.form["note"] = "calibrated"
        service.form.focus(on: "note")
        harness.press(.enter)
        XCTAssertEqual(asset.message, "Saved: under repair, Truck 1, next service 2027-11-24.")
        XCTAssertEqual(asset.events.map(\.note), ["registered", "lead cracked", "calibrated"])
        assertSnapshot(harness.snapshot(), named: "equipment-asset-80x24")
        harness.press(.escape, .escape)
        harness.app.tick()
        XCTAssertEqual(home.alertCount, before, "serviced: no longer due within 30 days")
    }

    func testAnOverdueServiceIsAnUrgentAlert() throws {
        let harness = try AppHarness()
        try AssetService(database: harness.database, clock: harness.clock)
            .register(
                ["type": "Glucometer", "serial": "G1", "location": "Truck 1", "next_service": "2026-11-01"], by: .shell(name: "t")
            )
        harness.logIn("nurse")
        harness.openMenu("Stock and equipment alerts")
        let alerts = try XCTUnwrap(harness.app.top as? AlertsScreen)
        let line = try XCTUnwrap(alerts.lines.first { $0.text.contains("G1") })
        XCTAssertEqual(line.text, "SERVICE OVERDUE  Glucometer #G1: due 2026-11-01 (23 days ago)")
        XCTAssertTrue(line.urgent)
        harness.press(.escape)
        harness.openMenu("Equipment register")
        harness.press(.function(2))
        XCTAssertTrue(harness.app.top is EquipmentScreen, "a nurse is not given the form to register equipment")
        XCTAssertEqual(harness.app.notice, "A nurse cannot change equipment records.")
    }

    func testRetiredEquipmentOffersNoChangeAndRegisteringOverdueSaysSo() throws {
        let harness = try AppHarness()  // today is 2026-11-24
        let service = AssetService(database: harness.database, clock: harness.clock)
        let old = try service.register(["type": "Scale", "serial": "SC1", "location": "Truck 1"], by: .shell(name: "t"))
        try service.setStatus(old.id, to: .retired, note: "beyond repair", by: .shell(name: "t"))
        harness.logIn("stock")
        harness.openMenu("Equipment register")
        let register = try XCTUnwrap(harness.app.top as? EquipmentScreen)
        harness.press(.function(2))
        harness.fill("Glucometer", "", "", "G9", "Truck 1", "2026-11-01")
        XCTAssertTrue(harness.app.top === register, "a past date registers equipment that arrived overdue")
        XCTAssertEqual(register.message, "Registered Glucometer #G9. Its service is overdue (due 2026-11-01).")
        harness.press(.escape)
        harness.openMenu("Equipment register")
        let list = try XCTUnwrap(harness.app.top as? EquipmentScreen)
        let row = try XCTUnwrap(list.assets.firstIndex { $0.serial == "SC1" })
        for _ in 0..<row { harness.press(.down) }
        harness.press(.enter)
        let asset = try XCTUnwrap(harness.app.top as? AssetScreen)
        XCTAssertFalse(asset.keyBarActions.contains(.status) || asset.keyBarActions.contains(.edit), "retired: read, not changed")
        for key in [Key.function(8), .function(4)] {
            harness.press(key)
            XCTAssertTrue(harness.app.top === asset, "no form opens for retired equipment")
            XCTAssertEqual(asset.message, "This equipment is retired: its record stays as it is.")
        }
    }
}
