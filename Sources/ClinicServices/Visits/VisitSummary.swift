import ClinicDomain
package import ClinicStore
import Foundation
internal import GRDB

/// A plain-text summary of a visit to hand to the patient: who, when, why, vitals,
/// diagnoses and the plan, and the screening card (each result, what it means and what to
/// do next). Confidential counselling notes are never included; an HIV result only when the
/// member asks for it and the role may read it, else at most "HIV test done".
public struct VisitSummary: Sendable {
    let database: ClinicDatabase
    let clock: any Clock

    package init(database: ClinicDatabase, clock: any Clock = SystemClock()) {
        self.database = database
        self.clock = clock
    }

    /// The summary text; viewing it is audited like opening the record. `visitId` may also
    /// be a folder number, meaning that patient's latest visit.
    public func text(visitId: String, hivResult: Bool = false, by actor: Actor) throws -> String {
        try compose(visitId: visitId, hivResult: hivResult, by: actor).text
    }

    /// The summary and the patient's folder number (for the file name).
    private func compose(
        visitId: String, hivResult: Bool = false, by actor: Actor
    ) throws -> (text: String, fileName: String) {
        try actor.require(.patientRead)
        if hivResult { try actor.require(.screeningHIVRead) }
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
            lines +=
                try Self.vitals(of: visitId, in: db) + Self.diagnoses(of: visitId, in: db)
                + Self.medicines(of: visitId, in: db) + Self.plan(of: visitId, in: db)
                + Self.referrals(of: visitId, in: db) + Self.followUp(of: visit, in: db)
                + Self.screeningCard(
                    of: visitId, hivResult: hivResult, mood: actor.may(.vitalsWrite) || actor.may(.counsellingRead), in: db)
            lines += ["", "Printed \(Self.when(Timestamp(now))) by \(try Self.staffName(actor.auditName, in: db))."]
            try AuditLog.append(
                actor: actor.auditName, action: .visitSummary, patientID: patient.id, detail: visitId, at: now, in: db)
            // Named by the visit's day, so a summary printed again later is the same file.
            let day = visit.arrivedAt.date.map { CalendarDate($0).description } ?? "undated"
            return (lines.joined(separator: "\n") + "\n", "\(patient.folderNumber)-\(day)-\(visit.id.prefix(8)).txt")
        }
    }

    /// Writes the summary as a 0600 text file in `folder` (created if needed) and returns its path.
    public func write(visitId: String, into folder: String, by actor: Actor) throws -> String {
        let (text, fileName) = try compose(visitId: visitId, by: actor)
        try FileManager.default.createDirectory(
            atPath: folder, withIntermediateDirectories: true,
            attributes: [.posixPermissions: 0o700])
        let path = "\(folder)/\(fileName)"
        guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600])
        else {
            throw VisitSummaryError(path: path)
        }
        return path
    }

    /// The latest vital signs and the triage colour.
    static func vitals(of visitId: String, in db: Database) throws -> [String] {
        guard let vitals = try VisitRepository.vitals(of: visitId, in: db).last else { return [] }
        let v = vitals.vitals
        func show<T>(_ value: T?, _ unit: String) -> String { value.map { "\($0)\(unit)" } ?? "—" }
        return [
            "", "Vital signs (\(when(vitals.recordedAt))):",
            "  BP \(show(v.systolic, ""))/\(show(v.diastolic, " mmHg"))  pulse \(show(v.heartRate, "/min"))  "
                + "breathing \(show(v.respiratoryRate, "/min"))  temp \(show(v.temperature, " °C"))  SpO2 \(show(v.spO2, "%"))",
        ]
            + [
                [
                    v.weight.map { "weight \($0.plainText) kg" }, v.height.map { "height \($0.plainText) cm" },
                    v.bmi.map { "BMI " + String(format: "%.1f", $0) }, v.glucose.map { "glucose \($0.plainText) mmol/L" },
                    v.pain.map { "pain \($0)/10" },
                ].compactMap { $0 }.joined(separator: "  ")
            ].filter { !$0.isEmpty }.map { "  " + $0 }
            + (vitals.colour.map { ["  Triage: \($0.title)"] } ?? [])
    }

    static func diagnoses(of visitId: String, in db: Database) throws -> [String] {
        let diagnoses = try ConsultationRepository.diagnoses(of: visitId, in: db)
        guard !diagnoses.isEmpty else { return [] }
        return try ["", "Diagnoses:"]
            + diagnoses.map { diagnosis in
                let title = try ICD10Code(diagnosis.code).flatMap { try ICD10Repository.find($0, in: db) }?.title ?? ""
                return "  \(diagnosis.code)  \(title)\(diagnosis.isPrimary ? "  (main)" : "")"
            }
    }

    /// The medicines handed over, each with how to take it in words, then any prescribed
    /// here but not handed over (to get elsewhere).
    static func medicines(of visitId: String, in db: Database) throws -> [String] {
        let prescribed = try FormularyRepository.prescriptions(of: visitId, in: db)
        func lines(_ items: [PrescriptionRecord]) throws -> [String] {
            try items.map { item in
                let unit = try FormularyRepository.item(code: item.itemCode, in: db)?.unit ?? ""
                let dosage = Dosage(dose: item.dose, frequency: item.frequency, days: item.days)
                return "  \(item.description) — \(dosage.instructions(unit: unit, quantity: item.quantity))"
            }
        }
        let given = prescribed.filter { $0.dispensedAt != nil }, notGiven = prescribed.filter { $0.dispensedAt == nil }
        return try (given.isEmpty ? [] : ["", "Medicines given:"] + lines(given))
            + (notGiven.isEmpty
                ? [] : ["", "Prescribed, not dispensed here (get them at a pharmacy or clinic):"] + lines(notGiven))
    }

    static func plan(of visitId: String, in db: Database) throws -> [String] {
        guard let note = try ConsultationRepository.note(of: visitId, in: db), !note.plan.isEmpty else { return [] }
        return ["", "Plan and advice:", "  " + note.plan.replacingOccurrences(of: "\n", with: "\n  ")]
    }

    /// The screening card: each result with what it means and the next step; the HIV test
    /// as done, or with its result when the member asked for it.
    /// The mood and alcohol answers are printed only by a role that screens (`mood`); for
    /// others (the clerk at closure) the card says the screen was done.
    static func screeningCard(of visitId: String, hivResult: Bool, mood: Bool, in db: Database) throws -> [String] {
        let all = try ScreeningRepository.results(of: visitId, in: db).map(\.outcome)
        let moodTests: Set<ScreeningTest> = [.phq2, .phq9, .auditC]
        let results = mood ? all : all.filter { !moodTests.contains($0.test) }
        let hiv = try HIVTestRepository.test(of: visitId, in: db)
        guard !results.isEmpty || hiv != nil else { return [] }
        // A raised result the doctor has seen at this visit is not sent to the doctor again.
        let seen = try ConsultationRepository.note(of: visitId, in: db)?.signedAt != nil
        var lines = ["", "Screening:"]
        for outcome in results {
            let next = seen && outcome.nextStep == ScreenFinding.raised.nextStep ? "seen by the doctor today" : outcome.nextStep
            lines.append("  \(outcome.line)." + (outcome.finding == .normal ? "" : " Next: \(next)."))
        }
        if results.count < all.count {
            lines.append("  Mood and alcohol screen done (the nurse or social worker goes through it with you).")
        }
        if let hiv, hiv.consent == .given {
            lines.append(hivResult ? "  \(HIVTestView(hiv).line)." : "  HIV test done (the result is given to you in person).")
        }
        return lines
    }

    /// Where the patient was referred, why and how soon.
    static func referrals(of visitId: String, in db: Database) throws -> [String] {
        let referrals = try ReferralRecord.all(of: visitId, in: db)
        guard !referrals.isEmpty else { return [] }
        return ["", "Referred to:"]
            + referrals.map { "  \($0.destination) (\($0.urgency.rawValue)): \($0.reason)" }
    }

    /// The next booked appointment after the visit: date, time and place.
    static func followUp(of visit: VisitRecord, in db: Database) throws -> [String] {
        let after = visit.arrivedAt.date ?? .distantPast
        guard let next = try AppointmentService.nextBooked(patientId: visit.patientId, after: after, in: db),
            let starts = next.booking.startsAt
        else { return [] }
        return ["", "Next appointment: \(ClinicTime.dayText(starts)) at \(next.booking.slot), \(next.location)"]
    }

    /// "Tue 24 Nov 2026 10:30 SAST": a paper the patient keeps needs its year.
    static func when(_ timestamp: Timestamp) -> String {
        timestamp.date.map { ClinicTime.dayText($0) + " " + ClinicTime.clockText($0).suffix(5) + " SAST" } ?? timestamp.text
    }

    /// A member of staff as a letter names them: their full name, else the username.
    static func staffName(_ username: String, in db: Database) throws -> String {
        try UserRepository.find(username: username, in: db)?.fullName ?? username
    }
}

/// The summary file could not be written.
public struct VisitSummaryError: Error, CustomStringConvertible {
    public let path: String
    public var description: String { "Cannot write \(path) (folder missing or not writable)." }
}
