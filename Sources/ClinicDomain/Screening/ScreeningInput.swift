/// The screening form as typed (`Screens/screening.yaml`), read against the member's sex,
/// age and latest vitals: each section given becomes an outcome; a section half answered,
/// a value no device shows, or a presumptive TB screen without a sputum destination is a
/// problem on its field. Blood pressure and BMI come from the vitals, never typed twice.
public struct ScreeningInput: Equatable, Sendable {
    public typealias Field = ScreeningField

    /// What the member brings to the reading besides the form.
    public struct Member: Equatable, Sendable {
        public let sex: Sex
        public let ageYears: Int
        /// The latest vitals set of the visit, if any.
        public let vitals: Vitals?

        public init(sex: Sex, ageYears: Int, vitals: Vitals?) {
            self.sex = sex
            self.ageYears = ageYears
            self.vitals = vitals
        }
    }

    /// What the form amounts to so far.
    public struct Reading: Equatable, Sendable {
        public var outcomes: [ScreeningOutcome] = []
        public var problems: [FieldProblem] = []
        /// PHQ-2 is 3 or more: the PHQ-9's other seven items are asked.
        public var asksPHQ9 = false
        /// PHQ-9 item 9 above 0: the visit is urgent and goes to the social worker.
        public var selfHarmRisk = false
        /// Any TB symptom: a sputum sample and the doctor today.
        public var presumptiveTB = false
        /// AUDIT-C question 1 answered "never": questions 2 and 3 are not asked and score 0
        /// (WHO AUDIT manual, Babor et al. 2001: skip the consumption questions for a non-drinker).
        public var skipsAuditRest = false

        /// The outcome of `test`, if that section was given.
        public subscript(test: ScreeningTest) -> ScreeningOutcome? { outcomes.first { $0.test == test } }
    }

    /// What the cholesterol meter can show, in mmol/L: outside it the meter shows HI or LO.
    /// Source: Roche Accutrend Plus, Accutrend Cholesterol strips package insert: measuring
    /// range 150–300 mg/dL (3.88–7.76 mmol/L).
    public static let cholesterolMeter: ClosedRange<Double> = 3.88...7.76
    /// A waist measured with a tape: anything outside is a typing slip (plausibility, not a
    /// clinical threshold).
    public static let waistPossible: ClosedRange<Double> = 40...200

    /// The age the form is for: its waist, BMI and cholesterol thresholds and the PHQ and
    /// AUDIT-C questionnaires are validated for adults (their sources above).
    public static let adultAge = 18

    public var values: [String: String]

    public init(_ values: [String: String] = [:]) { self.values = values }

    /// A field's text, trimmed; "" when not given.
    public subscript(field: Field) -> String {
        values[field.rawValue]?.trimmingCharacters(in: .whitespaces) ?? ""
    }

    /// Reads the form for `member`.
    public func read(for member: Member) -> Reading {
        var reading = Reading()
        readMeasurements(member, &reading)
        readTB(&reading)
        readMood(&reading)
        readAlcohol(member.sex, &reading)
        return reading
    }

    private func readMeasurements(_ member: Member, _ reading: inout Reading) {
        if let glucose = number(.glucose, possible: VitalsInput.limits[.glucose]!.possible, unit: "mmol/L", &reading) {
            let fasting = yesNo(.fasting, &reading) ?? false
            reading.outcomes.append(
                ScreeningOutcome(
                    .glucose, glucose, detail: fasting ? "fasting" : "random", NCDScreen.glucose(glucose, fasting: fasting)))
        }
        if let vitals = member.vitals, let systolic = vitals.systolic, let diastolic = vitals.diastolic {
            reading.outcomes.append(
                ScreeningOutcome(
                    .bloodPressure, Double(systolic), value2: Double(diastolic),
                    NCDScreen.bloodPressure(systolic: systolic, diastolic: diastolic)))
        }
        readCholesterol(&reading)
        if let waist = number(.waist, possible: Self.waistPossible, unit: "cm", &reading) {
            reading.outcomes.append(ScreeningOutcome(.waist, waist, NCDScreen.waist(waist, sex: member.sex)))
        }
        if let bmi = member.vitals?.bmi, let result = NCDScreen.bmi(bmi, ageYears: member.ageYears) {
            reading.outcomes.append(ScreeningOutcome(.bmi, (bmi * 10).rounded() / 10, result))
        }
    }

