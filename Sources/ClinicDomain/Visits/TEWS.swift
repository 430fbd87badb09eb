/// SATS triage colour, most urgent first.
public enum TriageColour: String, CaseIterable, Codable, Comparable, Sendable {
    case red, orange, yellow, green

    /// 0 for red … 3 for green; queues sort by it.
    public var rank: Int { TriageColour.allCases.firstIndex(of: self)! }

    public var title: String {
        switch self {
        case .red: "RED (emergency)"
        case .orange: "ORANGE (very urgent)"
        case .yellow: "YELLOW (urgent)"
        case .green: "GREEN (routine)"
        }
    }

    /// More urgent colours compare as smaller.
    public static func < (a: TriageColour, b: TriageColour) -> Bool { a.rank < b.rank }

    /// The colour for an adult TEWS total: 7+ red, 5–6 orange, 3–4 yellow, 0–2 green.
    public static func forScore(_ score: Int) -> TriageColour {
        switch score {
        case 7...: .red
        case 5...6: .orange
        case 3...4: .yellow
        default: .green
        }
    }
}

public enum Mobility: String, CaseIterable, Codable, Sendable {
    case walking, withHelp = "with-help", immobile
}

public enum AVPU: String, CaseIterable, Codable, Sendable {
    case alert, voice, pain, unresponsive
}

/// The SATS 2012 adult Triage Early Warning Score (age 12 and over, or taller than 150 cm).
public enum TEWS {
    public static func mobility(_ value: Mobility) -> Int {
        switch value {
        case .walking: 0
        case .withHelp: 1
        case .immobile: 2
        }
    }

    public static func respiratoryRate(_ value: Int) -> Int {
        switch value {
        case ..<9: 3
        case 9...14: 0
        case 15...20: 1
        case 21...29: 2
        default: 3
        }
    }

    public static func heartRate(_ value: Int) -> Int {
        switch value {
        case ..<41: 3
        case 41...50: 1
        case 51...100: 0
        case 101...110: 1
        case 111...129: 2
        default: 3
        }
    }

    public static func systolic(_ value: Int) -> Int {
        switch value {
        case ..<71: 3
        case 71...80: 2
        case 81...100: 1
        case 101...199: 0
        default: 2
        }
    }

    public static func temperature(_ value: Double) -> Int {
        if value < 35 { return 2 }
        if value > 38.4 { return 2 }
        return 0
    }

    public static func avpu(_ value: AVPU) -> Int {
        switch value {
        case .alert: 0
        case .voice: 1
        case .pain: 2
        case .unresponsive: 3
        }
    }

    public static func trauma(_ value: Bool) -> Int { value ? 1 : 0 }

    /// Whether the adult chart applies: age 12 or more, or taller than 150 cm.
    public static func appliesTo(ageYears: Int, heightCm: Double?) -> Bool {
        ageYears >= 12 || (heightCm ?? 0) > 150
    }
}
