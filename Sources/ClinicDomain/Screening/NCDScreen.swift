/// What a screening result means, most pressing first.
public enum ScreenFinding: String, CaseIterable, Codable, Sendable {
    /// Outside the range: see the doctor today.
    case raised
    /// Above the healthy range but not raised: recheck at the next visit.
    case borderline
    case normal

    /// The plain next step for the member.
    public var nextStep: String {
        switch self {
        case .raised: "refer to doctor today"
        case .borderline: "recheck at next visit"
        case .normal: "no action needed"
        }
    }
}

/// One NCD measurement classified: what it is called and what follows.
public struct NCDResult: Equatable, Sendable {
    public let finding: ScreenFinding
    /// The band's words, e.g. "suggests diabetes", "overweight".
    public let meaning: String
    /// The guideline the threshold comes from.
    public let source: String
}

/// The non-communicable disease screen at the station: capillary glucose, blood pressure,
/// total cholesterol, waist and BMI, each against its published threshold.
public enum NCDScreen {
    /// Capillary glucose in mmol/L. Fasting ≥ 7.0 or random ≥ 11.1 suggests diabetes;
    /// fasting 6.1–6.9 is impaired fasting glucose. Source: SEMDSA 2017 Guidelines for the
    /// Management of Type 2 Diabetes Mellitus, chapter 3 (screening and diagnosis).
    public static func glucose(_ mmol: Double, fasting: Bool) -> NCDResult {
        let source = "SEMDSA 2017, ch. 3"
        if fasting {
            if mmol >= 7.0 { return NCDResult(finding: .raised, meaning: "suggests diabetes", source: source) }
            if mmol >= 6.1 { return NCDResult(finding: .borderline, meaning: "impaired fasting glucose", source: source) }
        } else if mmol >= 11.1 {
            return NCDResult(finding: .raised, meaning: "suggests diabetes", source: source)
        } else {
            // A random value below the threshold says only that: it is not a normal range.
            return NCDResult(finding: .normal, meaning: "does not suggest diabetes", source: source)
        }
        return NCDResult(finding: .normal, meaning: "normal", source: source)
    }

    /// Blood pressure in mmHg: 140/90 or above (either number) is raised. Source: SA
    /// Hypertension Practice Guideline 2014 (Seedat YK et al., Cardiovasc J Afr 2014;25:288–94).
    public static func bloodPressure(systolic: Int, diastolic: Int) -> NCDResult {
        let source = "SA Hypertension Practice Guideline 2014"
        return systolic >= 140 || diastolic >= 90
            ? NCDResult(finding: .raised, meaning: "raised blood pressure", source: source)
            : NCDResult(finding: .normal, meaning: "normal", source: source)
    }

    /// Total cholesterol in mmol/L: 5.0 or above is raised. Source: WHO Global Health
    /// Observatory indicator "Raised total cholesterol (≥ 5.0 mmol/L)", as the WHO STEPS
    /// survey defines it.
    public static func cholesterol(_ mmol: Double) -> NCDResult {
        let source = "WHO STEPS: raised total cholesterol ≥ 5.0 mmol/L"
        return mmol >= 5.0
            ? NCDResult(finding: .raised, meaning: "raised cholesterol", source: source)
            : NCDResult(finding: .normal, meaning: "normal", source: source)
    }

    /// Waist circumference in cm: men ≥ 94 increased risk, ≥ 102 substantially increased;
    /// women ≥ 80 and ≥ 88. Source: WHO. Waist circumference and waist-hip ratio: report of
    /// a WHO expert consultation, 2008 (the IDF's cut-offs for Europids, used in SA).
    public static func waist(_ cm: Double, sex: Sex) -> NCDResult {
        let source = "WHO expert consultation 2008; IDF"
        let (increased, substantial) = sex == .male ? (94.0, 102.0) : (80.0, 88.0)
        if cm >= substantial {
            return NCDResult(finding: .raised, meaning: "substantially increased risk", source: source)
        }
        if cm >= increased { return NCDResult(finding: .borderline, meaning: "increased risk", source: source) }
        return NCDResult(finding: .normal, meaning: "normal", source: source)
    }

    /// An adult's BMI in kg/m²: < 18.5 underweight, 18.5–24.9 normal, 25–29.9 overweight,
    /// ≥ 30 obese. Source: WHO. Obesity: preventing and managing the global epidemic, TRS 894
    /// (2000). Children are judged on growth charts, not these bands: nil under 18.
    public static func bmi(_ value: Double, ageYears: Int) -> NCDResult? {
        guard ageYears >= 18 else { return nil }
        let source = "WHO TRS 894 (2000)"
        switch value {
        case ..<18.5: return NCDResult(finding: .borderline, meaning: "underweight", source: source)
        case ..<25: return NCDResult(finding: .normal, meaning: "normal weight", source: source)
        case ..<30: return NCDResult(finding: .borderline, meaning: "overweight", source: source)
        default: return NCDResult(finding: .raised, meaning: "obese", source: source)
        }
    }
}