    /// Total cholesterol: a number the meter can show, or HI / LO as it shows beyond its range
    /// (HI is above 7.76, so raised; LO below 3.88, so normal).
    private func readCholesterol(_ reading: inout Reading) {
        let text = self[.cholesterol].uppercased()
        if text == "HI" || text == "LO" {
            let result = NCDScreen.cholesterol(text == "HI" ? Self.cholesterolMeter.upperBound : 0)
            reading.outcomes.append(ScreeningOutcome(.cholesterol, nil, detail: text, result))
            return
        }
        let meter = Self.cholesterolMeter
        guard let value = number(.cholesterol, possible: 0...100, unit: "mmol/L", &reading) else { return }
        guard meter.contains(value) else {
            let side = value > meter.upperBound ? "HI" : "LO"
            reading.problems.append(
                FieldProblem(
                    Field.cholesterol,
                    "the meter shows \(meter.lowerBound.plainText)–\(meter.upperBound.plainText) mmol/L; "
                        + "type \(side) if it showed \(side)"))
            return
        }
        reading.outcomes.append(ScreeningOutcome(.cholesterol, value, NCDScreen.cholesterol(value)))
    }

    /// The WHO four-symptom screen: all four answered, or none; a presumptive result names
    /// where the sputum went.
    private func readTB(_ reading: inout Reading) {
        let questions: [(Field, TBScreen.Symptom)] = [
            (.cough, .cough), (.fever, .fever), (.nightSweats, .nightSweats), (.weightLoss, .weightLoss),
        ]
        let answers = questions.map { (field: $0.0, symptom: $0.1, answer: yesNo($0.0, &reading)) }
        let answered = answers.filter { $0.answer != nil }
        guard !answered.isEmpty else { return }
        if let missing = answers.first(where: { $0.answer == nil && self[$0.field].isEmpty }) {
            reading.problems.append(FieldProblem(missing.field, "answer all four TB questions: Y or N"))
            return
        }
        guard answered.count == questions.count else { return }
        let screen = TBScreen(symptoms: Set(answers.filter { $0.answer == true }.map(\.symptom)))
        let present = TBScreen.Symptom.allCases.filter(screen.symptoms.contains).map(\.rawValue)
        let sputum = self[.sputumTo]
        reading.presumptiveTB = screen.isPresumptive
        if screen.isPresumptive, sputum.isEmpty {
            reading.problems.append(FieldProblem(Field.sputumTo, "presumptive TB: say where the sputum sample went"))
        }
        reading.outcomes.append(
            ScreeningOutcome(
                test: .tb, value: nil, detail: present.joined(separator: ", "),
                finding: screen.isPresumptive ? .raised : .normal,
                meaning: screen.isPresumptive ? "presumptive TB" : "no TB symptoms",
                nextStep: screen.isPresumptive ? "sputum sent to \(sputum); see the doctor today" : nil,
                source: "WHO TB screening guideline 2021 (W4SS)"))
    }
}

extension ScreeningInput {
    /// PHQ-2, and the PHQ-9 when the PHQ-2 is 3 or more (Kroenke 2003).
    fileprivate func readMood(_ reading: inout Reading) {
        let phq2Fields: [Field] = [.phq1, .phq2]
        guard let phq2 = answers(phq2Fields, of: MoodScreen.phq2, &reading) else { return }
        let total = phq2.reduce(0, +)
        reading.asksPHQ9 = total >= MoodScreen.phq2Positive
        reading.outcomes.append(
            ScreeningOutcome(
                test: .phq2, value: Double(total), detail: phq2.map(String.init).joined(separator: ","),
                finding: reading.asksPHQ9 ? .borderline : .normal,
                meaning: MoodScreen.phq2.band(of: total)?.name ?? "", nextStep: reading.asksPHQ9 ? "PHQ-9 asked" : nil,
                source: MoodScreen.phq2.source))
        let rest: [Field] = [.phq3, .phq4, .phq5, .phq6, .phq7, .phq8, .phq9]
        guard reading.asksPHQ9 else {
            if let given = rest.first(where: { !self[$0].isEmpty }) {
                reading.problems.append(FieldProblem(given, "asked only when PHQ-2 is 3 or more: leave it empty"))
            }
            return
        }
        guard let items = answers(phq2Fields + rest, of: MoodScreen.phq9, &reading) else { return }
        reading.outcomes.append(phq9Outcome(items, &reading))
    }

