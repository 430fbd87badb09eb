import ClinicDomain
import ClinicServices
import ClinicStore
import TerminalKit
import XCTest

@testable import ClinicTUI

final class StockScreensTests: XCTestCase {
    /// A lot number already on hand with another expiry is most often a misread date: the
    /// form says so once at the expiry, and Enter again receives the second batch.
    func testALotOnHandWithAnotherExpiryWarnsOnceBeforeASecondBatch() throws {
        let harness = try AppHarness()
        let shell = Actor.shell(name: "setup")
        let service = StockService(database: harness.database, clock: harness.clock)
        try service.link(gtin: "09506000134352", to: "PARA500T", by: shell)
        try service.receive(scan: "(01)09506000134352(17)271231(10)LOT-A", quantity: 100, by: shell)
        harness.logIn("stock")
        harness.openMenu("Stock: scan in, items, stock take")
        let stock = try XCTUnwrap(harness.app.top as? StockScreen)
        harness.type("(01)09506000134352(17)281231(10)LOT-A")
        harness.press(.enter)
        let receive = try XCTUnwrap(harness.app.top as? FormScreen, harness.screen())
        harness.type("20")
        receive.form.focus(on: "unit_cost")
        harness.press(.enter)
        XCTAssertEqual(
            receive.form.fields.first { $0.id == "expiry" }?.error,
            "lot LOT-A is on hand expiring 2027-12-31; Enter again receives a second batch expiring 2028-12-31")
        XCTAssertEqual(try service.onHand("PARA500T", by: shell), 100, "nothing received yet")
        receive.form.focus(on: "unit_cost")
        harness.press(.enter)
        XCTAssertTrue(harness.app.top === stock, harness.screen())
        XCTAssertEqual(try service.detail(of: "PARA500T", by: shell).batches.count, 2)
    }

    func testScanningUnknownThenKnownPacksReceivesStock() throws {
        let harness = try AppHarness()
        harness.logIn("stock")
        harness.openMenu("Stock: scan in, items, stock take")
        let stock = try XCTUnwrap(harness.app.top as? StockScreen)
        // A scanner types the whole code, GS separator included, then Enter.
        harness.type("0109506000134352" + "17271231" + "10LOT-A\u{1D}21SER1")
        harness.press(.enter)
        // The new barcode's item is picked by part of its name (or its code).
        let link = try XCTUnwrap(harness.app.top as? SearchPickerScreen, harness.screen())
        harness.type("parac")
        XCTAssertEqual(link.rows.map(\.key).sorted(), ["PARA120S", "PARA500T"], "every paracetamol")
        harness.press(.down, .enter)
        let receive = try XCTUnwrap(harness.app.top as? FormScreen, harness.screen())
        XCTAssertEqual(receive.definition.id, "receive")
        XCTAssertEqual(receive.form["batch"], "LOT-A")
        XCTAssertEqual(receive.form["expiry"], "2027-12-31")
        harness.type("0")
        receive.form.focus(on: "unit_cost")
        harness.press(.enter)
        XCTAssertEqual(
            receive.form.fields.first { $0.id == "quantity" }?.error, "The quantity must be a whole number above zero.")
        XCTAssertEqual(receive.form.focusedField?.id, "quantity", "the refused field has focus")
        XCTAssertNil(receive.message, "one problem is shown at its field, not repeated as a message")
        receive.form["quantity"] = "100"
        receive.form.focus(on: "unit_cost")
        harness.press(.enter)
        XCTAssertTrue(harness.app.top === stock)
        XCTAssertEqual(stock.message, "Received 100 Paracetamol 500 mg tablet; on hand 100.")
        harness.type("(01)09506000134352(17)270600(10)LOT-B")
        harness.press(.enter)
        harness.type("50")
        harness.press(.enter, .enter, .enter, .enter, .enter)
        XCTAssertEqual(stock.items.first?.onHand, 150)
        XCTAssertEqual(stock.items.first?.nextExpiry, CalendarDate(iso: "2027-06-30"))
        harness.type("0109506000134353")
        harness.press(.enter)
        XCTAssertEqual(
            stock.message,
            "GTIN 09506000134353 fails its check digit (a misread? scan again). "
                + "A pack whose barcode will not read: F2 picks its item.")
        assertSnapshot(harness.snapshot(), named: "stock-80x24")
    }
}

