import ClinicDomain
package import ClinicStore
import Foundation

/// Migrates an existing patient list: a CSV whose columns are the registration field ids
/// (surname, first_names, document_number, …). Each row is validated and registered like
/// a registration at the desk (each in its own transaction); a row already registered (same
/// SA ID or membership) is skipped. The same file is never applied twice; a stopped import
/// resumes near where it stopped (`ImportOnce`, noted every 500 rows: the rows between are
/// found registered and skipped). Bad rows are reported by line.
public struct PatientImport: Sendable {
    let patients: PatientService
    let database: ClinicDatabase
    let clock: any Clock

    package init(database: ClinicDatabase, clock: any Clock = SystemClock()) {
        patients = PatientService(database: database, clock: clock)
        self.database = database
        self.clock = clock
    }

    public func run(path: String, by actor: Actor, progress: ImportProgress = { _, _ in }) throws -> ImportReport {
        try actor.require(.patientWrite)
        var file = try CSVFile(
            path: path, required: ["surname", "first_names", "document_number"],
            optional: PatientField.ids)
        let once = try ImportOnce(database: database, clock: clock, kind: "patients", path: path, by: actor)
        var report = ImportReport()
        var done = 0
        while let (line, row) = file.next() {
            done += 1
            guard done > once.resumeAfter else { continue }
            if done % 500 == 0 {
                try once.step(reaching: done - 1) { _ in }
                progress(done, file.rowCount)
            }
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
        file.merge(into: &report)
        try once.finish(rows: done, action: .patientsImport, report: &report)
        progress(done, file.rowCount)
        return report
    }
}
