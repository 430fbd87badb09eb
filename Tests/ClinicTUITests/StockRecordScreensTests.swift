import ClinicDomain
import ClinicServices
import ClinicStore
import TerminalKit
import XCTest

@testable import ClinicTUI

/// The item screen, stock take and suppliers, driven by keys as the inventory manager uses them.
final class StockRecordScreensTests: XCTestCase {
    var harness: AppHarness!
    let shell = Actor.shell(name: "setup")

    /// Paracetamol with two batches (expiring 2027-06-30 and 2027-12-31), received from the shell.
    override func setUpWithError() throws {
        harness = try AppHarness()
        let stock = StockService(database: harness.database, clock: harness.clock)
        try SupplierService(database: harness.database, clock: harness.clock).add(name: "Acme Pharma", by: shell)
        try stock.link(gtin: "09506000134352", to: "PARA500T", by: shell)
        try stock.receive(
            scan: "(01)09506000134352(17)271231(10)LATE", quantity: 40, supplier: "Acme Pharma",
            unitCost: Rands(cents: 45), by: shell)
        try stock.receive(scan: "(01)09506000134352(17)270630(10)EARLY", quantity: 10, by: shell)
        harness.logIn("stock")
        harness.openMenu("Stock: scan in, items, stock take")
    }

    func testTheItemScreenEditsSettingsAndMovesTheSelectedBatch() throws {
        harness.press(.enter)
        let item = try XCTUnwrap(harness.app.top as? StockItemScreen, harness.screen())
        XCTAssertEqual(item.detail?.batches.map(\.batchNumber), ["EARLY", "LATE"])
        harness.press(.function(4))
        let settings = try XCTUnwrap(harness.app.top as? FormScreen)
        settings.form["nappi"] = "70-1"
        settings.form["reorder_level"] = "60"
        settings.form["storage_note"] = "below 25 °C"
        settings.form.focus(on: "storage_note")
        harness.press(.enter)
        XCTAssertEqual(settings.form.fields.first { $0.id == "nappi" }?.error, "NAPPI must be digits only")
        settings.form["nappi"] = "708321001"
        settings.form.focus(on: "storage_note")
        harness.press(.enter)
        XCTAssertTrue(harness.app.top === item)
        XCTAssertEqual(item.message, "Settings saved.")
        // Write off 4 of the second batch: too many first, then the right number.
        harness.press(.down, .function(6))
        let writeOff = try XCTUnwrap(harness.app.top as? FormScreen)
        XCTAssertEqual(writeOff.definition.id, "write-off")
        harness.fill("41", "damaged")
        XCTAssertEqual(writeOff.message, "Stock cannot go below zero (on hand 40, change -41).")
        writeOff.form["quantity"] = "4"
        harness.press(.enter)
        XCTAssertEqual(item.message, "Wrote off 4; batch now 36.")
        harness.press(.function(7))
        harness.fill("x", "Truck 2")
        XCTAssertEqual((harness.app.top as? FormScreen)?.form.focusedField?.error, "type a whole number of units")
        harness.press(.backspace)
        harness.type("6")
        harness.press(.enter, .enter)
        XCTAssertEqual(item.message, "Transferred 6 to Truck 2; batch now 30.")
        harness.press(.function(5))
        harness.fill("-2", "recount")
        XCTAssertEqual(item.message, "Adjusted by -2; batch now 28.")
        XCTAssertEqual(item.detail?.onHand, 38, "the item shows the new on-hand at once")
        assertSnapshot(harness.snapshot(), named: "stock-item-80x24")
    }

    func testAStockTakeShowsVariancesAsTypedAndPostsThemAfterAConfirmation() throws {
        harness.press(.function(8))
        let take = try XCTUnwrap(harness.app.top as? StockTakeScreen, harness.screen())
        XCTAssertEqual(take.lines.map(\.batch), ["EARLY", "LATE"])
        harness.press(.function(8))
        XCTAssertEqual(take.message, "Count at least one batch first.")
        harness.type("9")
        harness.press(.enter)
        harness.type("4a")
        XCTAssertEqual(take.message, "Type the counted number of units (digits only).")
        harness.type("2")
        harness.press(.backspace)
        harness.type("1")
        XCTAssertEqual(take.counts, [take.lines[0].batchID: 9, take.lines[1].batchID: 41])
        harness.press(.function(8))
        XCTAssertEqual(take.message, "2 counted, 2 differ (net 0): F8 again to post, any other key to go on.")
        assertSnapshot(harness.snapshot(), named: "stock-take-confirm-80x24")
        harness.press(.down)
        XCTAssertNil(take.posted, "another key keeps counting")
        harness.press(.function(8), .function(8))
        XCTAssertEqual(take.message, "Posted: 2 adjustments from 2 counted batches.")
        XCTAssertEqual(take.posted?.map(\.variance), [-1, 1])
        XCTAssertEqual(try StockService(database: harness.database, clock: harness.clock).onHand("PARA500T", by: shell), 50)
        harness.type("7")
        XCTAssertEqual(take.counts.count, 2, "a posted take is read-only")
        XCTAssertEqual(take.message, "This stock take is posted; Esc goes back.")
        assertSnapshot(harness.snapshot(), named: "stock-take-posted-80x24")
    }