extension StockScreensTests {
    /// A pack without a barcode: F2, the item by part of its name, then batch and expiry
    /// typed off the pack. An expired date and a missing batch are refused at their fields.
    func testAPackWithoutABarcodeIsReceivedByPickingItsItem() throws {
        let harness = try AppHarness()
        harness.logIn("stock")
        harness.openMenu("Stock: scan in, items, stock take")
        let stock = try XCTUnwrap(harness.app.top as? StockScreen)
        harness.press(.function(2))
        let picker = try XCTUnwrap(harness.app.top as? SearchPickerScreen, harness.screen())
        XCTAssertEqual(picker.title, "Receive a pack without a barcode: which item?")
        harness.type("amlo")
        harness.press(.enter)
        let receive = try XCTUnwrap(harness.app.top as? FormScreen, harness.screen())
        XCTAssertEqual(receive.form.focusedField?.id, "quantity", "the quantity first, then batch and expiry in order")
        XCTAssertTrue(harness.screen().contains("no barcode: batch and expiry off the pack"), harness.screen())
        receive.form["expiry"] = "2020-01-31"
        receive.form["quantity"] = "30"
        receive.form.focus(on: "unit_cost")
        harness.press(.enter)
        XCTAssertEqual(receive.form.fields.first { $0.id == "batch" }?.error, "type the batch number")
        XCTAssertEqual(
            receive.form.fields.first { $0.id == "expiry" }?.error,
            "Expiry 2020-01-31 is in the past; expired stock is not received.")
        XCTAssertTrue(stock.items.isEmpty, "nothing received: \(stock.items)")
        receive.form["batch"] = "HANDWRITTEN-7"
        receive.form["expiry"] = "2028-03-31"
        receive.form.focus(on: "unit_cost")
        harness.press(.enter)
        XCTAssertTrue(harness.app.top === stock, harness.screen())
        XCTAssertEqual(stock.items.map(\.onHand), [30])
        XCTAssertTrue(stock.message?.hasPrefix("Received 30 Amlodipine") ?? false, stock.message ?? "no message")
        let audit = try harness.database.pool.read {
            try String.fetchOne($0, sql: "SELECT detail FROM auditEntry WHERE action = 'stock.receive'")
        }
        XCTAssertEqual(audit?.hasSuffix("batch HANDWRITTEN-7 exp 2028-03-31 (no barcode)"), true, audit ?? "no audit")
    }

    func testHomeShowsTheAlertCountAndTheAlertsScreenListsThem() throws {
        let harness = try AppHarness()
        let stock = StockService(database: harness.database, clock: harness.clock)
        try stock.link(gtin: "09506000134352", to: "PARA500T", by: .shell(name: "t"))
        harness.logIn("nurse")
        harness.app.tick()
        let home = try XCTUnwrap(harness.app.top as? HomeScreen)
        XCTAssertEqual(home.alertCount, 1)
        XCTAssertTrue(harness.screen().contains("Stock and equipment alerts (1)"))
        // Another terminal receives stock close to expiry: the count follows without a keypress.
        try stock.receive(scan: "0109506000134352" + "17261210" + "10B1", quantity: 5, by: .shell(name: "stock-terminal"))
        harness.app.tick()
        XCTAssertEqual(home.alertCount, 1, "in stock now, but expiring within 30 days")
        harness.openMenu("Stock and equipment alerts")
        XCTAssertTrue(
            harness.screen().contains("EXPIRES ≤30d  Paracetamol 500 mg tablet batch B1: 5 expire 2026-12-10"), harness.screen())
    }

