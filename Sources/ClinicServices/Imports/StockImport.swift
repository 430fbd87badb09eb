import ClinicDomain
package import ClinicStore
import Foundation
internal import GRDB

/// The first load of a truck's stock from CSV: item_code, gtin, batch, expiry, quantity,
/// and optionally reorder_level, nappi, supplier, unit_cost. Each good row links the GTIN and
/// receives the batch like a scan (adding a supplier the first time its name appears).
/// The file is applied whole or not at all, in one transaction: any rejected row (reported
/// by line) leaves the stock as it was, and so does a killed import. The file's SHA-256 is
/// recorded with it (of its rows, not its bytes: `ImportedFiles.digest(ofRows:)`), so running the
/// same file again, or a copy with blank lines or columns moved, is refused instead of receiving twice.
public struct StockImport: Sendable {
    let database: ClinicDatabase
    let clock: any Clock

    package init(database: ClinicDatabase, clock: any Clock = SystemClock()) {
        self.database = database
        self.clock = clock
    }

    public func run(path: String, by actor: Actor, progress: ImportProgress = { _, _ in }) throws -> ImportReport {
        try actor.require(.inventoryWrite)
        var file = try CSVFile(
            path: path, required: ["item_code", "gtin", "batch", "expiry", "quantity"],
            optional: ["reorder_level", "nappi", "supplier", "unit_cost"])
        let name = (path as NSString).lastPathComponent
        var report = ImportReport()
        do {
            try database.pool.write { db in
                let now = clock.now()
                let digest: String
                (report, digest) = try apply(&file, by: actor, at: now, in: db, progress: progress)
                // Rolled back whole, thrown out of the transaction, when these rows came before
                // or a row was rejected.
                if let earlier = try ImportedFiles.find(digest, kind: "stock", in: db) {
                    throw ImportRefusal.alreadyApplied(path: path, PriorImport(earlier))
                }
                guard report.problems.isEmpty else { throw RejectedRows() }
                try ImportedFiles.record(
                    digest, kind: "stock", name: name, rows: report.imported, actor: actor.auditName, at: now, in: db)
                try AuditLog.append(
                    actor: actor.auditName, action: .stockImport,
                    detail: "\(name) (sha256 \(digest.prefix(16))…): \(report.imported) rows received", at: now, in: db)
            }
        } catch is RejectedRows {
            report.notes.append(
                "Nothing was received: the file is applied whole or not at all. Fix the rows above and run it again.")
            report.imported = 0
            try auditRefusal(name, "\(report.problems.count) rows rejected, nothing received", by: actor)
        } catch let refusal as ImportRefusal {
            try auditRefusal(name, "imported already, nothing received", by: actor)
            throw refusal
        }
        return report
    }

    /// A refused import is in the audit log too, after its transaction was rolled back.
    private func auditRefusal(_ name: String, _ why: String, by actor: Actor) throws {
        try database.pool.write { db in
            _ = try AuditLog.append(
                actor: actor.auditName, action: .stockImportRefused, detail: "\(name): \(why)", at: clock.now(), in: db)
        }
    }

    private struct RejectedRows: Error {}

    /// Every row of the file, inside the import's transaction; the rejected rows are reported.
    /// Also returns the digest of the rows read (`ImportedFiles.digest(ofRows:)`).
    private func apply(
        _ file: inout CSVFile, by actor: Actor, at now: Date, in db: Database,
        progress: ImportProgress
    ) throws -> (ImportReport, String) {
        var report = ImportReport()
        var done = 0, rows: [[String: String]] = []
        while let (line, row) = file.next() {
            done += 1
            rows.append(row)
            if done % 500 == 0 { progress(done, file.rowCount) }
            do {
                try db.inSavepoint {
                    try receive(row, by: actor, at: now, in: db)
                    return .commit
                }
                report.imported += 1
            } catch let problems as FieldProblems {
                report.problems.append(file.problem(line, problems.problems.map(\.message).joined(separator: "; ")))
            } catch let error as DatabaseError where error.resultCode != .SQLITE_CONSTRAINT {
                throw error  // busy, full, damaged: the whole file stops, nothing applied
            } catch let error as DatabaseError {
                report.problems.append(file.problem(line, userMessage(error)))
            } catch {
                report.problems.append(file.problem(line, "\(error)"))
            }
        }
        progress(done, file.rowCount)
        file.merge(into: &report)
        return (report, ImportedFiles.digest(ofRows: rows))
    }

    /// One row, checked whole before anything is written: link, item settings, supplier, receipt.
    private func receive(_ row: [String: String], by actor: Actor, at now: Date, in db: Database) throws {
        let quantityText = (row["quantity"] ?? "").trimmingCharacters(in: .whitespaces)
        guard let quantity = TypedNumber.integer(quantityText) else {
            // All digits yet no number: too many digits for any count.
            if !quantityText.isEmpty, quantityText.allSatisfy(\.isASCII), quantityText.allSatisfy(\.isNumber) {
                throw StockError.tooLarge(quantityText)
            }
            throw StockError.notPositive
        }
        try StockRules.check(units: quantity)
        guard let expiry = CalendarDate(iso: row["expiry"] ?? "") else {
            throw FieldProblems([FieldProblem("expiry", "expiry must be a real date YYYY-MM-DD")])
        }
        guard expiry >= CalendarDate(now) else { throw StockError.expiryInPast(expiry) }
        let code = (row["item_code"] ?? "").uppercased(), typedGTIN = row["gtin"] ?? ""
        guard let gtin = GS1Scan.gtin14(typedGTIN), GS1Scan.checkDigitValid(gtin) else {
            throw ScanError.scan(.badCheckDigit(typedGTIN))
        }
        let batch = (row["batch"] ?? "").trimmingCharacters(in: .whitespaces)
        guard !batch.isEmpty else { throw FieldProblems([FieldProblem("batch", "batch is required")]) }
        let nappi = (row["nappi"] ?? "").trimmingCharacters(in: .whitespaces), costText = row["unit_cost"] ?? ""
        let level = try StockService.checkItemSettings(nappi: nappi, reorderLevel: row["reorder_level"] ?? "")
        let unitCost = Rands(typed: costText)
        guard costText.isEmpty || unitCost != nil else {
            throw FieldProblems([FieldProblem("unit_cost", "unit_cost must be an amount in rand, e.g. 12.50")])
        }
        let scan: GS1Scan
        do { scan = try GS1Scan("(01)\(gtin)", today: CalendarDate(now)) } catch { throw ScanError.scan(error) }
        try StockService.link(gtin: gtin, to: code, by: actor, at: now, in: db)
        try StockService.updateItem(code, nappi: nappi, reorderLevel: level, storageNote: nil, by: actor, at: now, in: db)
        let supplier = (row["supplier"] ?? "").trimmingCharacters(in: .whitespaces)
        if !supplier.isEmpty { try SupplierService.ensure(supplier, by: actor, at: now, in: db) }
        _ = try StockService.receive(
            .init(
                pack: .gtin(scan.gtin), quantity: quantity, batch: batch, expiry: expiry, supplier: supplier,
                unitCost: unitCost), by: actor, at: now, in: db)
    }

    /// Stock on hand per batch as CSV (item, batch, expiry, on hand), for the office.
    public func report(by actor: Actor) throws -> String {
        try actor.require(.inventoryRead)
        let rows = try database.pool.read { try StockRepository.onHandReport(in: $0) }
        let header = "item_code,generic_name,strength,form,nappi,batch,expiry,on_hand"
        return ([header] + rows.map(CSVText.line)).joined(separator: "\n") + "\n"
    }
}
