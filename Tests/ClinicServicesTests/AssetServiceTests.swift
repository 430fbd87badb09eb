import ClinicDomain
import ClinicServices
import ClinicStore
import GRDB
import XCTest

final class AssetServiceTests: XCTestCase {
    var fixture: ServiceFixture!
    var assets: AssetService { AssetService(database: fixture.database, clock: fixture.clock) }
    let manager = Actor.shell(name: "stock-manager")
    let ecg = [
        "type": "ECG machine", "make": "Schiller", "model": "AT-1", "serial": "S-100", "location": "Truck 1",
        "next_service": "2027-02-01",
    ]

    override func setUpWithError() throws { fixture = try ServiceFixture() }

    func testRegisterChangeStatusAndServiceKeepAHistory() throws {
        let asset = try assets.register(ecg, by: manager)
        XCTAssertEqual(asset.name, "ECG machine Schiller AT-1 #S-100")
        XCTAssertEqual(asset.status, .inService)
        XCTAssertThrowsError(try assets.register(ecg.merging(["serial": "s-100"]) { $1 }, by: manager)) {
            XCTAssertEqual(
                ($0 as? FieldProblems)?["serial"], "Serial s-100 is already registered (ECG machine Schiller AT-1 #S-100)")
        }
        XCTAssertThrowsError(try assets.setStatus(asset.id, to: .underRepair, note: " ", by: manager)) {
            XCTAssertEqual(($0 as? FieldProblems)?["note"], "Say what was done or why")
        }
        try assets.setStatus(asset.id, to: .underRepair, note: "lead broken", by: manager)
        // The fixture's clock is 2027-01-15.
        XCTAssertThrowsError(
            try assets.recordService(
                asset.id, nextService: CalendarDate(iso: "2027-01-14"), location: "Truck 1",
                note: "x", by: manager)
        ) {
            XCTAssertEqual(
                ($0 as? FieldProblems)?["next_service"],
                "The next service date 2027-01-14 is in the past; a service sets the next one ahead")
        }
        try assets.recordService(
            asset.id, nextService: CalendarDate(iso: "2028-01-15"), location: "Pretoria depot",
            note: "calibrated by supplier", by: manager)
        try assets.setStatus(asset.id, to: .retired, note: "replaced", by: manager)
        XCTAssertThrowsError(try assets.setStatus(asset.id, to: .inService, note: "back", by: manager)) {
            XCTAssertEqual("\($0)", "Retired equipment stays retired (asked: in service)")
        }
        XCTAssertThrowsError(
            try assets.recordService(asset.id, nextService: nil, location: "Truck 2", note: "moved", by: manager))
        let history = try assets.history(of: asset.id, by: manager)
        XCTAssertEqual(history.item.status, .retired)
        XCTAssertEqual(
            history.events.map { "\($0.status)|\($0.location)|\($0.nextService?.description ?? "-")|\($0.note)" },
            [
                "in service|Truck 1|2027-02-01|registered",
                "under repair|Truck 1|2027-02-01|lead broken",
                "under repair|Pretoria depot|2028-01-15|calibrated by supplier",
                "retired|Pretoria depot|2028-01-15|replaced",
            ])
        XCTAssertThrowsError(try fixture.database.pool.write { try $0.execute(sql: "UPDATE assetEvent SET note = 'x'") }) {
            XCTAssertTrue("\($0)".contains("append-only"))
        }
    }

    func testServiceDueAlertsAndWhoMayChangeTheRegister() throws {
        let asset = try assets.register(ecg, by: manager)  // due 2027-02-01, 17 days after the fixture's today
        try assets.register(["type": "Fridge", "serial": "F1", "location": "Truck 1", "next_service": "2027-06-01"], by: manager)
        XCTAssertEqual(
            try assets.alerts(by: manager).map(\.description),
            ["SERVICE DUE ≤30d  ECG machine Schiller AT-1 #S-100: due 2027-02-01"])
        try assets.setStatus(asset.id, to: .retired, note: "replaced", by: manager)
        XCTAssertEqual(try assets.alerts(by: manager), [])
        let nurse = Actor.user(try fixture.auth.login(username: "nurse", password: fixture.password, terminal: "t"))
        XCTAssertEqual(try assets.all(by: nurse).count, 2, "nurses read the register")
        XCTAssertThrowsError(try assets.register(["type": "Scale", "serial": "X", "location": "Truck 1"], by: nurse)) {
            XCTAssertEqual(($0 as? AccessDenied)?.permission, .assetWrite)
        }
    }
}

final class DemoStockTests: XCTestCase {
    func testTheSampleRaisesEachKindOfAlertOnceAndIsNotSeededTwice() throws {
        let fixture = try ServiceFixture()
        let demo = DemoStock(database: fixture.database, clock: fixture.clock)
        XCTAssertTrue(try demo.seed())
        XCTAssertFalse(try demo.seed(), "a second run leaves the stock alone")
        let shell = Actor.shell(name: "t")
        let alerts = try StockService(database: fixture.database, clock: fixture.clock).alerts(by: shell)
        XCTAssertEqual(alerts.map(\.severity), [2, 3, 4, 5], "below reorder, then expiring in 30, 60 and 90 days:\n\(alerts)")
        XCTAssertEqual(
            try AssetService(database: fixture.database, clock: fixture.clock).alerts(by: shell).map(\.asset),
            ["ECG machine Schiller AT-102 #ECG-0042"])
        XCTAssertEqual(
            try StockService(database: fixture.database, clock: fixture.clock).countSheet(by: shell).count, 11,
            "one row per batch (three of HIV test kits)"
        )
    }
}
