/// Vitals as typed on the nursing screen. Field ids are those of `Screens/nursing.yaml`.
public struct VitalsInput: Equatable, Sendable {
    /// The form's fields.
    public typealias Field = VitalsField

    /// Physically impossible outside `possible` (refused); below `confirmBelow` real only in a
    /// collapsing patient (recorded once the nurse confirms); outside `normal` flagged for adults.
    struct Limits {
        let possible: ClosedRange<Double>
        let normal: ClosedRange<Double>
        let unit: String
        var confirmBelow: Double?
        /// A value as a nurse would type it, for the message when the typed one is no number.
        var example = ""
    }

    static let limits: [Field: Limits] = [
        .systolic: Limits(possible: 0...300, normal: 90...179, unit: "mmHg", confirmBelow: 40),
        .diastolic: Limits(possible: 20...200, normal: 50...109, unit: "mmHg"),
        .heartRate: Limits(possible: 0...300, normal: 50...120, unit: "/min", confirmBelow: 20),
        .respRate: Limits(possible: 0...80, normal: 10...24, unit: "/min", confirmBelow: 4),
        .temperature: Limits(possible: 25...45, normal: 35.5...37.9, unit: "°C", example: "36.8"),
        .spo2: Limits(possible: 50...100, normal: 94...100, unit: "%"),
        .weight: Limits(possible: 0.5...400, normal: 0.5...400, unit: "kg", example: "72.5"),
        .height: Limits(possible: 30...250, normal: 30...250, unit: "cm", example: "168"),
        .glucose: Limits(possible: 0.5...50, normal: 4.0...11.0, unit: "mmol/L", example: "5.6"),
        .pain: Limits(possible: 0...10, normal: 0...10, unit: "/10"),
    ]
    static let wholeNumbers: Set<Field> = [.systolic, .diastolic, .heartRate, .respRate, .spo2, .pain]

    /// SATS discriminators that vitals alone reveal; the nurse is offered them, never
    /// given them silently. Hypoglycaemia (glucose < 3 mmol/L) is an emergency sign of the
    /// SATS 2012 adult chart; SpO2 < 92 % an emergency sign of its paediatric chart, offered
    /// at the same colour for adults (the nurse may choose another before accepting).
    static let discriminatorRules: [(field: Field, below: Double, reason: String)] = [
        (.spo2, 92, "SpO2 below 92 %"),
        (.glucose, 3, "Hypoglycaemia: glucose below 3 mmol/L"),
    ]

    public var values: [String: String]
    /// The nurse confirmed the very low values (peri-arrest) as typed.
    public var veryLowConfirmed: Bool

    public init(_ values: [String: String] = [:], veryLowConfirmed: Bool = false) {
        self.values = values
        self.veryLowConfirmed = veryLowConfirmed
    }

    /// A field's text, trimmed; "" when not given.
    public subscript(field: Field) -> String {
        values[field.rawValue]?.trimmingCharacters(in: .whitespaces) ?? ""
    }

    /// A colour the vitals suggest, with the discriminator that names it.
    public struct Suggestion: Equatable, Sendable {
        public let colour: TriageColour
        public let reason: String

        public init(colour: TriageColour, reason: String) {
            self.colour = colour
            self.reason = reason
        }
    }

    /// What the typed values amount to so far: the vitals, refused values (by field),
    /// abnormal-but-possible values (by field, adults only), very low values waiting for
    /// the nurse's confirmation, the chosen discriminator colour and the triage.
    public struct Reading: Equatable, Sendable {
        public var vitals = Vitals()
        public var problems: [FieldProblem] = []
        public var flags: [FieldProblem] = []
        public var toConfirm: [FieldProblem] = []
        public var discriminator: TriageColour?
        public var triage = Triage(vitals: Vitals(), ageYears: 99, discriminator: nil)
        /// Discriminators the vitals point to that would raise the colour; not applied.
        public var suggestions: [Suggestion] = []
        /// A peri-arrest value (SATS emergency signs: not breathing, cardiac arrest, shock):
        /// the colour is RED whatever the total.
        public var emergencySign: String?
    }

    /// Reads the typed values of a patient aged `ageYears`. Children's values are not
    /// flagged against adult ranges (no flag rather than a wrong one).
    public func read(ageYears: Int) -> Reading {
        var reading = parse()
        let adult = TEWSChart.applicable(ageYears: ageYears, heightCm: reading.vitals.height) != nil
        if !adult { reading.flags = [] }
        if !reading.toConfirm.isEmpty {
            let fields = reading.toConfirm.map { VitalsField.words($0.field) }
            reading.emergencySign = "Peri-arrest: very low \(fields.joined(separator: ", "))"
        }
        let raised = [reading.discriminator, reading.emergencySign == nil ? nil : .red].compactMap { $0 }.min()
        reading.triage = Triage(vitals: reading.vitals, ageYears: ageYears, discriminator: raised)
        reading.suggestions = suggestions(reading)
        if veryLowConfirmed { reading.toConfirm = [] }
        return reading
    }

