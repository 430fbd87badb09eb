import ClinicDomain
import ClinicStore
import Foundation

/// Migrates an existing patient list: a CSV whose columns are the registration field ids
/// (surname, first_names, document_number, …). Each row is validated and registered like
/// a registration at the desk; a row already registered (same SA ID or membership) is
/// skipped, so re-running the import is harmless. Bad rows are reported by line.
public struct PatientImport: Sendable {
    let patients: PatientService

    public init(database: ClinicDatabase, clock: any Clock = SystemClock()) {
        patients = PatientService(database: database, clock: clock)
    }

    public func run(path: String, by actor: Actor, progress: ImportProgress = { _, _ in }) throws -> ImportReport {
        try actor.require(.patientWrite)
        var file = try CSVFile(path: path, required: ["surname", "first_names", "document_number"],
                               optional: PatientInput.fieldIDs)
        var report = ImportReport()
        var done = 0
        while let (line, row) = file.next() {
            done += 1
            if done % 500 == 0 { progress(done, file.rowCount) }
            do {
                _ = try patients.register(PatientInput(row), by: actor)
                report.imported += 1
            } catch PatientError.duplicate {
                report.skipped += 1
            } catch let error as PatientError {
                if case .invalid(let problems) = error {
                    report.problems.append(contentsOf: problems.problems.map { file.problem(line, $0.description) })
                } else {
                    report.problems.append(file.problem(line, error.description))
                }
            }
        }
        progress(done, file.rowCount)
        file.merge(into: &report)
        return report
    }
}
