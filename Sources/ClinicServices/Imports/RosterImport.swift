import ClinicDomain
import ClinicStore
import Foundation
import GRDB

/// Loads the scheme's member roster CSV: membership_number, dependant_code, surname,
/// first_names, date_of_birth, sa_id, status, option. Re-importing the same file changes
/// nothing; a newer file updates statuses. Bad rows are reported with their line and skipped.
public struct RosterImport: Sendable {
    let database: ClinicDatabase
    let clock: any Clock
    static let required = ["membership_number", "dependant_code", "surname", "first_names", "status"]
    static let optional = ["date_of_birth", "sa_id", "option"]
    /// Rows written per transaction: large enough to be fast, small enough to bound memory.
    static let batchSize = 5000

    public init(database: ClinicDatabase, clock: any Clock = SystemClock()) {
        self.database = database
        self.clock = clock
    }

    public func run(path: String, by actor: Actor, progress: ImportProgress = { _, _ in }) throws -> ImportReport {
        try actor.require(.patientWrite)
        var file = try CSVFile(path: path, required: Self.required, optional: Self.optional)
        var report = ImportReport()
        var batch: [RosterMember] = []
        let now = Timestamp.string(clock.now())
        let today = CalendarDate(clock.now())
        var done = 0
        while let (line, row) = file.next() {
            done += 1
            switch member(from: row, importedAt: now, today: today) {
            case .success(let member): batch.append(member)
            case .failure(let problem): report.problems.append(file.problem(line, problem.message))
            }
            if batch.count == Self.batchSize {
                report.imported += try write(batch)
                batch.removeAll(keepingCapacity: true)
                progress(done, file.rowCount)
            }
        }
        report.imported += try write(batch)
        report.skipped = done - report.imported - report.problems.count
        file.merge(into: &report)
        progress(done, file.rowCount)
        let summary = report.description
        try database.pool.write { db in
            _ = try AuditLog.append(actor: actor.auditName, action: "roster.import", detail: "\(file.name): \(summary)",
                                at: clock.now(), in: db)
        }
        return report
    }

    /// Upserts the rows that are new or changed; returns how many that was.
    private func write(_ members: [RosterMember]) throws -> Int {
        guard !members.isEmpty else { return 0 }
        return try database.pool.write { try PatientRepository.upsertRoster(members, in: $0) }
    }

    private func member(from row: [String: String], importedAt: String, today: CalendarDate) -> Result<RosterMember, RowProblem> {
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
            do { _ = try SAIDNumber(saID, today: today, dateOfBirth: CalendarDate(iso: dateOfBirth)) } catch { return .failure(RowProblem(error.description)) }
        }
        return .success(RosterMember(membershipNumber: row["membership_number"]!, dependantCode: dependant,
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
