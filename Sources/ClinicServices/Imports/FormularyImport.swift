import ClinicDomain
package import ClinicStore
import Foundation

/// Extends the formulary from CSV: code, generic_name, strength, form, route, unit.
/// A row with an existing code replaces it; bad rows are reported by line. Applied in one
/// transaction, and the same file never twice (`ImportOnce`).
public struct FormularyImport: Sendable {
    let database: ClinicDatabase
    let clock: any Clock
    static let columns = ["code", "generic_name", "strength", "form", "route", "unit"]

    package init(database: ClinicDatabase, clock: any Clock = SystemClock()) {
        self.database = database
        self.clock = clock
    }

    public func run(path: String, by actor: Actor, progress: ImportProgress = { _, _ in }) throws -> ImportReport {
        try actor.require(.inventoryWrite)
        var file = try CSVFile(path: path, required: ["code", "generic_name", "form", "unit"], optional: ["strength", "route"])
        let once = try ImportOnce(database: database, clock: clock, kind: "formulary", path: path, by: actor)
        var report = ImportReport()
        var items: [FormularyItem] = []
        var done = 0
        while let (line, row) = file.next() {
            done += 1
            if let missing = ["code", "generic_name", "form", "unit"].first(where: { (row[$0] ?? "").isEmpty }) {
                report.problems.append(file.problem(line, "\(missing) is empty"))
                continue
            }
            items.append(
                FormularyItem(
                    code: row["code"]!.uppercased(), genericName: row["generic_name"]!, strength: row["strength"] ?? "",
                    form: row["form"]!, route: row["route"] ?? "oral", unit: row["unit"]!))
        }
        file.merge(into: &report)
        try once.finish(rows: done, action: .formularyImport, report: &report) {
            try FormularyRepository.upsert(items, in: $0)
            return items.count
        }
        progress(done, file.rowCount)
        return report
    }
}
