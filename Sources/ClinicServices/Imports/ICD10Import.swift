import ClinicDomain
import ClinicStore
import Foundation

/// Loads an ICD-10 list (e.g. South Africa's WHO-based MIT file exported to CSV) over the
/// bundled subset. Columns: `code`, `title`, optional `valid_primary` (Y/N, true/false);
/// the MIT file's own headings `icd10_code`, `who_full_desc` and `valid_primary` are
/// understood too. Re-importing the same file is harmless; bad rows are reported by line.
public struct ICD10Import: Sendable {
    let database: ClinicDatabase
    let clock: any Clock
    static let aliases = ["icd10_code": "code", "who_full_desc": "title", "description": "title"]

    public init(database: ClinicDatabase, clock: any Clock = SystemClock()) {
        self.database = database
        self.clock = clock
    }

    public func run(path: String, by actor: Actor, progress: ImportProgress = { _, _ in }) throws -> ImportReport {
        try actor.require(.userAdmin)
        var file = try CSVFile(path: path, required: [], optional: ["code", "title", "valid_primary"] + Self.aliases.keys,
                               aliases: Self.aliases)
        guard file.columns.contains("code"), file.columns.contains("title") else {
            throw file.problem(1, "needs a code column (code or icd10_code) and a title column (title or who_full_desc)")
        }
        var report = ImportReport()
        var batch: [ICD10Record] = []
        var done = 0
        func flush() throws {
            guard !batch.isEmpty else { return }
            try database.pool.write { try ICD10Repository.upsert(batch, in: $0) }
            report.imported += batch.count
            batch.removeAll(keepingCapacity: true)
            progress(done, file.rowCount)
        }
        while let (line, row) = file.next() {
            done += 1
            let raw = row["code"] ?? "", title = (row["title"] ?? "").trimmingCharacters(in: .whitespaces)
            guard let code = ICD10Code(raw) else {
                report.problems.append(file.problem(line, "'\(raw)' is not an ICD-10 code"))
                continue
            }
            guard !title.isEmpty else {
                report.problems.append(file.problem(line, "\(code) has no title"))
                continue
            }
            let primary = (row["valid_primary"] ?? "y").lowercased()
            guard ["y", "yes", "true", "1", "n", "no", "false", "0", ""].contains(primary) else {
                report.problems.append(file.problem(line, "valid_primary must be Y or N, not '\(primary)'"))
                continue
            }
            batch.append(ICD10Record(code: code.value, title: title,
                                     validPrimary: !["n", "no", "false", "0"].contains(primary), source: "import"))
            if batch.count == 5000 { try flush() }
        }
        try flush()
        let summary = report.description
        try database.pool.write { db in
            _ = try AuditLog.append(actor: actor.auditName, action: "icd10.import", detail: "\(file.name): \(summary)",
                                    at: clock.now(), in: db)
        }
        return report
    }
}
