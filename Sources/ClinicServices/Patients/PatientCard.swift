import ClinicDomain
package import ClinicStore
import Foundation

/// A patient as the screens show them: demographics, identity, status and the version an
/// edit is based on.
public struct PatientCard: Equatable, Sendable {
    public let id: String
    /// Per-site folder number, e.g. `T03-000042`.
    public let folderNumber: String
    /// The demographics as validated at registration or the last edit.
    public let details: PatientDetails
    /// Nil when the stored date of birth cannot be read (an imported row).
    public let dateOfBirth: CalendarDate?
    public let active: Bool
    /// Why the record was last deactivated or reactivated.
    public let statusReason: String?
    /// Bumped by every save; an edit based on an older version is a conflict.
    public let version: Int
    /// Who saved the record last.
    public let updatedBy: String

    package init(_ record: PatientRecord) {
        id = record.id
        folderNumber = record.folderNumber
        details = record.details
        dateOfBirth = CalendarDate(iso: record.dateOfBirth)
        active = record.active
        statusReason = record.statusReason
        version = record.version
        updatedBy = record.updatedBy
    }

    public var surname: String { details.surname }
    public var firstNames: String { details.firstNames }
    public var sex: Sex { details.sex }
    public var documentType: IdentityDocument { details.documentType }
    public var documentNumber: String { details.documentNumber }
    public var phone: String? { details.phone }
    public var address: String { details.address }
    public var province: Province? { details.province }
    public var language: String { details.language }
    public var nextOfKin: String { details.nextOfKin }
    public var nextOfKinPhone: String? { details.nextOfKinPhone }
    public var membershipNumber: String? { details.membershipNumber }
    public var dependantCode: String? { details.dependantCode }
    public var mainMemberFolder: String? { details.mainMemberFolder }

    /// "NDLOVU, Sipho".
    public var displayName: String { "\(surname.uppercased()), \(firstNames)" }

    /// Membership as shown: `11223344/00`, empty without one.
    public var membershipText: String {
        guard let membershipNumber else { return "" }
        return membershipNumber + "/" + (dependantCode ?? "")
    }

    /// Whole years on `today`, nil without a readable date of birth.
    public func age(on today: CalendarDate) -> Int? { dateOfBirth?.age(on: today) }
}

/// One line of a patient search or a duplicate review.
public struct PatientRow: Equatable, Sendable {
    public let id: String
    public let folderNumber: String
    public let surname: String
    public let firstNames: String
    public let sex: Sex
    public let dateOfBirth: CalendarDate?
    public let saID: String?
    public let membershipNumber: String?
    public let dependantCode: String?
    public let active: Bool
    /// When the patient's latest visit started, nil before their first.
    public let lastVisit: Date?

    package init(_ summary: PatientSummary) {
        id = summary.id
        folderNumber = summary.folderNumber
        surname = summary.surname
        firstNames = summary.firstNames
        sex = summary.sex
        dateOfBirth = CalendarDate(iso: summary.dateOfBirth)
        saID = summary.saID
        membershipNumber = summary.membershipNumber
        dependantCode = summary.dependantCode
        active = summary.active
        lastVisit = summary.lastVisit.flatMap(Timestamp.date)
    }

    /// "NDLOVU, Sipho".
    public var displayName: String { "\(surname.uppercased()), \(firstNames)" }
}

/// An allergy, chronic condition or long-term medicine as the record and banner show it.
public struct BackgroundEntry: Equatable, Sendable {
    public let kind: BackgroundKind
    public let text: String
    public let note: String

    package init(_ item: BackgroundItem) {
        kind = item.kind
        text = item.text
        note = item.note
    }
}
