import ClinicDomain
package import ClinicStore
import Foundation
internal import GRDB

/// Loads the scheme's member roster CSV: membership_number, dependant_code, surname,
/// first_names, date_of_birth, sa_id, status, option. The same file is never applied twice
/// (`ImportOnce`: refused, saying when); a newer file updates statuses; a stopped import
/// resumes where it stopped. Bad rows are reported with their line and skipped.
public struct RosterImport: Sendable {
    let database: ClinicDatabase
    let clock: any Clock
    static let required = ["membership_number", "dependant_code", "surname", "first_names", "status"]
    static let optional = ["date_of_birth", "sa_id", "option"]
    /// Rows written per transaction: large enough to be fast, small enough to bound memory.
    static let batchSize = 5000

    package init(database: ClinicDatabase, clock: any Clock = SystemClock()) {
        self.database = database
        self.clock = clock
    }

    public func run(path: String, by actor: Actor, progress: ImportProgress = { _, _ in }) throws -> ImportReport {
        try actor.require(.patientWrite)
        var file = try CSVFile(path: path, required: Self.required, optional: Self.optional)
        let once = try ImportOnce(database: database, clock: clock, kind: "roster", path: path, by: actor)
        var report = ImportReport()
        var batch: [RosterMember] = []
        let now = Timestamp(clock.now())
        let today = CalendarDate(clock.now())
        var done = 0
        while let (line, row) = file.next() {
            done += 1
            guard done > once.resumeAfter else { continue }
            switch member(from: row, importedAt: now, today: today) {
            case .success(let member): batch.append(member)
            case .failure(let problem): report.problems.append(file.problem(line, problem.message))
            }
            if batch.count == Self.batchSize {
                try once.step(reaching: done) { report.imported += try PatientRepository.upsertRoster(batch, in: $0) }
                batch.removeAll(keepingCapacity: true)
                progress(done, file.rowCount)
            }
        }
        let rowProblems = report.problems.count
        file.merge(into: &report)
        try once.finish(rows: done, action: .rosterImport, report: &report, { try PatientRepository.upsertRoster(batch, in: $0) })
        {
            $0.skipped = done - once.resumeAfter - $0.imported - rowProblems
        }
        progress(done, file.rowCount)
        return report
    }

    private func member(
        from row: [String: String], importedAt: Timestamp, today: CalendarDate
    ) -> Result<RosterMember, RowProblem> {
        for column in Self.required where (row[column] ?? "").isEmpty {
            return .failure(RowProblem("\(column) is empty"))
        }
        let dependant = row["dependant_code"]!
        guard dependant.count == 2, dependant.allSatisfy(\.isNumber) else {
            return .failure(RowProblem("dependant_code must be two digits, not '\(dependant)'"))
        }
        let dateOfBirth = row["date_of_birth"] ?? ""
        if !dateOfBirth.isEmpty && CalendarDate(iso: dateOfBirth) == nil {
            return .failure(RowProblem("date_of_birth '\(dateOfBirth)' is not a real date (YYYY-MM-DD)"))
        }
        let saID = row["sa_id"] ?? ""
        if !saID.isEmpty {
            do { _ = try SAIDNumber(saID, today: today, dateOfBirth: CalendarDate(iso: dateOfBirth)) } catch {
                return .failure(RowProblem(error.description))
            }
        }
        return .success(
            RosterMember(
                membershipNumber: row["membership_number"]!, dependantCode: dependant,
                surname: row["surname"]!, firstNames: row["first_names"]!,
                dateOfBirth: dateOfBirth.isEmpty ? nil : dateOfBirth, saID: saID.isEmpty ? nil : saID,
                status: row["status"]!.lowercased(), option: row["option"] ?? "", importedAt: importedAt))
    }
}

/// The reason one import row was rejected.
struct RowProblem: Error {
    let message: String
    init(_ message: String) { self.message = message }
}
