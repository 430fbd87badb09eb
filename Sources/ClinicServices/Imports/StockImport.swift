import ClinicDomain
import ClinicStore
import Foundation
import GRDB

/// The first load of a truck's stock from CSV: item_code, gtin, batch, expiry, quantity,
/// and optionally reorder_level, nappi, supplier, unit_cost. Each good row links the GTIN and
/// receives the batch like a scan (adding a supplier the first time its name appears);
/// expired, unknown or malformed rows are reported by line and leave nothing behind.
public struct StockImport: Sendable {
    let database: ClinicDatabase
    let clock: any Clock

    public init(database: ClinicDatabase, clock: any Clock = SystemClock()) {
        self.database = database
        self.clock = clock
    }

    public func run(path: String, by actor: Actor, progress: ImportProgress = { _, _ in }) throws -> ImportReport {
        try actor.require(.inventoryWrite)
        var file = try CSVFile(path: path, required: ["item_code", "gtin", "batch", "expiry", "quantity"],
                               optional: ["reorder_level", "nappi", "supplier", "unit_cost"])
        let stock = StockService(database: database, clock: clock)
        let suppliers = SupplierService(database: database, clock: clock)
        var report = ImportReport()
        var done = 0
        while let (line, row) = file.next() {
            done += 1
            if done % 500 == 0 { progress(done, file.rowCount) }
            do {
                // Check the whole row first, so that a rejected row writes nothing.
                guard let quantity = TypedNumber.integer(row["quantity"] ?? ""), quantity > 0 else { throw StockError.notPositive }
                guard let expiry = CalendarDate(iso: row["expiry"] ?? "") else {
                    throw FieldProblems([FieldProblem("expiry", "expiry must be a real date YYYY-MM-DD")])
                }
                guard expiry >= CalendarDate(clock.now()) else { throw StockError.expiryInPast(expiry) }
                let code = (row["item_code"] ?? "").uppercased(), gtin = row["gtin"] ?? ""
                guard gtin.count == 14, GS1Scan.checkDigitValid(gtin) else { throw ScanError.scan(.badCheckDigit(gtin)) }
                guard !(row["batch"] ?? "").trimmingCharacters(in: .whitespaces).isEmpty else {
                    throw FieldProblems([FieldProblem("batch", "batch is required")])
                }
                let nappi = row["nappi"] ?? "", levelText = row["reorder_level"] ?? "", costText = row["unit_cost"] ?? ""
                _ = try StockService.checkItemSettings(nappi: nappi, reorderLevel: levelText)
                let unitCost = Rands(typed: costText)
                guard costText.isEmpty || unitCost != nil else {
                    throw FieldProblems([FieldProblem("unit_cost", "unit_cost must be an amount in rand, e.g. 12.50")])
                }
                try stock.link(gtin: gtin, to: code, by: actor)
                try stock.updateItem(code, nappi: nappi, reorderLevel: levelText, by: actor)
                let supplier = (row["supplier"] ?? "").trimmingCharacters(in: .whitespaces)
                if !supplier.isEmpty { try suppliers.ensure(supplier, by: actor) }
                try stock.receive(scan: "(01)\(gtin)", quantity: quantity, batch: row["batch"], expiry: expiry,
                                  supplier: supplier, unitCost: unitCost, by: actor)
                report.imported += 1
            } catch let problems as FieldProblems {
                report.problems.append(file.problem(line, problems.problems.map(\.message).joined(separator: "; ")))
            } catch {
                report.problems.append(file.problem(line, "\(error)"))
            }
        }
        progress(done, file.rowCount)
        return report
    }

    /// Stock on hand per batch as CSV (item, batch, expiry, on hand), for the office.
    public func report(by actor: Actor) throws -> String {
        try actor.require(.inventoryRead)
        let rows = try database.pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT f.code, f.genericName, f.strength, f.form, s.nappi, b.batchNumber, b.expiry,
                       (SELECT COALESCE(SUM(quantity), 0) FROM movement WHERE batchId = b.id) AS onHand
                FROM batch b JOIN stockItem s ON s.code = b.itemCode JOIN formularyItem f ON f.code = b.itemCode
                ORDER BY f.genericName, b.expiry
                """)
        }
        var lines = ["item_code,generic_name,strength,form,nappi,batch,expiry,on_hand"]
        for row in rows {
            let values: [String] = [row["code"], row["genericName"], row["strength"], row["form"], row["nappi"], row["batchNumber"], row["expiry"]]
            lines.append(CSVText.line(values + [String(row["onHand"] as Int)]))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
