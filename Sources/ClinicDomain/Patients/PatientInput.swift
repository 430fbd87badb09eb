/// Demographics as typed (form fields, CSV columns), before validation, by `PatientField`:
/// the ids `Screens/registration.yaml` and CSV headers use.
public struct PatientInput: Equatable, Sendable {
    /// The typed text by field id, as a form or a CSV row gives it (other keys are ignored).
    public var values: [String: String]

    public init(_ values: [String: String] = [:]) { self.values = values }

    /// A field's text, trimmed; "" when not given.
    public subscript(field: PatientField) -> String {
        get { values[field.rawValue]?.trimmingCharacters(in: .whitespaces) ?? "" }
        set { values[field.rawValue] = newValue }
    }

    /// Checks every field and returns the details, or every problem found (one per field at most).
    public func validate(today: CalendarDate) -> Result<PatientDetails, FieldProblems> {
        var problems: [FieldProblem] = []
        let surname = name(.surname, "surname", &problems), firstNames = name(.firstNames, "first names", &problems)
        var sex = Self.parseSex(self[.sex])
        if !self[.sex].isEmpty && sex == nil { problems.append(FieldProblem(PatientField.sex, "sex must be F, M or X")) }
        var dateOfBirth = typedDateOfBirth(today: today, &problems)
        let document = identity(today: today, sex: &sex, dateOfBirth: &dateOfBirth, &problems)
        // Sex and date of birth may be left for a valid SA ID to supply; while the ID is wrong, say only that.
        if sex == nil && !document.idFailed && !problems.contains(where: { $0.field == PatientField.sex.rawValue }) {
            problems.append(FieldProblem(PatientField.sex, "sex is required (F, M or X)"))
        }
        if dateOfBirth == nil && !document.idFailed
            && !problems.contains(where: { $0.field == PatientField.dateOfBirth.rawValue })
        {
            problems.append(FieldProblem(PatientField.dateOfBirth, "date of birth is required (YYYY-MM-DD)"))
        }
        let phone = normalisedPhone(.phone, &problems)
        let kinPhone = normalisedPhone(.nextOfKinPhone, &problems)
        let province = typedProvince(&problems)
        let (membership, dependant) = membershipFields(&problems)
        guard problems.isEmpty, let sex, let dateOfBirth, let documentType = document.type else {
            return .failure(FieldProblems(problems))
        }
        return .success(
            PatientDetails(
                surname: surname, firstNames: firstNames, sex: sex, dateOfBirth: dateOfBirth,
                documentType: documentType, documentNumber: document.number, phone: phone, address: self[.address],
                province: province, language: self[.language], nextOfKin: self[.nextOfKin], nextOfKinPhone: kinPhone,
                membershipNumber: membership, dependantCode: dependant,
                mainMemberFolder: self[.mainMemberFolder].isEmpty ? nil : self[.mainMemberFolder].uppercased()))
    }

    /// A required name: present, at most 80 characters, only what names hold, with a letter.
    private func name(_ field: PatientField, _ label: String, _ problems: inout [FieldProblem]) -> String {
        let value = self[field]
        if value.isEmpty {
            problems.append(FieldProblem(field, "\(label) is required"))
        } else if value.count > 80 {
            problems.append(FieldProblem(field, "\(label) is longer than 80 characters"))
        } else if let odd = value.first(where: { !Self.belongsInAName($0) }) {
            problems.append(FieldProblem(field, "\(label) holds '\(odd)', which no name has (letters, spaces, - ' and . only)"))
        } else if !value.contains(where: \.isLetter) {
            problems.append(FieldProblem(field, "\(label) has no letter in it"))
        }
        return value
    }

    /// The typed date of birth when it is a real, past date within 130 years; nil when empty or refused.
    private func typedDateOfBirth(today: CalendarDate, _ problems: inout [FieldProblem]) -> CalendarDate? {
        guard !self[.dateOfBirth].isEmpty else { return nil }
        guard let date = CalendarDate(typed: self[.dateOfBirth]) else {
            problems.append(FieldProblem(PatientField.dateOfBirth, "date of birth must be a real date, YYYY-MM-DD"))
            return nil
        }
        if date > today {
            problems.append(FieldProblem(PatientField.dateOfBirth, "date of birth is in the future"))
            return nil
        }
        if date.age(on: today) > 130 {
            problems.append(FieldProblem(PatientField.dateOfBirth, "date of birth is more than 130 years ago"))
            return nil
        }
        return date
    }

