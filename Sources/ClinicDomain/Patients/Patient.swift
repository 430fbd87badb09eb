/// How a patient proves who they are.
public enum IdentityDocument: String, CaseIterable, Codable, Sendable {
    case saID = "sa-id", passport, other
}

/// What a line of a patient's background is: an allergy, a chronic condition or a
/// long-term medicine. The raw value is the word typed on the form.
public enum BackgroundKind: String, CaseIterable, Codable, Sendable {
    case allergy, condition, medication
}

/// A patient's demographics as registered at the clerk's desk.
public struct PatientDetails: Equatable, Sendable {
    public var surname: String
    public var firstNames: String
    public var sex: Sex
    public var dateOfBirth: CalendarDate
    public var documentType: IdentityDocument
    /// SA ID digits, passport number or other document number.
    public var documentNumber: String
    /// E.164, e.g. +27821234567; nil when the patient has no phone.
    public var phone: String?
    public var address: String
    public var province: Province?
    public var language: String
    public var nextOfKin: String
    public var nextOfKinPhone: String?
    /// Medical scheme membership number, as printed on the card.
    public var membershipNumber: String?
    /// "00" for the main member, "01"… for dependants.
    public var dependantCode: String?
    /// Folder number of the main member, for dependants.
    public var mainMemberFolder: String?

    public init(
        surname: String, firstNames: String, sex: Sex, dateOfBirth: CalendarDate,
        documentType: IdentityDocument = .saID, documentNumber: String = "", phone: String? = nil,
        address: String = "", province: Province? = nil, language: String = "", nextOfKin: String = "",
        nextOfKinPhone: String? = nil, membershipNumber: String? = nil, dependantCode: String? = nil,
        mainMemberFolder: String? = nil
    ) {
        self.surname = surname
        self.firstNames = firstNames
        self.sex = sex
        self.dateOfBirth = dateOfBirth
        self.documentType = documentType
        self.documentNumber = documentNumber
        self.phone = phone
        self.address = address
        self.province = province
        self.language = language
        self.nextOfKin = nextOfKin
        self.nextOfKinPhone = nextOfKinPhone
        self.membershipNumber = membershipNumber
        self.dependantCode = dependantCode
        self.mainMemberFolder = mainMemberFolder
    }

    /// The SA ID digits when the document is an SA ID.
    public var saID: String? { documentType == .saID ? documentNumber : nil }

    /// Search key "N5087": first letter of the surname and last four digits of the SA ID.
    public var shortKey: String? {
        guard let id = saID, id.count == 13, let initial = NameKey.fold(surname).first else { return nil }
        return initial.uppercased() + id.suffix(4)
    }
}

/// A field-level problem with entered demographics: which field, and what is wrong.
public struct FieldProblem: Equatable, Sendable, CustomStringConvertible {
    public let field: String
    public let message: String

    public init(_ field: String, _ message: String) {
        self.field = field
        self.message = message
    }

    public var description: String { "\(field): \(message)" }
}

/// Every field-level problem of one submission.
public struct FieldProblems: Error, Equatable, Sendable, CustomStringConvertible {
    public let problems: [FieldProblem]

    public init(_ problems: [FieldProblem]) { self.problems = problems }

    /// The message for `field`, if it has one.
    public subscript(field: String) -> String? { problems.first { $0.field == field }?.message }

    public var description: String { problems.map(\.description).joined(separator: "; ") }
}
