import ClinicDomain
package import ClinicStore
import Foundation

/// The doctor's part of a visit as the sheet shows it: the note, its addenda and the
/// diagnoses with their titles.
public struct ConsultationSheet: Equatable, Sendable {
    /// Nil before a note is written.
    public let note: ConsultationNote?
    public let addenda: [Addendum]
    public let diagnoses: [DiagnosisLine]
}

/// The patient's last closed visit before this one, as the consultation shows it under the
/// banner: when, its diagnoses and what was prescribed (to repeat).
public struct PreviousVisit: Equatable, Sendable {
    public let visit: VisitCard
    public let diagnoses: [DiagnosisLine]
    public let prescriptions: [PrescriptionLine]
}

/// A dated, signed correction to a signed note.
public struct Addendum: Equatable, Sendable {
    public let text: String
    public let author: String
    public let at: Date

    package init(_ record: AddendumRecord) {
        text = record.text
        author = record.author
        at = record.at.date ?? .distantPast
    }
}

/// One diagnosis on a visit with the ICD-10 title it has in the list in use.
public struct DiagnosisLine: Equatable, Sendable {
    public let code: String
    public let isPrimary: Bool
    /// Empty when the code is no longer in the list.
    public let title: String
}

/// One code of the ICD-10 list, as the diagnosis picker offers it.
public struct ICD10Choice: Equatable, Sendable {
    public let code: String
    public let title: String
    public let validPrimary: Bool

    package init(_ record: ICD10Record) {
        code = record.code
        title = record.title
        validPrimary = record.validPrimary
    }
}

/// A medicine of the formulary as a picker or the stock screen shows it.
public struct Medicine: Equatable, Sendable {
    public let code: String
    public let genericName: String
    public let strength: String
    public let form: String
    /// What one dose unit is: tablet, capsule, ml, puff…
    public let unit: String

    package init(_ item: FormularyItem) {
        code = item.code
        genericName = item.genericName
        strength = item.strength
        form = item.form
        unit = item.unit
    }

    /// "Amoxicillin 500 mg capsule".
    public var description: String { [genericName, strength, form].filter { !$0.isEmpty }.joined(separator: " ") }
}

/// A prescription on a visit.
public struct PrescriptionLine: Equatable, Sendable {
    public let id: Int64
    public let itemCode: String
    public let description: String
    public let dose: Double
    public let frequency: DoseFrequency
    public let days: Int
    public let quantity: Int
    /// Why a conflict with a recorded allergy was overridden, nil without one.
    public let allergyOverride: String?
    public let prescribedBy: String
    /// Nil until the medicine is dispensed at closure.
    public let dispensedAt: Date?

    package init(_ record: PrescriptionRecord) {
        id = record.id ?? 0
        itemCode = record.itemCode
        description = record.description
        dose = record.dose
        frequency = record.frequency
        days = record.days
        quantity = record.quantity
        allergyOverride = record.allergyOverride
        prescribedBy = record.prescribedBy
        dispensedAt = record.dispensedAt?.date
    }
}

/// One counselling session's note as the counsellor reads it (opened, or the reason it
/// cannot be in brackets).
public struct CounsellingSession: Equatable, Sendable {
    /// The visit the session was held at.
    public let visitId: String
    public let sessionType: String
    public let notes: String
    public let outcome: String
    public let referral: String
    public let author: String
    public let at: Date

    package init(_ record: CounsellingRecord) {
        visitId = record.visitId
        sessionType = record.sessionType
        notes = record.notes
        outcome = record.outcome
        referral = record.referral
        author = record.author
        at = record.at.date ?? .distantPast
    }
}

/// A referral made at a visit, and where its letter was written when it was just made.
public struct ReferralMade: Equatable, Sendable {
    public let kind: ReferralKind
    public let destination: String
    public let urgency: ReferralUrgency
    public let reason: String
    public let referredBy: String
    public let referredAt: Date
    /// The letter's path; nil when listed later.
    public let letterPath: String?

    package init(_ record: ReferralRecord, letterPath: String?) {
        kind = record.kind
        destination = record.destination
        urgency = record.urgency
        reason = record.reason
        referredBy = record.referredBy
        referredAt = record.referredAt.date ?? .distantPast
        self.letterPath = letterPath
    }
}