    /// The identity document as typed: its type, its number (an SA ID's digits only), and
    /// whether an SA ID failed its checks.
    private struct Document {
        var type: IdentityDocument?
        var number: String
        var idFailed = false
    }

    /// The document fields; a valid SA ID supplies a missing sex and date of birth and must
    /// agree with typed ones.
    private func identity(
        today: CalendarDate, sex: inout Sex?, dateOfBirth: inout CalendarDate?,
        _ problems: inout [FieldProblem]
    ) -> Document {
        let typeText = self[.documentType].lowercased()
        var document = Document(type: nil, number: self[.documentNumber])
        document.type = typeText.isEmpty ? (document.number.isEmpty ? nil : .saID) : IdentityDocument(rawValue: typeText)
        switch document.type {
        case nil:
            problems.append(
                FieldProblem(
                    typeText.isEmpty ? PatientField.documentNumber : .documentType,
                    typeText.isEmpty
                        ? "an SA ID, passport or other document number is required"
                        : "document type must be sa-id, passport or other"))
        case .saID?:
            do {
                let id = try SAIDNumber(document.number, today: today, dateOfBirth: dateOfBirth)
                document.number = id.digits
                if let first = id.disagreements(dateOfBirth: dateOfBirth, sex: sex).first {
                    problems.append(FieldProblem(PatientField.documentNumber, first))
                }
                dateOfBirth = dateOfBirth ?? id.dateOfBirth
                sex = sex ?? id.sex
            } catch {
                problems.append(FieldProblem(PatientField.documentNumber, error.description))
                document.idFailed = true
            }
        case let other?:
            if document.number.isEmpty {
                problems.append(FieldProblem(PatientField.documentNumber, "the \(other.rawValue) number is required"))
            }
        }
        return document
    }

    private func typedProvince(_ problems: inout [FieldProblem]) -> Province? {
        guard !self[.province].isEmpty else { return nil }
        let province = Province(typed: self[.province])
        if province == nil { problems.append(FieldProblem(PatientField.province, Province.problem)) }
        return province
    }

    /// Membership number and dependant code, each nil when empty; a code needs a number and is two digits.
    private func membershipFields(_ problems: inout [FieldProblem]) -> (String?, String?) {
        let membership = self[.membershipNumber], dependant = self[.dependantCode]
        if membership.isEmpty && !dependant.isEmpty {
            problems.append(FieldProblem(PatientField.dependantCode, "a dependant code needs a membership number"))
        } else if !membership.isEmpty && !(dependant.count == 2 && dependant.allSatisfy { $0.isASCII && $0.isNumber }) {
            problems.append(
                FieldProblem(
                    PatientField.dependantCode,
                    "dependant code must be two digits: 00 for the main member, 01, 02… for dependants"))
        }
        return (membership.isEmpty ? nil : membership, dependant.isEmpty ? nil : dependant)
    }

    private func normalisedPhone(_ field: PatientField, _ problems: inout [FieldProblem]) -> String? {
        guard !self[field].isEmpty else { return nil }
        do { return try PhoneNumber.normalise(self[field]) } catch {
            problems.append(FieldProblem(field, error.description))
            return nil
        }
    }

    /// Letters of any script (with their accents), spaces, hyphens, apostrophes and full
    /// stops: what names are written with (Zoë, N'wa-Mhlanga, O'Neill, St. John).
    static func belongsInAName(_ character: Character) -> Bool {
        character.isLetter || character == " " || "-'’.".contains(character)
    }

    static func parseSex(_ text: String) -> Sex? {
        switch text.lowercased() {
        case "f", "female": .female
        case "m", "male": .male
        case "x", "other": .other
        default: nil
        }
    }

    /// The input that would reproduce `details` (for editing an existing record).
    public init(_ details: PatientDetails) {
        let typed: [PatientField: String] = [
            .surname: details.surname, .firstNames: details.firstNames, .sex: details.sex.rawValue,
            .dateOfBirth: details.dateOfBirth.description, .documentType: details.documentType.rawValue,
            .documentNumber: details.documentNumber, .phone: details.phone.map(PhoneNumber.display) ?? "",
            .address: details.address, .province: details.province?.rawValue ?? "", .language: details.language,
            .nextOfKin: details.nextOfKin, .nextOfKinPhone: details.nextOfKinPhone.map(PhoneNumber.display) ?? "",
            .membershipNumber: details.membershipNumber ?? "", .dependantCode: details.dependantCode ?? "",
            .mainMemberFolder: details.mainMemberFolder ?? "",
        ]
        self.init(Dictionary(uniqueKeysWithValues: typed.map { ($0.key.rawValue, $0.value) }))
    }
}
