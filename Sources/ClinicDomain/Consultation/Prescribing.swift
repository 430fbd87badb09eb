import Foundation

/// How often a dose is taken, in the abbreviations prescribers write.
public enum DoseFrequency: String, CaseIterable, Codable, Sendable {
    case once = "stat", daily = "od", twice = "bd", thrice = "tds", fourTimes = "qid", night = "nocte"

    /// Doses per day; `stat` is one dose in all.
    public var perDay: Int {
        switch self {
        case .once, .daily, .night: 1
        case .twice: 2
        case .thrice: 3
        case .fourTimes: 4
        }
    }

    /// The abbreviation as typed, any case; `qds` (quater die sumendum) is the same as `qid`.
    public init?(typed text: String) {
        let text = text.lowercased().trimmingCharacters(in: .whitespaces)
        self.init(rawValue: text == "qds" ? "qid" : text)
    }

    public var title: String {
        switch self {
        case .once: "once, now"
        case .daily: "once a day"
        case .twice: "twice a day"
        case .thrice: "three times a day"
        case .fourTimes: "four times a day"
        case .night: "at night"
        }
    }
}

/// A prescription's numbers, checked: dose units per dose, frequency, duration, and the
/// quantity to dispense that follows from them.
public struct Dosage: Equatable, Sendable {
    public let dose: Double
    public let frequency: DoseFrequency
    public let days: Int

    /// Numbers already checked (a prescription read back); typed ones go through `parse`.
    public init(dose: Double, frequency: DoseFrequency, days: Int) {
        self.dose = dose
        self.frequency = frequency
        self.days = days
    }

    /// Units to dispense: dose × doses per day × days, rounded up to whole units (a single
    /// dose for `stat`).
    public var quantity: Int {
        frequency == .once ? Int(dose.rounded(.up)) : Int((dose * Double(frequency.perDay * days)).rounded(.up))
    }

    /// What to take, in words for the patient: "1 tablet once a day for 30 days (30 tablets)",
    /// "2 puffs once, now (2 puffs)"; `unit` is the formulary's dose unit (tablet, ml, puff).
    public func instructions(unit: String, quantity: Int) -> String {
        let duration = frequency == .once ? "" : " for \(days.counted("day"))"
        return "\(Self.amount(dose, unit)) \(frequency.title)\(duration) (\(Self.amount(Double(quantity), unit)))"
    }

    /// "1 tablet", "2 tablets", "0.5 tablet", "10 ml": measures keep their symbol.
    static func amount(_ value: Double, _ unit: String) -> String {
        let unit = unit.trimmingCharacters(in: .whitespaces)
        guard !unit.isEmpty else { return value.plainText }
        let measures: Set<String> = ["ml", "mg", "g", "mcg", "µg", "l", "iu", "units"]
        let plural = value > 1 && !measures.contains(unit.lowercased()) && !unit.hasSuffix("s")
        return "\(value.plainText) \(unit)\(plural ? "s" : "")"
    }

    /// Parses typed values; a problem names the field.
    public static func parse(dose: String, frequency: String, days: String) -> Result<Dosage, FieldProblems> {
        var problems: [FieldProblem] = []
        let doseValue = TypedNumber.decimal(dose)
        if doseValue == nil {
            problems.append(FieldProblem("dose", "type the dose as a number of units, e.g. 1 or 0.5"))
        } else if !(0.25...20).contains(doseValue!) {
            problems.append(FieldProblem("dose", "dose must be 0.25 to 20 units (tablets, ml, puffs…)"))
        }
        let frequencyValue = DoseFrequency(typed: frequency)
        if frequencyValue == nil {
            problems.append(
                FieldProblem(
                    "frequency", "frequency must be one of \(DoseFrequency.allCases.map(\.rawValue).joined(separator: ", "))"))
        }
        let dayValue =
            frequencyValue == .once && days.trimmingCharacters(in: .whitespaces).isEmpty ? 1 : TypedNumber.integer(days)
        if frequencyValue == .once, let dayValue, dayValue != 1 {
            problems.append(FieldProblem("days", "stat is one dose, once: leave the days empty"))
        } else if dayValue == nil || !(1...180).contains(dayValue!) {
            problems.append(FieldProblem("days", "duration must be 1 to 180 days"))
        }
        guard problems.isEmpty else { return .failure(FieldProblems(problems)) }
        return .success(Dosage(dose: doseValue!, frequency: frequencyValue!, days: dayValue!))
    }
}

/// Matches a medicine against recorded allergies, by name and by drug class.
public enum AllergyCheck {
    /// Allergy words and the generic names they cover.
    static let classes: [String: [String]] = [
        "penicillin": [
            "amoxicillin", "ampicillin", "flucloxacillin", "phenoxymethylpenicillin", "benzathine benzylpenicillin",
            "benzylpenicillin", "amoxicillin/clavulanic acid",
        ],
        "sulfa": ["co-trimoxazole", "sulfamethoxazole"],
        "sulphonamide": ["co-trimoxazole", "sulfamethoxazole"],
        "nsaid": ["ibuprofen", "diclofenac", "naproxen", "aspirin", "indomethacin"],
        "aspirin": ["aspirin", "ibuprofen", "diclofenac", "naproxen"],
        "cephalosporin": ["cefalexin", "ceftriaxone", "cefuroxime"],
    ]

    /// The recorded allergies that `genericName` conflicts with.
    public static func conflicts(of genericName: String, with allergies: [String]) -> [String] {
        let medicine = NameKey.fold(genericName)
        return allergies.filter { allergy in
            let words = NameKey.fold(allergy)
            if words.isEmpty { return false }
            if medicine.contains(words) || words.contains(medicine) { return true }
            return classes.contains { key, members in
                words.contains(key) && members.contains { medicine.hasPrefix(NameKey.fold($0)) }
            }
        }
    }
}
