import ClinicDomain
import ClinicServices
import ClinicStore
import Foundation
import GRDB
import XCTest

/// The inventory manager scans packs in; a nurse on another terminal dispenses at closure.
final class StockEndToEndTests: XCTestCase {
    var folder = ""
    var database: String { folder + "/clinic.sqlite" }

    override func setUpWithError() throws { folder = try ClinicBinary.demoFolder() }
    override func tearDown() { try? FileManager.default.removeItem(atPath: folder) }

    /// A visit at closure with paracetamol 2 qid × 3 days (24 tablets) prescribed, prepared
    /// through the services from this (third) process.
    func visitAtClosure() throws {
        let store = try ClinicDatabase.open(at: database)
        let visit = try Seed.visitInConsultation(store)
        try PrescriptionService(database: store).prescribe(
            visitId: visit, itemCode: "PARA500T", dose: "2", frequency: "qid",
            days: "3", by: Seed.shell)
        try Seed.completeConsultation(visit, store)
        try store.pool.close()
    }

    func testScanThreePacksInThenDispenseAtClosure() throws {
        try visitAtClosure()
        let tmux = try Tmux(ClinicBinary.command(database))
        try tmux.addWindow("nurse", ClinicBinary.command(database))
        try tmux.logIn("stock")
        try tmux.logIn("nurse", in: "nurse")
        try tmux.type("1"); try tmux.waitFor("Scan:")

        // Pack 1: unknown GTIN, raw form with a GS separator, typed as fast as a scanner does.
        try tmux.type("0109506000134352" + "17281231" + "10LOT-A")
        try tmux.press("C-]")
        try tmux.type("21S1")
        try tmux.press("Enter")
        try tmux.waitFor("GTIN 09506000134352 is new")
        try tmux.type("PARA500T"); try tmux.press("Enter")
        try tmux.waitFor("Quantity (units)")
        try tmux.type("20"); try tmux.press("Enter", "Enter", "Enter", "Enter", "Enter")
        try tmux.waitFor("on hand 20.")
        // Pack 2: bracketed human form, earlier expiry.
        try tmux.type("(01)09506000134352(17)270630(10)LOT-B"); try tmux.press("Enter")
        try tmux.waitFor("Quantity (units)")
        try tmux.type("10"); try tmux.press("Enter", "Enter", "Enter", "Enter", "Enter")
        try tmux.waitFor("on hand 30.")
        // Pack 3: a misread, then the rescan.
        try tmux.type("0109506000134353172812311" + "0LOT-C"); try tmux.press("Enter")
        try tmux.waitFor("fails its check digit")
        try tmux.type("0109506000134352" + "17281231" + "10LOT-C"); try tmux.press("Enter")
        try tmux.waitFor("Quantity (units)")
        try tmux.type("5"); try tmux.press("Enter", "Enter", "Enter", "Enter", "Enter")
        let list = try tmux.waitFor("on hand 35.")
        XCTAssertTrue(list.contains("PARA500T") && list.contains("2027-06-30"), list)

        // The nurse dispenses at closure: 24 tablets, the June 2027 batch first.
        try tmux.type("3", in: "nurse"); try tmux.waitFor("1 waiting for closure", in: "nurse")
        try tmux.press("Enter", in: "nurse"); try tmux.waitFor("Prescriptions", in: "nurse")
        try tmux.press("C-d", in: "nurse")
        try tmux.waitFor("Dispensed: 24 × Paracetamol 500 mg tablet", in: "nurse")
        try tmux.press("C-d", in: "nurse")
        try tmux.waitFor("Everything prescribed was dispensed already.", in: "nurse")

        // The stock list on the other terminal follows without a key press: 11 left.
        let after = try tmux.waitFor(" 11 ")
        XCTAssertTrue(after.contains("PARA500T"), after)
        XCTAssertTrue(after.contains("2028-12-31"), "the earlier batch is used up:\n\(after)")
    }

    /// The case: a supplier picked in the receive form by typing part of its name.
    func testASupplierIsPickedByTypingPartOfItsName() throws {
        let store = try ClinicDatabase.open(at: database)
        for name in ["Demo Pharma Wholesale", "Demo Medical Supplies"] {
            try SupplierService(database: store).add(name: name, by: Seed.shell)
        }
        try store.pool.close()
        let tmux = try Tmux(ClinicBinary.command(database))
        try tmux.logIn("stock")
        try tmux.type("1"); try tmux.waitFor("Scan:")
        try tmux.type("(01)09506000134352(17)281231(10)LOT-S"); try tmux.press("Enter")
        try tmux.waitFor("GTIN 09506000134352 is new")
        try tmux.type("PARA500T"); try tmux.press("Enter")
        try tmux.waitFor("Quantity (units)")
        try tmux.type("12"); try tmux.press("Enter", "Enter", "Enter")
        try tmux.type("demo"); try tmux.press("Enter")
        let both = try tmux.waitFor("Demo Medical Supplies")
        XCTAssertTrue(both.contains("Which supplier?") && both.contains("Demo Pharma Wholesale"), both)
        try tmux.type(" ph"); try tmux.waitFor("Find: demo ph")
        let one = try tmux.waitFor("Demo Pharma Wholesale")
        XCTAssertFalse(one.contains("Demo Medical Supplies"), one)
        try tmux.press("Enter"); try tmux.waitFor("Supplier: Demo Pharma Wholesale")
        try tmux.press("Enter"); try tmux.waitFor("on hand 12.")
        let supplier = try ClinicDatabase.open(at: database).pool.read {
            try String.fetchOne($0, sql: "SELECT supplier FROM batch WHERE batchNumber = 'LOT-S'")
        }
        XCTAssertEqual(supplier, "Demo Pharma Wholesale")
    }

    func testAStockTakeTypedAtTheTerminalPostsItsVariances() throws {
        let store = try ClinicDatabase.open(at: database)
        let shell = Actor.shell(name: "e2e")
        let stock = StockService(database: store)
        try stock.link(gtin: "09506000134352", to: "PARA500T", by: shell)
        try stock.receive(scan: "(01)09506000134352(17)300630(10)EARLY", quantity: 10, by: shell)
        try stock.receive(scan: "(01)09506000134352(17)301231(10)LATE", quantity: 40, by: shell)
        try store.pool.close()

        let tmux = try Tmux(ClinicBinary.command(database))
        try tmux.logIn("stock")
        try tmux.type("1"); try tmux.waitFor("Scan:")
        try tmux.press("F8"); try tmux.waitFor("Uncounted rows are left alone")
        try tmux.type("9"); try tmux.press("Enter"); try tmux.type("41")
        try tmux.press("F8"); try tmux.waitFor("2 counted, 2 differ (net 0)")
        try tmux.press("F8")
        let report = try tmux.waitFor("Posted: 2 adjustments")
        XCTAssertTrue(report.contains("Variance report"), report)
        let csv = try ClinicBinary.run(["stock", "report", "--db", database]).stdout
        XCTAssertTrue(csv.contains(",EARLY,2030-06-30,9\n") && csv.contains(",LATE,2030-12-31,41\n"), csv)
    }
}
