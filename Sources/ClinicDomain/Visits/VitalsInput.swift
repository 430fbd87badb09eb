/// Vitals as typed on the nursing screen. Field ids are those of `Screens/nursing.yaml`.
public struct VitalsInput: Equatable, Sendable {
    public static let fieldIDs = ["systolic", "diastolic", "heart_rate", "resp_rate", "temperature", "spo2", "weight",
                                  "height", "glucose", "mobility", "avpu", "trauma", "pain", "discriminator",
                                  "discriminator_reason", "note"]

    /// Physically impossible outside these (refused); abnormal outside `normal` (flagged).
    struct Limits {
        let possible: ClosedRange<Double>
        let normal: ClosedRange<Double>
        let unit: String
    }

    static let limits: [String: Limits] = [
        "systolic": Limits(possible: 40...300, normal: 90...179, unit: "mmHg"),
        "diastolic": Limits(possible: 20...200, normal: 50...109, unit: "mmHg"),
        "heart_rate": Limits(possible: 20...300, normal: 50...120, unit: "/min"),
        "resp_rate": Limits(possible: 4...80, normal: 10...24, unit: "/min"),
        "temperature": Limits(possible: 25...45, normal: 35.5...37.9, unit: "°C"),
        "spo2": Limits(possible: 50...100, normal: 94...100, unit: "%"),
        "weight": Limits(possible: 0.5...400, normal: 0.5...400, unit: "kg"),
        "height": Limits(possible: 30...250, normal: 30...250, unit: "cm"),
        "glucose": Limits(possible: 0.5...50, normal: 4.0...11.0, unit: "mmol/L"),
        "pain": Limits(possible: 0...10, normal: 0...10, unit: "/10"),
    ]
    static let wholeNumbers: Set = ["systolic", "diastolic", "heart_rate", "resp_rate", "spo2", "pain"]

    public var values: [String: String]

    public init(_ values: [String: String] = [:]) { self.values = values }

    public subscript(field: String) -> String {
        values[field]?.trimmingCharacters(in: .whitespaces) ?? ""
    }

    /// What the typed values amount to so far: the vitals, refused values (by field) and
    /// abnormal-but-possible values (by field), and the chosen discriminator colour.
    public struct Reading: Equatable, Sendable {
        public var vitals = Vitals()
        public var problems: [FieldProblem] = []
        public var flags: [FieldProblem] = []
        public var discriminator: TriageColour?
    }

    public func read() -> Reading {
        var reading = Reading()
        func number(_ field: String) -> Double? {
            let text = self[field].replacingOccurrences(of: ",", with: ".")
            guard !text.isEmpty else { return nil }
            let limits = Self.limits[field]!
            let whole = Self.wholeNumbers.contains(field)
            guard let value = Double(text), value.isFinite, !whole || value == value.rounded() else {
                reading.problems.append(FieldProblem(field, whole ? "type a whole number" : "type a number, e.g. 36.8"))
                return nil
            }
            guard limits.possible.contains(value) else {
                let low = limits.possible.lowerBound.plainText, high = limits.possible.upperBound.plainText
                reading.problems.append(FieldProblem(field, "impossible: must be \(low)–\(high) \(limits.unit)"))
                return nil
            }
            if !limits.normal.contains(value) {
                reading.flags.append(FieldProblem(field, value < limits.normal.lowerBound ? "low" : "high"))
            }
            return value
        }
        var v = Vitals()
        v.systolic = number("systolic").map { Int($0) }
        v.diastolic = number("diastolic").map { Int($0) }
        if let s = v.systolic, let d = v.diastolic, s <= d {
            reading.problems.append(FieldProblem("diastolic", "diastolic must be lower than systolic (\(s))"))
            v.diastolic = nil
        }
        v.heartRate = number("heart_rate").map { Int($0) }
        v.respiratoryRate = number("resp_rate").map { Int($0) }
        v.temperature = number("temperature")
        v.spO2 = number("spo2").map { Int($0) }
        v.weight = number("weight")
        v.height = number("height")
        v.glucose = number("glucose")
        v.pain = number("pain").map { Int($0) }
        v.mobility = choice("mobility", ["w": .walking, "walking": .walking, "h": .withHelp, "with-help": .withHelp,
                                         "i": .immobile, "immobile": .immobile, "stretcher": .immobile],
                            "W walking, H with help, I immobile/stretcher", &reading.problems)
        v.avpu = choice("avpu", ["a": .alert, "alert": .alert, "v": .voice, "c": .voice, "confused": .voice, "voice": .voice,
                                 "p": .pain, "pain": .pain, "u": .unresponsive, "unresponsive": .unresponsive],
                        "A alert, V confused/voice, P pain, U unresponsive", &reading.problems)
        v.trauma = choice("trauma", ["y": true, "yes": true, "n": false, "no": false], "Y or N", &reading.problems)
        reading.discriminator = choice("discriminator", ["r": .red, "red": .red, "o": .orange, "orange": .orange,
                                                         "y": .yellow, "yellow": .yellow], "R, O or Y", &reading.problems)
        if reading.discriminator != nil && self["discriminator_reason"].isEmpty {
            reading.problems.append(FieldProblem("discriminator_reason", "say which discriminator raised the colour"))
        }
        reading.vitals = v
        return reading
    }

    private func choice<T>(_ field: String, _ options: [String: T], _ help: String, _ problems: inout [FieldProblem]) -> T? {
        let text = self[field].lowercased()
        guard !text.isEmpty else { return nil }
        guard let value = options[text] else {
            problems.append(FieldProblem(field, help))
            return nil
        }
        return value
    }
}
