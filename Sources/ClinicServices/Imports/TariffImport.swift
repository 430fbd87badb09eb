import ClinicDomain
package import ClinicStore
import Foundation

/// The screening tariffs from the CSV finance keeps (`test, tariff_code, description`):
/// `test` is a screening test (glucose, bp, cholesterol, waist, bmi, tb, phq2, phq9, auditc)
/// or `hiv`. The file replaces every tariff, in one transaction, and only when every line
/// is right: a bad line is named `FILE:LINE: reason` and nothing changes.
public struct TariffImport: Sendable {
    let database: ClinicDatabase
    let clock: any Clock

    package init(database: ClinicDatabase, clock: any Clock = SystemClock()) {
        self.database = database
        self.clock = clock
    }

    /// The tests a tariff may be given.
    public static let tests = ScreeningTest.allCases.map(\.rawValue) + ["hiv"]

    public func run(path: String, by actor: Actor, progress: ImportProgress = { _, _ in }) throws -> ImportReport {
        try actor.require(.reportFinance)
        var file = try CSVFile(path: path, required: ["test", "tariff_code", "description"], optional: [])
        var report = ImportReport()
        var tariffs: [String: ScreeningTariff] = [:]
        while let (line, row) = file.next() {
            let test = (row["test"] ?? "").lowercased(), code = row["tariff_code"] ?? ""
            if !Self.tests.contains(test) {
                report.problems.append(
                    file.problem(line, "unknown test '\(test)' (known: \(Self.tests.joined(separator: ", ")))"))
            } else if code.isEmpty {
                report.problems.append(file.problem(line, "tariff_code is empty"))
            } else if tariffs[test] != nil {
                report.problems.append(file.problem(line, "\(test) is given a tariff twice"))
            } else {
                tariffs[test] = ScreeningTariff(test: test, code: code, description: row["description"] ?? "")
            }
        }
        file.merge(into: &report)
        progress(file.rowCount, file.rowCount)
        guard report.problems.isEmpty else { return report }
        let now = clock.now()
        try database.pool.write { db in
            try TariffRepository.replace(with: Array(tariffs.values), in: db)
            try AuditLog.append(
                actor: actor.auditName, action: .tariffImport, detail: "\(tariffs.count.counted("tariff")) from \(file.name)",
                at: now, in: db)
        }
        report.imported = tariffs.count
        return report
    }
}
