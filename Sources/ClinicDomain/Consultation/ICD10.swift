/// A WHO ICD-10 code in its dotted form: a letter, two digits, and optionally a dot and
/// one or two more characters (`J06.9`, `S52.50`).
public struct ICD10Code: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let value: String

    /// Accepts `j06.9`, `J069` or ` J06.9 `; nil for anything that is not shaped like a code.
    public init?(_ text: String) {
        let trimmed = text.uppercased().filter { !$0.isWhitespace }
        // One dot at most, and only after the three-character category: "J6.9", "J06..9" and
        // "J06.9.1" are not codes.
        let dots = trimmed.indices.filter { trimmed[$0] == "." }
        if dots.count > 1 { return nil }
        if let dot = dots.first, trimmed.distance(from: trimmed.startIndex, to: dot) != 3 { return nil }
        let compact = trimmed.filter { $0 != "." }
        let characters = Array(compact)
        guard (3...5).contains(characters.count), let first = characters.first, first.isASCII, first.isLetter,
            characters[1].isASCII, characters[1].isNumber, characters[2].isASCII, characters[2].isNumber,
            characters.dropFirst(3).allSatisfy({ $0.isASCII && ($0.isNumber || $0.isLetter) })
        else { return nil }
        value = characters.count == 3 ? compact : String(characters.prefix(3)) + "." + String(characters.dropFirst(3))
    }

    /// The three-character category, e.g. `J06`.
    public var category: String { String(value.prefix(3)) }

    /// Injuries and poisonings, S00–T98: a claim needs an external-cause code with them.
    public var isInjury: Bool { ("S00"..."T98").contains(category) }

    /// External causes, V01–Y98.
    public var isExternalCause: Bool { ("V01"..."Y98").contains(category) }

    public var description: String { value }

    public static func < (a: ICD10Code, b: ICD10Code) -> Bool { a.value < b.value }
}

/// A code of the ICD-10 list in use (the bundled subset or an imported WHO file).
public struct ICD10Entry: Equatable, Sendable {
    public let code: ICD10Code
    public let title: String
    /// False for codes that may not stand first on a claim (external causes, asterisk codes).
    public let validPrimary: Bool
    /// A manifestation (asterisk, *) code: never primary, and claimed only with a dagger code.
    public let validAsterisk: Bool
    /// An aetiology (dagger, †) code, the partner an asterisk code needs.
    public let validDagger: Bool

    public init(code: ICD10Code, title: String, validPrimary: Bool, validAsterisk: Bool = false, validDagger: Bool = false) {
        self.code = code
        self.title = title
        self.validPrimary = validPrimary
        self.validAsterisk = validAsterisk
        self.validDagger = validDagger
    }

    /// Valid only as an asterisk code (SA ICD-10 MIT: Valid_ICD10_Asterisk Y, Valid_ICD10_Primary N).
    public var isAsteriskOnly: Bool { validAsterisk && !validPrimary }
}

/// One diagnosis on a visit.
public struct Diagnosis: Equatable, Sendable {
    public let code: ICD10Code
    public let isPrimary: Bool

    public init(code: ICD10Code, isPrimary: Bool) {
        self.code = code
        self.isPrimary = isPrimary
    }
}

/// The scheme's claim rules, checked when a consultation is completed.
public enum ClaimRules {
    /// What the list of codes knows: the entry for a code, and whether a code has more
    /// specific codes below it (then it is not "full length").
    public struct Catalogue {
        public let entry: (ICD10Code) -> ICD10Entry?
        public let hasChildren: (ICD10Code) -> Bool

        public init(entry: @escaping (ICD10Code) -> ICD10Entry?, hasChildren: @escaping (ICD10Code) -> Bool) {
            self.entry = entry
            self.hasChildren = hasChildren
        }
    }

    /// Every reason the diagnoses could not be claimed, each as a sentence; empty when fine.
    public static func problems(_ diagnoses: [Diagnosis], catalogue: Catalogue) -> [String] {
        guard !diagnoses.isEmpty else { return ["Add at least one diagnosis."] }
        var problems: [String] = []
        let primaries = diagnoses.filter(\.isPrimary)
        if primaries.isEmpty { problems.append("Mark one diagnosis as primary.") }
        if primaries.count > 1 { problems.append("Only one diagnosis may be primary.") }
        var asteriskOnly: [ICD10Code] = [], hasDagger = false
        for diagnosis in diagnoses {
            guard let entry = catalogue.entry(diagnosis.code) else {
                problems.append("\(diagnosis.code) is not in the WHO ICD-10 list in use (a US ICD-10-CM-only code?).")
                continue
            }
            if catalogue.hasChildren(diagnosis.code) {
                problems.append("\(diagnosis.code) is a category; use a full-length code below it.")
            }
            if diagnosis.isPrimary && !entry.validPrimary {
                problems.append("\(diagnosis.code) may not be the primary diagnosis.")
            }
            if entry.isAsteriskOnly { asteriskOnly.append(diagnosis.code) }
            if entry.validDagger { hasDagger = true }
        }
        if !asteriskOnly.isEmpty && !hasDagger {
            problems.append(
                "\(asteriskOnly.map(\.value).joined(separator: ", ")) is an asterisk (manifestation) code: add the dagger code of the underlying disease."
            )
        }
        let injuries = diagnoses.filter(\.code.isInjury)
        if !injuries.isEmpty && !diagnoses.contains(where: \.code.isExternalCause) {
            problems.append(
                "\(injuries.map(\.code.value).joined(separator: ", ")) is an injury: add an external-cause code (V01–Y98).")
        }
        return problems
    }
}
