import ClinicDomain
import Foundation
import GRDB

/// A patient row: demographics plus identity, status and optimistic-concurrency version.
public struct PatientRecord: Codable, Equatable, Sendable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "patient"

    /// Globally unique (UUID), so trucks never collide when their data meets.
    public var id: String
    /// Per-site folder number, e.g. `T03-000042`.
    public var folderNumber: String
    public var surname: String
    public var firstNames: String
    public var surnameKey: String
    public var firstNamesKey: String
    public var sex: Sex
    public var dateOfBirth: String
    public var documentType: IdentityDocument
    public var documentNumber: String
    public var saID: String?
    public var shortKey: String?
    public var phone: String?
    public var address: String
    public var province: Province?
    public var language: String
    public var nextOfKin: String
    public var nextOfKinPhone: String?
    public var membershipNumber: String?
    public var dependantCode: String?
    public var mainMemberFolder: String?
    public var active: Bool
    /// Why the record was last deactivated or reactivated.
    public var statusReason: String?
    /// Bumped by every save; a save based on an older version is a conflict.
    public var version: Int
    public var createdAt: Timestamp
    public var updatedAt: Timestamp
    public var updatedBy: String

    public init(id: String, folderNumber: String, details: PatientDetails, at date: Date, by user: String) {
        self.id = id
        self.folderNumber = folderNumber
        surname = ""; firstNames = ""; surnameKey = ""; firstNamesKey = ""
        sex = details.sex; dateOfBirth = ""; documentType = details.documentType; documentNumber = ""
        address = ""; language = ""; nextOfKin = ""
        active = true
        version = 1
        createdAt = Timestamp(date)
        updatedAt = createdAt
        updatedBy = user
        apply(details)
    }

    /// Copies demographics in, keeping identity, status and version.
    public mutating func apply(_ details: PatientDetails) {
        surname = details.surname
        firstNames = details.firstNames
        surnameKey = NameKey.fold(details.surname)
        firstNamesKey = NameKey.fold(details.firstNames)
        sex = details.sex
        dateOfBirth = details.dateOfBirth.description
        documentType = details.documentType
        documentNumber = details.documentNumber
        saID = details.saID
        shortKey = details.shortKey
        phone = details.phone
        address = details.address
        province = details.province
        language = details.language
        nextOfKin = details.nextOfKin
        nextOfKinPhone = details.nextOfKinPhone
        membershipNumber = details.membershipNumber
        dependantCode = details.dependantCode
        mainMemberFolder = details.mainMemberFolder
    }

    /// The demographics of this row.
    public var details: PatientDetails {
        PatientDetails(
            surname: surname, firstNames: firstNames, sex: sex,
            dateOfBirth: CalendarDate(iso: dateOfBirth) ?? CalendarDate(year: 1900, month: 1, day: 1)!,
            documentType: documentType, documentNumber: documentNumber, phone: phone, address: address,
            province: province, language: language, nextOfKin: nextOfKin, nextOfKinPhone: nextOfKinPhone,
            membershipNumber: membershipNumber, dependantCode: dependantCode, mainMemberFolder: mainMemberFolder)
    }

    /// Whole years on `today`; a file without a readable date of birth counts as an adult's.
    public func age(on today: CalendarDate) -> Int { CalendarDate(iso: dateOfBirth)?.age(on: today) ?? 99 }

    /// "NDLOVU, Sipho".
    public var displayName: String { "\(surname.uppercased()), \(firstNames)" }

    /// Membership as shown: `11223344/00`.
    public var membershipText: String {
        guard let membershipNumber else { return "" }
        return membershipNumber + "/" + (dependantCode ?? "")
    }
}

extension Sex: DatabaseValueConvertible {}
extension IdentityDocument: DatabaseValueConvertible {}
extension Province: DatabaseValueConvertible {}
extension BackgroundKind: DatabaseValueConvertible {}

/// An allergy, chronic condition or long-term medicine on a patient's record.
public struct BackgroundItem: Codable, Equatable, Sendable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "patientBackground"

    public var id: Int64?
    public var patientId: String
    public var kind: BackgroundKind
    public var text: String
    public var note: String
    public var createdAt: Timestamp
    public var createdBy: String

    public init(patientId: String, kind: BackgroundKind, text: String, note: String, at date: Date, by user: String) {
        self.patientId = patientId
        self.kind = kind
        self.text = text
        self.note = note
        createdAt = Timestamp(date)
        createdBy = user
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// A row of the scheme's member roster.
public struct RosterMember: Codable, Equatable, Sendable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "memberRoster"

    public var membershipNumber: String
    public var dependantCode: String
    public var surname: String
    public var firstNames: String
    public var dateOfBirth: String?
    public var saID: String?
    /// As the scheme sends it, e.g. "active", "suspended".
    public var status: String
    public var option: String
    public var importedAt: Timestamp

    public init(
        membershipNumber: String, dependantCode: String, surname: String, firstNames: String,
        dateOfBirth: String?, saID: String?, status: String, option: String, importedAt: Timestamp
    ) {
        self.membershipNumber = membershipNumber
        self.dependantCode = dependantCode
        self.surname = surname
        self.firstNames = firstNames
        self.dateOfBirth = dateOfBirth
        self.saID = saID
        self.status = status
        self.option = option
        self.importedAt = importedAt
    }
}

extension PatientRecord {
    /// The columns queries name, from the record's own coding keys.
    public enum Columns {
        public static let dateOfBirth = Column(CodingKeys.dateOfBirth)
        public static let dependantCode = Column(CodingKeys.dependantCode)
        public static let folderNumber = Column(CodingKeys.folderNumber)
        public static let membershipNumber = Column(CodingKeys.membershipNumber)
        public static let saID = Column(CodingKeys.saID)
    }
}

extension BackgroundItem {
    /// The columns queries name, from the record's own coding keys.
    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let kind = Column(CodingKeys.kind)
        public static let patientId = Column(CodingKeys.patientId)
    }
}

extension RosterMember {
    /// The columns queries name, from the record's own coding keys.
    public enum Columns {
        public static let dependantCode = Column(CodingKeys.dependantCode)
        public static let membershipNumber = Column(CodingKeys.membershipNumber)
    }
}