    func testQuittingOrLoggingOutWithTypedCountsAsksFirst() throws {
        harness.press(.function(8))
        let take = try XCTUnwrap(harness.app.top as? StockTakeScreen, harness.screen())
        harness.type("9")
        harness.press(.control("q"))
        XCTAssertFalse(harness.app.isFinished, "typed counts are not thrown away by one key")
        XCTAssertEqual(harness.app.notice, "Quit and discard 1 typed value? y quits, any other key keeps them.")
        harness.press(.character("n"))
        XCTAssertTrue(harness.app.top === take)
        XCTAssertEqual(take.typed.count, 1, "kept")
        harness.press(.control("q"))
        harness.press(.control("l"))
        XCTAssertTrue(harness.app.top.isLockScreen, "locking still works while the question is open")
        harness.logIn("stock")
        XCTAssertTrue(harness.app.top === take)
        XCTAssertEqual(take.typed.count, 1, "kept through the lock")
        harness.press(.function(9))
        XCTAssertEqual(harness.app.notice, "Log out and discard 1 typed value? y logs out, any other key keeps them.")
        harness.press(.character("y"))
        XCTAssertTrue(harness.app.top is LoginScreen)
    }

    func testAnExpiredPackIsRefusedAtTheScanBeforeItsBarcodeIsLinked() throws {
        harness.type("(01)04006381333931(17)240101(10)OLD")  // 2024-01-01; today is 2026-11-24
        harness.press(.enter)
        let stock = try XCTUnwrap(harness.app.top as? StockScreen, "no form opens for expired stock")
        XCTAssertEqual(stock.message, "Expiry 2024-01-01 is in the past; expired stock is not received.")
        let links = try harness.database.pool.read {
            try Int.fetchOne($0, sql: "SELECT count(*) FROM auditEntry WHERE action = 'stock.link'")
        }
        XCTAssertEqual(links, 1, "only the setup's link: the expired pack's barcode was not linked")
    }

    func testSuppliersAreAddedFromTheStockList() throws {
        harness.press(.function(3))
        let suppliers = try XCTUnwrap(harness.app.top as? RegisterListScreen)
        XCTAssertEqual(suppliers.entries.map { $0.cells[0] }, ["Acme Pharma"])
        harness.press(.function(2))
        harness.type("acme pharma")
        harness.press(.enter, .enter, .enter)
        XCTAssertEqual((harness.app.top as? FormScreen)?.form.focusedField?.error, "Supplier 'Acme Pharma' already exists")
        (harness.app.top as? FormScreen)?.form["name"] = "Bidvest Medical"
        (harness.app.top as? FormScreen)?.form["phone"] = "012 345 6789"
        (harness.app.top as? FormScreen)?.form.focus(on: "phone")
        harness.press(.enter)
        XCTAssertTrue(harness.app.top === suppliers)
        XCTAssertEqual(suppliers.entries.map { $0.cells[0] }, ["Acme Pharma", "Bidvest Medical"])
        XCTAssertTrue(harness.screen().contains("012 345 6789"), harness.screen())
    }

    func testEnterOnASupplierChangesItAndItsBatchesFollowTheNewName() throws {
        harness.press(.function(3))
        let suppliers = try XCTUnwrap(harness.app.top as? RegisterListScreen)
        harness.press(.enter)
        let form = try XCTUnwrap(harness.app.top as? FormScreen, harness.screen())
        XCTAssertEqual(form.title, "Edit supplier")
        XCTAssertEqual(form.form["name"], "Acme Pharma", "the form opens with the supplier as it is")
        form.form["name"] = "Acme Pharmaceuticals"
        form.form["contact"] = "T. Nkosi"
        form.form.focus(on: "phone")
        harness.press(.enter)
        XCTAssertTrue(harness.app.top === suppliers, harness.screen())
        XCTAssertEqual(suppliers.message, "Saved Acme Pharmaceuticals.")
        XCTAssertEqual(suppliers.entries.map(\.cells), [["Acme Pharmaceuticals", "T. Nkosi", ""]])
        let batchSuppliers = try harness.database.pool.read {
            try String.fetchAll($0, sql: "SELECT supplier FROM batch ORDER BY batchNumber")
        }
        XCTAssertEqual(batchSuppliers, ["", "Acme Pharmaceuticals"], "the batch received from it names it still")
        let audit = try harness.database.pool.read {
            try String.fetchOne($0, sql: "SELECT detail FROM auditEntry WHERE action = 'supplier.edit'")
        }
        XCTAssertEqual(audit, "Acme Pharma → Acme Pharmaceuticals")
    }

    /// The case: a supplier is picked by typing part of its name in the receive form.
    func testTheReceiveFormPicksASupplierByPartOfItsName() throws {
        try SupplierService(database: harness.database, clock: harness.clock).add(name: "Acme Medical", by: shell)
        harness.type("(01)09506000134352(17)280131(10)NEW-LOT")
        harness.press(.enter)
        let receive = try XCTUnwrap(harness.app.top as? FormScreen, harness.screen())
        harness.type("12")
        receive.form.focus(on: "supplier")
        harness.type("zzz")
        harness.press(.enter)
        let none = try XCTUnwrap(harness.app.top as? SearchPickerScreen, harness.screen())
        XCTAssertEqual(none.message, "Nothing matches.")
        harness.press(.escape)
        XCTAssertTrue(harness.app.top === receive, "Esc goes back to the form, the text kept")
        receive.form["supplier"] = "acme"
        harness.press(.enter)
        let picker = try XCTUnwrap(harness.app.top as? SearchPickerScreen, harness.screen())
        XCTAssertEqual(picker.rows.map(\.key), ["Acme Medical", "Acme Pharma"])
        harness.press(.down, .enter)
        XCTAssertTrue(harness.app.top === receive, harness.screen())
        XCTAssertEqual(receive.form["supplier"], "Acme Pharma")
        XCTAssertEqual(receive.form.focusedField?.id, "unit_cost", "the pick moves on")
        harness.press(.enter)
        let batch = try harness.database.pool.read {
            try String.fetchOne($0, sql: "SELECT supplier FROM batch WHERE batchNumber = 'NEW-LOT'")
        }
        XCTAssertEqual(batch, "Acme Pharma")
    }
}
