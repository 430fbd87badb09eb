import ClinicDomain
package import ClinicStore
import Foundation

/// Loads an ICD-10 list over the bundled subset: South Africa's Master Industry Table (the
/// MIT file as CSV: `ICD10_Code`, `WHO_Full_Desc`, `Valid_ICD10_Primary`,
/// `Valid_ICD10_Asterisk`, `Valid_ICD10_Dagger`, …) or a plain `code,title[,valid_primary]`
/// list. Columns it does not use are ignored and named once in the report. The same file is
/// never applied twice and a stopped import resumes (`ImportOnce`); bad rows are reported by line.
public struct ICD10Import: Sendable {
    let database: ClinicDatabase
    let clock: any Clock
    static let aliases = [
        "icd10_code": "code", "who_full_desc": "title", "description": "title",
        "valid_icd10_primary": "valid_primary", "valid_icd10_asterisk": "valid_asterisk",
        "valid_icd10_dagger": "valid_dagger",
    ]
    static let yes: Set = ["y", "yes", "true", "1"], no: Set = ["n", "no", "false", "0", ""]

    package init(database: ClinicDatabase, clock: any Clock = SystemClock()) {
        self.database = database
        self.clock = clock
    }

    public func run(path: String, by actor: Actor, progress: ImportProgress = { _, _ in }) throws -> ImportReport {
        try actor.require(.userAdmin)
        var file = try CSVFile(
            path: path, required: [], optional: ["code", "title", "valid_primary", "valid_asterisk", "valid_dagger"],
            aliases: Self.aliases, ignoringUnknown: true)
        guard file.columns.contains("code"), file.columns.contains("title") else {
            throw file.problem(1, "needs a code column (code or icd10_code) and a title column (title or who_full_desc)")
        }
        let once = try ImportOnce(database: database, clock: clock, kind: "icd10", path: path, by: actor)
        var report = ImportReport()
        if !file.ignored.isEmpty { report.notes.append("Ignored columns: \(file.ignored.joined(separator: ", ")).") }
        var batch: [ICD10Record] = []
        var done = 0
        while let (line, row) = file.next() {
            done += 1
            guard done > once.resumeAfter else { continue }
            let raw = row["code"] ?? "", title = (row["title"] ?? "").trimmingCharacters(in: .whitespaces)
            guard let code = ICD10Code(raw) else {
                report.problems.append(file.problem(line, "'\(raw)' is not an ICD-10 code"))
                continue
            }
            guard !title.isEmpty else {
                report.problems.append(file.problem(line, "\(code) has no title"))
                continue
            }
            var flags: [String: Bool] = [:]
            for (column, absent) in [("valid_primary", true), ("valid_asterisk", false), ("valid_dagger", false)] {
                let text = (row[column] ?? "").lowercased()
                guard Self.yes.contains(text) || Self.no.contains(text) else {
                    report.problems.append(file.problem(line, "\(column) must be Y or N, not '\(text)'"))
                    break
                }
                flags[column] = text.isEmpty ? absent : Self.yes.contains(text)
            }
            guard flags.count == 3 else { continue }
            batch.append(
                ICD10Record(
                    code: code.value, title: title, validPrimary: flags["valid_primary"]!,
                    validAsterisk: flags["valid_asterisk"]!, validDagger: flags["valid_dagger"]!, source: "import"))
            if batch.count == 5000 {
                try once.step(reaching: done) { try ICD10Repository.upsert(batch, in: $0) }
                report.imported += batch.count
                batch.removeAll(keepingCapacity: true)
                progress(done, file.rowCount)
            }
        }
        file.merge(into: &report)
        try once.finish(rows: done, action: .icd10Import, report: &report) {
            try ICD10Repository.upsert(batch, in: $0)
            return batch.count
        }
        progress(done, file.rowCount)
        return report
    }
}