    func testOneSubmitOfTheReceiveFormNamesEveryProblem() throws {
        let harness = try AppHarness()  // today is 2026-11-24
        try StockService(database: harness.database, clock: harness.clock).link(
            gtin: "09506000134352", to: "PARA500T", by: .shell(name: "t"))
        harness.logIn("stock")
        harness.openMenu("Stock: scan in, items, stock take")
        harness.type("(01)09506000134352")  // no batch, no expiry in the barcode
        harness.press(.enter)
        let receive = try XCTUnwrap(harness.app.top as? FormScreen, harness.screen())
        receive.form["quantity"] = "ten"
        receive.form["expiry"] = "2026-11-23"
        receive.form["unit_cost"] = "one rand"
        receive.form.focus(on: "unit_cost")
        harness.press(.enter)
        let errors = Dictionary(
            uniqueKeysWithValues: receive.form.fields.compactMap { field in field.error.map { (field.id, $0) } })
        XCTAssertEqual(
            errors,
            [
                "quantity": "type a whole number of units",
                "batch": "the scan has no batch; type the batch number",
                "expiry": "Expiry 2026-11-23 is in the past; expired stock is not received.",
                "unit_cost": "the unit cost is an amount in rand, e.g. 0.45",
            ])
        XCTAssertEqual(receive.message, "Please correct the 4 marked fields.")
        XCTAssertTrue(harness.app.top === receive, "nothing received")
    }

    /// The batch and expiry a barcode carries are what the pack is: typing over them is
    /// refused in words, not quietly ignored at save (fresh-eyes walk: B5X was stored as B5).
    func testTheBarcodesBatchAndExpiryAreNotTypedOver() throws {
        let harness = try AppHarness()
        let stock = StockService(database: harness.database, clock: harness.clock)
        try stock.link(gtin: "09506000134352", to: "PARA500T", by: .shell(name: "t"))
        harness.logIn("stock")
        harness.openMenu("Stock: scan in, items, stock take")
        harness.type("(01)09506000134352(17)300615(10)B5")
        harness.press(.enter)
        let receive = try XCTUnwrap(harness.app.top as? FormScreen, harness.screen())
        receive.form["quantity"] = "2"
        receive.form.focus(on: "batch")
        harness.type("X")
        harness.press(.tab)
        XCTAssertEqual(
            receive.form.fields.first { $0.id == "batch" }?.error,
            "the barcode says batch B5; scan the pack again if that is wrong, not typed over")
        receive.form["expiry"] = "30/11/2029"
        receive.form.focus(on: receive.form.fields.last!.id)
        harness.press(.enter)
        XCTAssertEqual(
            receive.form.fields.first { $0.id == "expiry" }?.error,
            "the barcode says expiry 2030-06-15; scan the pack again if that is wrong, not typed over")
        XCTAssertTrue(harness.app.top === receive, "nothing received")
        XCTAssertEqual(try stock.onHand("PARA500T", by: .shell(name: "t")), 0)
    }

    /// A typed batch is held to what a barcode may carry (GS1 General Specifications: AI 10 is
    /// up to 20 characters), judged as the field is left; a longer scan is refused as a misread.
    func testATypedBatchLongerThanABarcodeAllowsIsMarked() throws {
        let harness = try AppHarness()
        try StockService(database: harness.database, clock: harness.clock).link(
            gtin: "09506000134352", to: "PARA500T", by: .shell(name: "t"))
        harness.logIn("stock")
        harness.openMenu("Stock: scan in, items, stock take")
        harness.type("(01)09506000134352")
        harness.press(.enter)
        let receive = try XCTUnwrap(harness.app.top as? FormScreen, harness.screen())
        receive.form.focus(on: "batch")
        harness.type(String(repeating: "B", count: 21))
        harness.press(.tab)
        XCTAssertEqual(
            receive.form.fields.first { $0.id == "batch" }?.error,
            "a batch number has at most 20 characters (GS1 AI 10); check what was typed")
    }
}
