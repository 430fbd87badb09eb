import ClinicDomain
import ClinicStore
import GRDB
import XCTest

@testable import ClinicServices

final class StockServiceTests: XCTestCase {
    var fixture: ServiceFixture!
    var stock: StockService { StockService(database: fixture.database, clock: fixture.clock) }
    let manager = Actor.shell(name: "stock-manager")
    let gs = "\u{1D}"
    /// GS1's example GTIN, linked to paracetamol in these tests.
    let gtin = "09506000134352"

    override func setUpWithError() throws {
        fixture = try ServiceFixture()
        try stock.link(gtin: gtin, to: "PARA500T", by: manager)
    }

    func testScansInRawAndBracketedFormsAddToTheLedger() throws {
        // The fixture's clock is 2027-01-15; expiries must be after it.
        XCTAssertEqual(try stock.receive(scan: "01\(gtin)17271231" + "10LOT-A", quantity: 100, by: manager).onHand, 100)
        XCTAssertEqual(try stock.receive(scan: "(01)\(gtin)(17)280600(10)LOT-B(21)S1", quantity: 50, by: manager).onHand, 150)
        XCTAssertEqual(
            try stock.receive(scan: "01\(gtin)17271231" + "10LOT-A\(gs)21S9", quantity: 20, by: manager).onHand, 170,
            "same batch again adds to it")
        let batches = try fixture.database.pool.read { try StockRepository.batches(of: "PARA500T", in: $0) }
        XCTAssertEqual(batches.map(\.onHand).sorted(), [50, 120])
        XCTAssertEqual(batches.first { $0.onHand == 50 }?.expiry.description, "2028-06-30", "day 00 is the end of the month")
    }

    func testBadScansAndQuantitiesWriteNothing() throws {
        let cases: [(String, Int, String)] = [
            ("01\(gtin)17271231", 10, "The scan has no batch (10); type the batch number."),
            ("0109506000134353" + "17271231" + "10X", 10, "GTIN 09506000134353 fails its check digit (a misread? scan again)."),
            (
                "01" + "04006381333931".dropFirst(0) + "17271231" + "10X", 10,
                "GTIN 04006381333931 is not linked to any item yet; link it to the item first."
            ),
            ("01\(gtin)17250101" + "10OLD", 10, "Expiry 2025-01-01 is in the past; expired stock is not received."),
            ("01\(gtin)17271231" + "10Z", 0, "The quantity must be a whole number above zero."),
            ("01\(gtin)17271231" + "10Z", -5, "The quantity must be a whole number above zero."),
        ]
        for (scan, quantity, message) in cases {
            XCTAssertThrowsError(try stock.receive(scan: scan, quantity: quantity, by: manager), scan) {
                XCTAssertEqual("\($0)", message)
            }
        }
        XCTAssertEqual(try stock.onHand("PARA500T", by: manager), 0)
        XCTAssertThrowsError(
            try stock.receive(
                scan: "01\(gtin)17271231" + "10Z", quantity: 5,
                by: .user(try fixture.auth.login(username: "nurse", password: fixture.password, terminal: "t"))))
    }

    func testClosureDispensesFirstExpiryFirstAndRefusesAShortfallWhole() throws {
        let visitID = try fixture.visitInConsultation(reason: "headache")
        let doctor = Actor.shell(name: "doctor")
        try PrescriptionService(database: fixture.database, clock: fixture.clock)
            .prescribe(visitId: visitID, itemCode: "PARA500T", dose: "2", frequency: "qid", days: "3", by: doctor)  // 24
        try PrescriptionService(database: fixture.database, clock: fixture.clock)
            .prescribe(visitId: visitID, itemCode: "IBU200T", dose: "1", frequency: "tds", days: "3", by: doctor)  // 9, none in stock
        let consultation = ConsultationService(database: fixture.database, clock: fixture.clock)
        try consultation.addDiagnosis(visitId: visitID, code: "R51", primary: true, by: doctor)
        try consultation.saveNote(
            visitId: visitID, subjective: "", objective: "", assessment: "Tension headache", plan: "", by: doctor)
        _ = try consultation.complete(visitId: visitID, toCounselling: false, by: doctor)
        try stock.receive(scan: "01\(gtin)17281231" + "10LATE", quantity: 100, by: manager)
        try stock.receive(scan: "01\(gtin)17270630" + "10EARLY", quantity: 10, by: manager)
        let nurse = Actor.user(try fixture.auth.login(username: "nurse", password: fixture.password, terminal: "t"))
        XCTAssertThrowsError(try stock.dispense(visitId: visitID, by: nurse)) {
            XCTAssertEqual("\($0)", "Ibuprofen 200 mg tablet: Only 0 in date on hand; 9 asked for. Nothing was taken.")
        }
        XCTAssertEqual(try stock.onHand("PARA500T", by: manager), 110, "nothing half-written")
        try stock.link(gtin: "04006381333931", to: "IBU200T", by: manager)
        try stock.receive(scan: "(01)04006381333931(17)271231(10)I1", quantity: 9, by: manager)
        let dispensed = try stock.dispense(visitId: visitID, by: nurse)
        XCTAssertEqual(dispensed.count, 2)
        XCTAssertTrue(dispensed.allSatisfy { $0.dispensedAt != nil })
        XCTAssertEqual(try stock.onHand("PARA500T", by: manager), 86)
        let batches = try fixture.database.pool.read { try StockRepository.batches(of: "PARA500T", in: $0) }
        XCTAssertEqual(batches.sorted { $0.expiry < $1.expiry }.map(\.onHand), [0, 86], "the earlier batch went first")
        XCTAssertEqual(try stock.dispense(visitId: visitID, by: nurse), [], "dispensing again takes nothing more")
        XCTAssertEqual(try stock.onHand("PARA500T", by: manager), 86)
        XCTAssertThrowsError(try fixture.database.pool.write { try $0.execute(sql: "DELETE FROM movement") }) {
            XCTAssertTrue("\($0)".contains("append-only"))
        }
    }
}

