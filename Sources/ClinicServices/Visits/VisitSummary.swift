import ClinicDomain
package import ClinicStore
import Foundation
internal import GRDB

/// A plain-text summary of a visit to hand to the patient: who, when, why, vitals,
/// diagnoses and the plan. Confidential counselling notes are never included.
public struct VisitSummary: Sendable {
    let database: ClinicDatabase
    let clock: any Clock

    package init(database: ClinicDatabase, clock: any Clock = SystemClock()) {
        self.database = database
        self.clock = clock
    }

    /// The summary text; viewing it is audited like opening the record. `visitId` may also
    /// be a folder number, meaning that patient's latest visit.
    public func text(visitId: String, by actor: Actor) throws -> String {
        try compose(visitId: visitId, by: actor).text
    }

    /// The summary and the patient's folder number (for the file name).
    private func compose(visitId: String, by actor: Actor) throws -> (text: String, folderNumber: String) {
        try actor.require(.patientRead)
        let now = clock.now()
        return try database.pool.write { db in
            let byFolder = try PatientRepository.find(folderNumber: visitId.uppercased(), in: db)
                .flatMap { try VisitRepository.visits(of: $0.id, in: db).first }
            guard let visit = try byFolder ?? VisitRepository.find(id: visitId, in: db),
                let patient = try PatientRepository.find(id: visit.patientId, in: db)
            else { throw VisitError.notFound }
            let visitId = visit.id
            let settings = try SettingsRepository.load(in: db)
            var lines = [
                "VISIT SUMMARY — \(settings.siteName)", String(repeating: "=", count: 60),
                "Patient:   \(patient.displayName)  (folder \(patient.folderNumber))",
                "Born:      \(patient.dateOfBirth)   Sex: \(patient.sex.title)",
                "Visit:     \(Self.when(visit.arrivedAt))   Status: \(visit.stage.rawValue)",
                "Reason:    \(visit.reason)",
            ]
            let allergies = try PatientRepository.background(of: patient.id, in: db).filter { $0.kind == .allergy }.map(\.text)
            lines.append("Allergies: " + (allergies.isEmpty ? "none recorded" : allergies.joined(separator: ", ")))
            if let vitals = try VisitRepository.vitals(of: visitId, in: db).last {
                let v = vitals.vitals
                func show<T>(_ value: T?, _ unit: String) -> String { value.map { "\($0)\(unit)" } ?? "—" }
                lines += [
                    "", "Vital signs (\(Self.when(vitals.recordedAt))):",
                    "  BP \(show(v.systolic, ""))/\(show(v.diastolic, " mmHg"))  pulse \(show(v.heartRate, "/min"))  "
                        + "breathing \(show(v.respiratoryRate, "/min"))  temp \(show(v.temperature, " °C"))  SpO2 \(show(v.spO2, "%"))",
                ]
                if let colour = vitals.colour { lines.append("  Triage: \(colour.title)") }
            }
            let diagnoses = try ConsultationRepository.diagnoses(of: visitId, in: db)
            if !diagnoses.isEmpty {
                lines += ["", "Diagnoses:"]
                for diagnosis in diagnoses {
                    let title = try ICD10Code(diagnosis.code).flatMap { try ICD10Repository.find($0, in: db) }?.title ?? ""
                    lines.append("  \(diagnosis.code)  \(title)\(diagnosis.isPrimary ? "  (main)" : "")")
                }
            }
            if let note = try ConsultationRepository.note(of: visitId, in: db), !note.plan.isEmpty {
                lines += ["", "Plan and advice:", "  " + note.plan.replacingOccurrences(of: "\n", with: "\n  ")]
            }
            lines += ["", "Printed \(ClinicTime.clockText(now)) SAST by \(actor.auditName)."]
            try AuditLog.append(
                actor: actor.auditName, action: .visitSummary, patientID: patient.id, detail: visitId, at: now, in: db)
            return (lines.joined(separator: "\n") + "\n", patient.folderNumber)
        }
    }

    /// Writes the summary as a 0600 text file in `folder` (created if needed) and returns its path.
    public func write(visitId: String, into folder: String, by actor: Actor) throws -> String {
        let (text, folderNumber) = try compose(visitId: visitId, by: actor)
        try FileManager.default.createDirectory(
            atPath: folder, withIntermediateDirectories: true,
            attributes: [.posixPermissions: 0o700])
        let path = "\(folder)/\(folderNumber)-\(CalendarDate(clock.now()))-\(visitId.prefix(8)).txt"
        guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600])
        else {
            throw VisitSummaryError(path: path)
        }
        return path
    }

    static func when(_ timestamp: Timestamp) -> String {
        timestamp.date.map { ClinicTime.clockText($0) + " SAST" } ?? timestamp.text
    }
}

/// The summary file could not be written.
public struct VisitSummaryError: Error, CustomStringConvertible {
    public let path: String
    public var description: String { "Cannot write \(path) (folder missing or not writable)." }
}
