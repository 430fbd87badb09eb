import ClinicDomain
package import ClinicStore
import Foundation
internal import GRDB

/// Referrals out of a visit and their letters. Doctors refer from consultation, social
/// workers from counselling (both hold `referral.write`).
public struct ReferralService: Sendable {
    let database: ClinicDatabase
    let clock: any Clock

    package init(database: ClinicDatabase, clock: any Clock = SystemClock()) {
        self.database = database
        self.clock = clock
    }

    /// Records a referral and writes its letter as a 0600 text file in `folder`; returns the letter's path.
    public func refer(
        visitId: String, _ input: ReferralInput, letterFolder folder: String, by actor: Actor
    ) throws -> ReferralMade {
        try actor.require(.referralWrite)
        let (kind, destination, urgency, reason): (ReferralKind, String, ReferralUrgency, String)
        switch input.validate() {
        case .success(let values): (kind, destination, urgency, reason) = values
        case .failure(let problems): throw PatientError.invalid(problems)
        }
        let now = clock.now()
        let (record, letter, folderNumber) = try database.pool.write { db -> (ReferralRecord, String, String) in
            guard let visit = try VisitRepository.find(id: visitId, in: db),
                let patient = try PatientRepository.find(id: visit.patientId, in: db)
            else { throw VisitError.notFound }
            guard [.consultation, .counselling].contains(visit.stage) else { throw VisitError.notInStage(.consultation) }
            var record = ReferralRecord(
                visitId: visitId, kind: kind, destination: destination, urgency: urgency, reason: reason,
                by: actor.auditName, at: now)
            try record.insert(db)
            try AuditLog.append(
                actor: actor.auditName, action: .referralAdd, patientID: patient.id,
                detail: "\(kind.rawValue) to \(destination) (\(urgency.rawValue))", at: now, in: db)
            return (record, try Self.letter(record, visit: visit, patient: patient, in: db), patient.folderNumber)
        }
        try FileManager.default.createDirectory(
            atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let path = "\(folder)/referral-\(folderNumber)-\(CalendarDate(now))-\(record.id ?? 0).txt"
        guard FileManager.default.createFile(atPath: path, contents: Data(letter.utf8), attributes: [.posixPermissions: 0o600])
        else {
            throw VisitSummaryError(path: path)
        }
        return ReferralMade(record, letterPath: path)
    }

    /// The visit's referrals, oldest first.
    public func referrals(visitId: String, by actor: Actor) throws -> [ReferralMade] {
        try actor.require(.referralRead)
        return try database.pool.read { try ReferralRecord.all(of: visitId, in: $0) }.map { ReferralMade($0, letterPath: nil) }
    }

    /// The letter: patient, reason, allergies, latest vitals, diagnoses, medicines. No counselling notes.
    static func letter(_ referral: ReferralRecord, visit: VisitRecord, patient: PatientRecord, in db: Database) throws -> String {
        let site = try SettingsRepository.load(in: db).siteName
        var lines = [
            "REFERRAL LETTER — \(referral.urgency.rawValue.uppercased())",
            "From: \(site), \(try VisitSummary.staffName(referral.referredBy, in: db))",
            "To:   \(referral.destination) (\(referral.kind.rawValue))",
            "Date: \(VisitSummary.when(referral.referredAt))", "",
            "Patient: \(patient.displayName), born \(patient.dateOfBirth), \(patient.sex.title), folder \(patient.folderNumber)",
        ]
        if let membership = patient.membershipNumber { lines.append("Medical aid: \(membership)/\(patient.dependantCode ?? "")") }
        let allergies = try PatientRepository.background(of: patient.id, in: db).filter { $0.kind == .allergy }.map(\.text)
        lines.append("Allergies: " + (allergies.isEmpty ? "none recorded" : allergies.joined(separator: ", ")))
        lines += ["", "Reason for referral:", "  " + referral.reason, "", "Presenting complaint: \(visit.reason)"]
        if let vitals = try VisitRepository.vitals(of: visit.id, in: db).last {
            let v = vitals.vitals
            func show<T>(_ value: T?) -> String { value.map { "\($0)" } ?? "—" }
            lines.append(
                "Vitals: BP \(show(v.systolic))/\(show(v.diastolic)), pulse \(show(v.heartRate)), "
                    + "breathing \(show(v.respiratoryRate)), temp \(show(v.temperature)), SpO2 \(show(v.spO2))"
                    + (vitals.colour.map { ", triage \($0.rawValue)" } ?? ""))
        }
        let diagnoses = try ConsultationRepository.diagnoses(of: visit.id, in: db).map(\.code)
        if !diagnoses.isEmpty { lines.append("Diagnoses: " + diagnoses.joined(separator: ", ")) }
        let medicines = try FormularyRepository.prescriptions(of: visit.id, in: db).map { item in
            let unit = try FormularyRepository.item(code: item.itemCode, in: db)?.unit ?? ""
            let dosage = Dosage(dose: item.dose, frequency: item.frequency, days: item.days)
            return "\(item.description) — \(dosage.instructions(unit: unit, quantity: item.quantity))"
                + (item.dispensedAt == nil ? ", prescribed" : ", given")
        }
        if !medicines.isEmpty { lines += ["Medicines:"] + medicines.map { "  " + $0 } }
        lines += ["", "Signed: \(try VisitSummary.staffName(referral.referredBy, in: db))"]
        return lines.joined(separator: "\n") + "\n"
    }
}
