/// A test of the station's screening day, as stored and reported: the raw value is the id
/// that a screening row, a report column and an audit entry name.
public enum ScreeningTest: String, CaseIterable, Codable, Sendable {
    case glucose, bloodPressure = "bp", cholesterol, waist, bmi, tb, phq2, phq9, auditC = "auditc"

    /// How a screen or a card names the test.
    public var title: String {
        switch self {
        case .glucose: "Glucose"
        case .bloodPressure: "Blood pressure"
        case .cholesterol: "Cholesterol"
        case .waist: "Waist"
        case .bmi: "BMI"
        case .tb: "TB symptoms"
        case .phq2: "PHQ-2 (mood)"
        case .phq9: "PHQ-9 (mood)"
        case .auditC: "AUDIT-C (alcohol)"
        }
    }
}

/// One screening test's result: the value (a measurement or a questionnaire's total), how it
/// was taken or answered, what it means and what to do next.
public struct ScreeningOutcome: Equatable, Sendable {
    public let test: ScreeningTest
    /// The measurement (mmol/L, cm, kg/m², systolic mmHg) or the total score; nil for the TB
    /// screen and for a meter reading of HI or LO.
    public let value: Double?
    /// The second number of a pair: the diastolic pressure.
    public let value2: Double?
    /// How it was taken: "fasting" or "random", "HI"/"LO", the answers ("1,0"), the symptoms.
    public let detail: String
    public let finding: ScreenFinding
    /// The band's words: "suggests diabetes", "moderate", "presumptive TB".
    public let meaning: String
    /// The plain next step for the member.
    public let nextStep: String
    /// Where the threshold or the scoring comes from.
    public let source: String

    public init(
        test: ScreeningTest, value: Double?, value2: Double? = nil, detail: String = "", finding: ScreenFinding,
        meaning: String, nextStep: String? = nil, source: String
    ) {
        self.test = test
        self.value = value
        self.value2 = value2
        self.detail = detail
        self.finding = finding
        self.meaning = meaning
        self.nextStep = nextStep ?? finding.nextStep
        self.source = source
    }

    /// An NCD measurement's outcome from its classification.
    init(_ test: ScreeningTest, _ value: Double?, value2: Double? = nil, detail: String = "", _ result: NCDResult) {
        self.init(
            test: test, value: value, value2: value2, detail: detail, finding: result.finding, meaning: result.meaning,
            source: result.source)
    }

    /// One line for a list or a card: "Glucose: 11.4 mmol/L (random), suggests diabetes";
    /// the TB screen by its meaning and the symptoms named.
    public var line: String {
        guard test == .tb else { return "\(test.title): \(valueText), \(meaning)" }
        return "TB: \(meaning)" + (detail.isEmpty ? "" : " (\(detail))")
    }

    /// The value as a card or a list shows it: "5.6 mmol/L (fasting)", "142/91 mmHg", "HI".
    public var valueText: String {
        switch test {
        case .bloodPressure:
            return "\(Int(value ?? 0))/\(Int(value2 ?? 0)) mmHg"
        case .glucose, .cholesterol:
            let number = value.map { "\($0.plainText) mmol/L" } ?? detail
            return test == .glucose && value != nil ? "\(number) (\(detail))" : number
        case .waist: return "\((value ?? 0).plainText) cm"
        case .bmi: return (value ?? 0).plainText
        case .tb: return detail.isEmpty ? "no symptoms" : detail
        case .phq2, .phq9, .auditC: return "score \(Int(value ?? 0))"
        }
    }
}
