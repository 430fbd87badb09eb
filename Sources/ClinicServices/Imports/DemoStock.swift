import ClinicDomain
package import ClinicStore
import Foundation

/// Sample stock, suppliers and equipment for a demo truck, relative to today: some batches
/// near expiry, one item below its reorder level, one machine due for service. Uses the
/// same services staff use, so everything is in the ledger and the audit log.
public struct DemoStock: Sendable {
    let database: ClinicDatabase
    let clock: any Clock

    package init(database: ClinicDatabase, clock: any Clock = SystemClock()) {
        self.database = database
        self.clock = clock
    }

    /// (item, GTIN body without its check digit, reorder level, batches as (batch, days to expiry, units, cents)).
    static let items: [(String, String, Int, [(String, Int, Int, Int)])] = [
        ("AMOX500C", "0600100000001", 100, [("AX2301", 25, 60, 38), ("AX2402", 400, 500, 36)]),
        ("IBU200T", "0600100000002", 100, [("IB9910", 300, 1000, 9)]),
        ("METF500T", "0600100000003", 200, [("MF0105", 75, 150, 12), ("MF0212", 420, 3000, 11)]),
        ("AMLO5T", "0600100000004", 100, [("AM4410", 500, 900, 15)]),
        ("SALB100I", "0600100000005", 20, [("SB7001", 45, 12, 4_250)]),
        ("PARA500T", "0600100000006", 200, [("PC3307", 600, 2000, 3)]),
        // HIV rapid-test kits for the screening day: an older screening lot first out.
        ("HIVRT1", "0600100000007", 20, [("HT1-0412", 150, 25, 1_850), ("HT1-0907", 270, 100, 1_850)]),
        ("HIVRT2", "0600100000008", 10, [("HT2-0630", 200, 50, 2_400)]),
    ]

    /// Seeds the sample; does nothing (and returns false) when the database holds stock already.
    @discardableResult
    public func seed() throws -> Bool {
        let actor = Actor.shell(name: "demo")
        let stock = StockService(database: database, clock: clock)
        guard try stock.overview(by: actor).isEmpty else { return false }
        let suppliers = SupplierService(database: database, clock: clock)
        let today = CalendarDate(clock.now())
        try suppliers.add(name: "Demo Pharma Wholesale", contact: "Orders desk", phone: "012 345 6789", by: actor)
        for (code, body, level, batches) in Self.items {
            let gtin = body + String((0...9).first { GS1Scan.checkDigitValid(body + String($0)) }!)
            try stock.link(gtin: gtin, to: code, by: actor)
            try stock.updateItem(code, reorderLevel: String(level), by: actor)
            for (batch, days, units, cents) in batches {
                try stock.receive(
                    scan: "(01)\(gtin)", quantity: units, batch: batch, expiry: today.adding(days: days),
                    supplier: "Demo Pharma Wholesale", unitCost: Rands(cents: cents), by: actor)
            }
        }
        let assets = AssetService(database: database, clock: clock)
        for (type, make, model, serial, days) in [
            ("ECG machine", "Schiller", "AT-102", "ECG-0042", 20), ("Vaccine fridge", "Dometic", "TCW40", "FR-1187", 120),
            ("Glucometer", "Accu-Chek", "Instant", "GL-5521", 200),
        ] {
            try assets.register(
                [
                    "type": type, "make": make, "model": model, "serial": serial, "location": "Demo truck",
                    "next_service": today.adding(days: days).description,
                ], by: actor)
        }
        return true
    }
}
