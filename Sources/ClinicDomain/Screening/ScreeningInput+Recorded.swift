extension ScreeningInput {
    /// The form as it was typed for `recorded` results: what reading it again gives back
    /// (BP and BMI, which come from the vitals, have no fields).
    public init(recorded: [ScreeningOutcome], sputumTo: String) {
        var values: [Field: String] = [:]
        for outcome in recorded {
            switch outcome.test {
            case .glucose:
                values[.glucose] = outcome.value?.plainText
                values[.fasting] = outcome.detail == "fasting" ? "Y" : "N"
            case .cholesterol: values[.cholesterol] = outcome.value?.plainText ?? outcome.detail
            case .waist: values[.waist] = outcome.value?.plainText
            case .tb:
                let present = Set(outcome.detail.components(separatedBy: ", "))
                let fields: [(Field, TBScreen.Symptom)] = [
                    (.cough, .cough), (.fever, .fever), (.nightSweats, .nightSweats), (.weightLoss, .weightLoss),
                ]
                for (field, symptom) in fields { values[field] = present.contains(symptom.rawValue) ? "Y" : "N" }
                if !sputumTo.isEmpty { values[.sputumTo] = sputumTo }
            case .phq2, .phq9:
                Self.answers(outcome.detail, into: [.phq1, .phq2, .phq3, .phq4, .phq5, .phq6, .phq7, .phq8, .phq9], &values)
            case .auditC: Self.answers(outcome.detail, into: [.audit1, .audit2, .audit3], &values)
            case .bloodPressure, .bmi: break
            }
        }
        self.init(Dictionary(uniqueKeysWithValues: values.map { ($0.key.rawValue, $0.value) }))
    }

    /// The stored answers "1,0,2" back into their fields, in order.
    private static func answers(_ detail: String, into fields: [Field], _ values: inout [Field: String]) {
        for (field, answer) in zip(fields, detail.split(separator: ",")) { values[field] = String(answer) }
    }
}