extension StockServiceTests {
    func testAlertsFollowTheLedgerAndTheReorderLevel() throws {
        XCTAssertEqual(
            try stock.alerts(by: manager), [.outOfStock(item: "Paracetamol 500 mg tablet")], "linked but never received")
        try stock.receive(scan: "01\(gtin)17270201" + "10SOON", quantity: 30, by: manager)  // 17 days after 2027-01-15
        try stock.updateItem("PARA500T", reorderLevel: "50", by: manager)
        XCTAssertEqual(
            try stock.alerts(by: manager),
            [
                .belowReorder(item: "Paracetamol 500 mg tablet", onHand: 30, reorderLevel: 50),
                .expiring(
                    item: "Paracetamol 500 mg tablet", batch: "SOON", expiry: CalendarDate(year: 2027, month: 2, day: 1)!,
                    days: 30, onHand: 30),
            ])
        XCTAssertThrowsError(
            try stock.updateItem(
                "PARA500T", reorderLevel: "5",
                by: .user(try fixture.auth.login(username: "nurse", password: fixture.password, terminal: "t"))))
        XCTAssertThrowsError(
            try stock.alerts(by: .user(try fixture.auth.login(username: "clerk", password: fixture.password, terminal: "t"))),
            "clerks do not read inventory")
    }
}

extension StockServiceTests {
    func batchIDs() throws -> [Int64] {
        try fixture.database.pool.read { try Int64.fetchAll($0, sql: "SELECT id FROM batch ORDER BY id") }
    }

    func testAdjustmentsAndWriteOffsNeedAReasonAndNeverGoNegative() throws {
        try stock.receive(scan: "01\(gtin)17271231" + "10A", quantity: 10, by: manager)
        let id = try batchIDs()[0]
        XCTAssertThrowsError(try stock.writeOff(batchID: id, quantity: 3, reason: " ", by: manager))
        XCTAssertEqual(try stock.writeOff(batchID: id, quantity: 3, reason: "damaged in transit", by: manager), 7)
        XCTAssertThrowsError(try stock.writeOff(batchID: id, quantity: -2, reason: "x", by: manager), "a write-off only removes")
        XCTAssertThrowsError(try stock.adjust(batchID: id, by: 0, reason: "count", by: manager))
        XCTAssertThrowsError(try stock.adjust(batchID: id, by: -8, reason: "count", by: manager)) {
            XCTAssertEqual($0 as? StockError, .wouldGoNegative(onHand: 7, change: -8))
        }
        XCTAssertEqual(try stock.onHand("PARA500T", by: manager), 7, "the refused change wrote nothing")
    }

    func testStockTakePostsVariancesInOneTransaction() throws {
        try stock.receive(scan: "01\(gtin)17271231" + "10A", quantity: 10, by: manager)
        try stock.receive(scan: "01\(gtin)17281231" + "10B", quantity: 20, by: manager)
        let ids = try batchIDs()
        XCTAssertThrowsError(try stock.stockTake(counts: [ids[0]: 9, ids[1]: -1], by: manager))
        XCTAssertEqual(try stock.onHand("PARA500T", by: manager), 30, "nothing posted when one count is bad")
        let report = try stock.stockTake(counts: [ids[0]: 9, ids[1]: 20], by: manager)
        XCTAssertEqual(report.map(\.expected), [10, 20])
        XCTAssertEqual(report.map(\.counted), [9, 20])
        XCTAssertEqual(try stock.onHand("PARA500T", by: manager), 29)
        let audit = try fixture.database.pool.read { try AuditLog.recent(limit: 1, in: $0) }
        XCTAssertEqual(audit.first?.action, "stock.take")
        XCTAssertEqual(audit.first?.detail, "PARA500T batch A: 10 → 9")
    }
}