    /// The flags a saved set carries, by the same normal ranges as when it was typed: each
    /// value outside its range, for patients the adult chart applies to only.
    public static func flags(of vitals: Vitals, ageYears: Int) -> [FieldProblem] {
        guard TEWSChart.applicable(ageYears: ageYears, heightCm: vitals.height) != nil else { return [] }
        let values: [(Field, Double?)] = [
            (.systolic, vitals.systolic.map(Double.init)), (.diastolic, vitals.diastolic.map(Double.init)),
            (.heartRate, vitals.heartRate.map(Double.init)), (.respRate, vitals.respiratoryRate.map(Double.init)),
            (.temperature, vitals.temperature), (.spo2, vitals.spO2.map(Double.init)), (.glucose, vitals.glucose),
        ]
        return values.compactMap { field, value in
            guard let value, let normal = limits[field]?.normal, !normal.contains(value) else { return nil }
            return FieldProblem(field, value < normal.lowerBound ? "low" : "high")
        }
    }

    /// The discriminators offered: hypoxia and hypoglycaemia by `discriminatorRules`.
    private func suggestions(_ reading: Reading) -> [Suggestion] {
        let offered = Self.discriminatorRules.compactMap { rule -> Suggestion? in
            guard let value = Double(self[rule.field].replacingOccurrences(of: ",", with: ".")), value < rule.below,
                !reading.problems.contains(where: { $0.field == rule.field.rawValue })
            else { return nil }
            return Suggestion(colour: .red, reason: rule.reason)
        }
        return offered.filter { suggestion in reading.triage.colour.map { suggestion.colour < $0 } ?? true }
    }

    private func parse() -> Reading {
        var reading = Reading()
        func number(_ field: Field) -> Double? { measured(field, &reading) }
        var v = Vitals()
        v.systolic = number(.systolic).map { Int($0) }
        v.diastolic = number(.diastolic).map { Int($0) }
        if let s = v.systolic, let d = v.diastolic, s <= d {
            reading.problems.append(FieldProblem(VitalsField.diastolic, "diastolic must be lower than systolic (\(s))"))
            v.diastolic = nil
            reading.flags.removeAll { $0.field == Field.diastolic.rawValue }  // refused, so neither flagged nor counted
        }
        v.heartRate = number(.heartRate).map { Int($0) }
        v.respiratoryRate = number(.respRate).map { Int($0) }
        v.temperature = number(.temperature)
        v.spO2 = number(.spo2).map { Int($0) }
        v.weight = number(.weight)
        v.height = number(.height)
        v.glucose = number(.glucose)
        v.pain = number(.pain).map { Int($0) }
        v.mobility = choice(
            .mobility,
            [
                "w": .walking, "walking": .walking, "h": .withHelp, "with-help": .withHelp,
                "i": .immobile, "immobile": .immobile, "stretcher": .immobile,
            ],
            "W walking, H with help, I immobile/stretcher", &reading.problems)
        v.avpu = choice(
            .avpu,
            [
                "a": .alert, "alert": .alert, "v": .voice, "c": .voice, "confused": .voice, "voice": .voice,
                "p": .pain, "pain": .pain, "u": .unresponsive, "unresponsive": .unresponsive,
            ],
            "A alert, V confused/voice, P pain, U unresponsive", &reading.problems)
        v.trauma = choice(.trauma, ["y": true, "yes": true, "n": false, "no": false], "Y or N", &reading.problems)
        reading.discriminator = choice(
            .discriminator,
            [
                "r": .red, "red": .red, "o": .orange, "orange": .orange,
                "y": .yellow, "yellow": .yellow, "g": .green, "green": .green,
            ],
            "R, O, Y or G", &reading.problems)
        if reading.discriminator != nil && self[.discriminatorReason].isEmpty {
            reading.problems.append(
                FieldProblem(VitalsField.discriminatorReason, "say which discriminator or judgement set the colour"))
        }
        reading.vitals = v
        return reading
    }

    /// A measured value as typed: nil when empty or refused (not a number, impossible);
    /// very low values wait for confirmation and abnormal ones are flagged, in `reading`.
    private func measured(_ field: Field, _ reading: inout Reading) -> Double? {
        let text = self[field].replacingOccurrences(of: ",", with: ".")
        guard !text.isEmpty else { return nil }
        let limits = Self.limits[field]!
        let whole = Self.wholeNumbers.contains(field)
        guard let value = Double(text), value.isFinite, !whole || value == value.rounded() else {
            reading.problems.append(FieldProblem(field, whole ? "type a whole number" : "type a number, e.g. \(limits.example)"))
            return nil
        }
        guard limits.possible.contains(value) else {
            let low = limits.possible.lowerBound.plainText, high = limits.possible.upperBound.plainText
            reading.problems.append(FieldProblem(field, "impossible: must be \(low)–\(high) \(limits.unit)"))
            return nil
        }
        if let floor = limits.confirmBelow, value < floor {
            reading.toConfirm.append(FieldProblem(field, "very low — confirm"))
        } else if !limits.normal.contains(value) {
            reading.flags.append(FieldProblem(field, value < limits.normal.lowerBound ? "low" : "high"))
        }
        return value
    }

    private func choice<T>(_ field: Field, _ options: [String: T], _ help: String, _ problems: inout [FieldProblem]) -> T? {
        let text = self[field].lowercased()
        guard !text.isEmpty else { return nil }
        guard let value = options[text] else {
            problems.append(FieldProblem(field, help))
            return nil
        }
        return value
    }
}