    /// PHQ-9's severity; 10 or more is the published cut-off for major depression (Kroenke
    /// 2001), and item 9 above 0 is a risk of self-harm whatever the total.
    private func phq9Outcome(_ items: [Int], _ reading: inout Reading) -> ScreeningOutcome {
        let total = items.reduce(0, +)
        reading.selfHarmRisk = MoodScreen.selfHarmRisk(items)
        let band = MoodScreen.phq9.band(of: total)?.name ?? ""
        let finding: ScreenFinding = reading.selfHarmRisk || total >= 10 ? .raised : total >= 5 ? .borderline : .normal
        return ScreeningOutcome(
            test: .phq9, value: Double(total), detail: items.map(String.init).joined(separator: ","), finding: finding,
            meaning: reading.selfHarmRisk ? "\(band); thoughts of self-harm" : band,
            nextStep: reading.selfHarmRisk ? "urgent: the social worker today" : nil, source: MoodScreen.phq9.source)
    }

    /// AUDIT-C and its cut-off by sex (Bradley 2007).
    fileprivate func readAlcohol(_ sex: Sex, _ reading: inout Reading) {
        var form = self
        if Int(self[.audit1]) == 0, self[.audit2].isEmpty, self[.audit3].isEmpty {
            reading.skipsAuditRest = true
            (form.values[Field.audit2.rawValue], form.values[Field.audit3.rawValue]) = ("0", "0")
        }
        guard let items = form.answers([.audit1, .audit2, .audit3], of: AlcoholScreen.auditC, &reading) else { return }
        let total = items.reduce(0, +)
        let positive = AlcoholScreen.isPositive(total, sex: sex)
        reading.outcomes.append(
            ScreeningOutcome(
                test: .auditC, value: Double(total), detail: items.map(String.init).joined(separator: ","),
                finding: positive ? .borderline : .normal, meaning: positive ? "positive" : "negative",
                nextStep: positive ? "brief advice on alcohol (WHO AUDIT manual)" : nil,
                source: AlcoholScreen.auditC.source))
    }

    /// The scores typed for `fields`, one per question of `questionnaire`: nil when none is
    /// typed, or some is missing or not one of the question's answers (a problem each).
    private func answers(_ fields: [Field], of questionnaire: Questionnaire, _ reading: inout Reading) -> [Int]? {
        guard fields.contains(where: { !self[$0].isEmpty }) else { return nil }
        var scores: [Int] = []
        for (field, question) in zip(fields, questionnaire.questions) {
            let highest = question.answers.count - 1
            guard let score = Int(self[field]), (0...highest).contains(score) else {
                let what = self[field].isEmpty ? "not answered" : "not an answer"
                reading.problems.append(FieldProblem(field, "\(what): type 0–\(highest)"))
                return nil
            }
            scores.append(question.answers[score].score)
        }
        return scores
    }
}

extension ScreeningInput {
    /// A number within `possible`, nil when empty or refused (a problem on the field).
    fileprivate func number(
        _ field: Field, possible: ClosedRange<Double>, unit: String, _ reading: inout Reading
    ) -> Double? {
        let text = self[field].replacingOccurrences(of: ",", with: ".")
        guard !text.isEmpty else { return nil }
        guard let value = Double(text), value.isFinite else {
            reading.problems.append(FieldProblem(field, "type a number in \(unit)"))
            return nil
        }
        guard possible.contains(value) else {
            let range = "\(possible.lowerBound.plainText)–\(possible.upperBound.plainText) \(unit)"
            reading.problems.append(FieldProblem(field, "impossible: must be \(range)"))
            return nil
        }
        return value
    }

    /// Y or N; nil when empty or neither (a problem on the field).
    fileprivate func yesNo(_ field: Field, _ reading: inout Reading) -> Bool? {
        switch self[field].lowercased() {
        case "": return nil
        case "y", "yes": return true
        case "n", "no": return false
        default:
            reading.problems.append(FieldProblem(field, "Y or N"))
            return nil
        }
    }
}