extension StockServiceTests {
    var suppliers: SupplierService { SupplierService(database: fixture.database, clock: fixture.clock) }

    func testItemSettingsAreCheckedWholeAndAudited() throws {
        XCTAssertThrowsError(try stock.updateItem("PARA500T", nappi: "70-123", reorderLevel: "-1", by: manager)) {
            XCTAssertEqual(($0 as? FieldProblems)?.problems.map(\.field), ["nappi", "reorder_level"])
        }
        try stock.updateItem("PARA500T", nappi: "708321001", reorderLevel: "40", storageNote: "below 25 °C", by: manager)
        let detail = try stock.detail(of: "PARA500T", by: manager)
        XCTAssertEqual(
            [detail.settings.nappi, String(detail.settings.reorderLevel), detail.settings.storageNote],
            ["708321001", "40", "below 25 °C"])
        XCTAssertEqual(detail.gtins, [gtin])
        let audit = try fixture.database.pool.read { try AuditLog.recent(limit: 1, in: $0) }
        XCTAssertEqual(audit.first?.detail, "PARA500T: NAPPI 708321001, reorder at 40, storage 'below 25 °C'")
        try stock.updateItem("PARA500T", nappi: "", reorderLevel: "", storageNote: "", by: manager)
        let cleared = try stock.detail(of: "PARA500T", by: manager).settings
        XCTAssertEqual(
            [cleared.nappi, String(cleared.reorderLevel), cleared.storageNote], ["708321001", "40", ""],
            "empty NAPPI and level keep what was there; an empty note clears it")
        XCTAssertThrowsError(try stock.detail(of: "IBU200T", by: manager), "not a stocked item")
    }

    func testReceivingNamesAKnownSupplierAndKeepsTheUnitCost() throws {
        XCTAssertThrowsError(try stock.receive(scan: "01\(gtin)17271231" + "10A", quantity: 10, supplier: "Acme", by: manager)) {
            XCTAssertEqual(
                ($0 as? FieldProblems)?["supplier"], "No supplier matches 'Acme': add it on the Suppliers screen first")
        }
        XCTAssertEqual(try stock.onHand("PARA500T", by: manager), 0, "nothing written for an unknown supplier")
        try suppliers.add(name: "Acme Pharma", contact: "Thandi", phone: "012 345 6789", by: manager)
        try stock.receive(
            scan: "01\(gtin)17271231" + "10A", quantity: 10, supplier: "acme pharma", unitCost: Rands(cents: 45), by: manager)
        let batch = try XCTUnwrap(try stock.detail(of: "PARA500T", by: manager).batches.first)
        XCTAssertEqual(batch.supplier, "Acme Pharma", "stored as the supplier is named")
        XCTAssertEqual(batch.unitCost, Rands(cents: 45))
        XCTAssertEqual(batch.onHand, 10)
    }

    func testSuppliersAreNamedOnceWithAValidPhone() throws {
        XCTAssertThrowsError(try suppliers.add(name: " ", phone: "12", by: manager)) {
            XCTAssertEqual(($0 as? FieldProblems)?.problems.map(\.field), ["name", "phone"])
        }
        try suppliers.add(name: "Acme Pharma", phone: "+27 12 345 6789", by: manager)
        XCTAssertThrowsError(try suppliers.add(name: "ACME PHARMA", by: manager)) {
            XCTAssertEqual(($0 as? FieldProblems)?["name"], "Supplier 'Acme Pharma' already exists")
        }
        try fixture.database.pool.write { db in
            try SupplierService.ensure("acme pharma", by: manager, at: fixture.clock.now(), in: db)
            try SupplierService.ensure("Bidvest Medical", by: manager, at: fixture.clock.now(), in: db)
        }
        XCTAssertEqual(try suppliers.all(by: manager).map(\.name), ["Acme Pharma", "Bidvest Medical"])
        XCTAssertEqual(try suppliers.all(by: manager).first?.phone, "+27123456789")
    }

    func testAPackWithoutABarcodeIsReceivedByItsItemAndMakesItStocked() throws {
        XCTAssertThrowsError(
            try stock.receive(
                itemCode: "AMLO5T", quantity: 10, batch: "B1", expiry: CalendarDate(iso: "2020-01-31")!, by: manager)
        ) { XCTAssertEqual($0 as? StockError, .expiryInPast(CalendarDate(iso: "2020-01-31")!)) }
        XCTAssertThrowsError(
            try stock.receive(itemCode: "AMLO5T", quantity: 10, batch: " ", expiry: CalendarDate(iso: "2028-01-31")!, by: manager)
        ) { XCTAssertEqual($0 as? ScanError, .noBatch) }
        XCTAssertThrowsError(
            try stock.receive(itemCode: "NOPE", quantity: 10, batch: "B1", expiry: CalendarDate(iso: "2028-01-31")!, by: manager))
        XCTAssertEqual(try stock.overview(by: manager).map(\.medicine.code), ["PARA500T"], "nothing written")
        let receipt = try stock.receive(
            itemCode: "AMLO5T", quantity: 10, batch: "B1", expiry: CalendarDate(iso: "2028-01-31")!, by: manager)
        XCTAssertEqual(receipt.onHand, 10)
        XCTAssertEqual(try stock.overview(by: manager).map(\.medicine.code).sorted(), ["AMLO5T", "PARA500T"])
    }

    func testASupplierIsChangedByTheRulesOfAddingOne() throws {
        let acme = try suppliers.add(name: "Acme Pharma", by: manager)
        try suppliers.add(name: "Bidvest Medical", by: manager)
        XCTAssertThrowsError(try suppliers.update(id: acme.id, name: "bidvest medical", by: manager)) {
            XCTAssertEqual(($0 as? FieldProblems)?["name"], "Supplier 'Bidvest Medical' already exists")
        }
        XCTAssertThrowsError(try suppliers.update(id: acme.id, name: "Acme", phone: "12", by: manager)) {
            XCTAssertEqual(($0 as? FieldProblems)?.problems.map(\.field), ["phone"])
        }
        XCTAssertThrowsError(try suppliers.update(id: 999, name: "Acme", by: manager)) {
            XCTAssertEqual($0 as? SupplierError, .notFound)
        }
        XCTAssertEqual(try suppliers.all(by: manager).map(\.name), ["Acme Pharma", "Bidvest Medical"], "nothing written")
        let saved = try suppliers.update(id: acme.id, name: "ACME pharma", phone: "012 345 6789", by: manager)
        XCTAssertEqual([saved.name, saved.phone], ["ACME pharma", "+27123456789"], "its own name in another case is fine")
    }

    func testTransfersNameTheDestinationAndCannotExceedTheBatch() throws {
        try stock.receive(scan: "01\(gtin)17271231" + "10A", quantity: 10, by: manager)
        let id = try batchIDs()[0]
        XCTAssertThrowsError(try stock.transfer(batchID: id, quantity: 4, to: "", by: manager))
        XCTAssertThrowsError(try stock.transfer(batchID: id, quantity: 11, to: "Truck 2", by: manager)) {
            XCTAssertEqual($0 as? StockError, .wouldGoNegative(onHand: 10, change: -11))
        }
        XCTAssertEqual(try stock.transfer(batchID: id, quantity: 4, to: "Truck 2", by: manager), 6)
        let kinds = try fixture.database.pool.read {
            try String.fetchAll($0, sql: "SELECT kind || ':' || quantity || ':' || reason FROM movement ORDER BY id")
        }
        XCTAssertEqual(kinds, ["receive:10:", "transfer:-4:Truck 2"])
    }

    func testTheCountSheetListsBatchesWithStockByItemAndExpiry() throws {
        try stock.link(gtin: "04006381333931", to: "IBU200T", by: manager)
        try stock.receive(scan: "01\(gtin)17281231" + "10LATE", quantity: 5, by: manager)
        try stock.receive(scan: "01\(gtin)17271231" + "10EARLY", quantity: 7, by: manager)
        try stock.receive(scan: "(01)04006381333931(17)271231(10)I1", quantity: 3, by: manager)
        try stock.writeOff(batchID: try batchIDs()[2], quantity: 3, reason: "damaged", by: manager)
        let sheet = try stock.countSheet(by: manager)
        XCTAssertEqual(sheet.map(\.batch), ["EARLY", "LATE"], "ibuprofen has nothing left to count")
        XCTAssertEqual(sheet.map(\.item), ["Paracetamol 500 mg tablet", "Paracetamol 500 mg tablet"])
        XCTAssertEqual(sheet.map(\.expected), [7, 5])
        XCTAssertEqual(sheet.map(\.variance), [0, 0])
    }
}
