/// The HIV testing services form as typed (`Screens/hts.yaml`), read with `HTSAlgorithm`:
/// consent first (a decline is the whole record); the screening test, the confirmatory test
/// when it is reactive, both repeated when the two disagree; then post-test counselling and
/// what follows the result: linkage to ART for a positive, a retest date for a negative, the
/// laboratory the blood goes to for an inconclusive. Source: National HIV Testing Services
/// Policy, NDoH 2016 (consent, serial algorithm, linkage, retesting).
public struct HTSInput: Equatable, Sendable {
    public typealias Field = HTSField

    /// How a positive client is linked to ART.
    public enum Linkage: String, Codable, Sendable {
        case startedHere = "started here", referred
    }

    /// What the form amounts to so far.
    public struct Reading: Equatable, Sendable {
        public var consent: HTSConsent?
        /// The valid readings, in the order done: screening, confirmatory, the two repeats.
        public var readings: [RapidTestResult] = []
        public var step: HTSStep = .runScreeningTest
        public var linkage: Linkage?
        public var linkageTo = ""
        public var linkageDate: CalendarDate?
        public var retest: CalendarDate?
        public var labTo = ""
        public var problems: [FieldProblem] = []

        /// The final result, once the algorithm has one.
        public var result: HIVResult? {
            if case .result(let result) = step { return result }
            return nil
        }
    }

    /// The reading fields in the order the algorithm runs them.
    public static let testFields: [Field] = [.test1, .test2, .repeat1, .repeat2]

    /// The kit each test in `testFields` uses: the screening kit for the first test and its
    /// repeat, the confirmatory kit for the second and its repeat.
    public static func kit(forTestAt index: Int) -> HTSKit { index % 2 == 0 ? .screening : .confirmatory }

    public var values: [String: String]

    public init(_ values: [String: String] = [:]) { self.values = values }

    /// A field's text, trimmed; "" when not given.
    public subscript(field: Field) -> String {
        values[field.rawValue]?.trimmingCharacters(in: .whitespaces) ?? ""
    }

    /// Reads the form as of `today` (linkage and retest dates are not in the past).
    public func read(today: CalendarDate) -> Reading {
        var reading = Reading()
        switch self[.consent].lowercased() {
        case "": return reading
        case "y", "yes": reading.consent = .given
        case "n", "no":
            reading.consent = .declined
            return reading
        default:
            reading.problems.append(
                FieldProblem(Field.consent, "Y when the client consents after the pre-test information, N when they decline"))
            return reading
        }
        readTests(&reading)
        guard let result = reading.result else { return reading }
        readAfter(result, today: today, &reading)
        return reading
    }

    /// The fields the reading does not ask: every test after the algorithm has its answer,
    /// and the follow-up of the results it did not give; all but consent after a decline.
    public static func notAsked(_ reading: Reading) -> Set<Field> {
        guard reading.consent != .declined else { return Set(Field.allCases).subtracting([.consent]) }
        var asked: Set<Field> = [.consent]
        asked.formUnion(testFields.prefix(max(1, reading.readings.count + (reading.result == nil ? 1 : 0))))
        switch reading.result {
        case .positive?:
            asked.formUnion([.postTest, .linkage])
            if reading.linkage != .startedHere { asked.formUnion([.linkageTo, .linkageDate]) }
        case .negative?: asked.formUnion([.postTest, .retest])
        case .inconclusive?: asked.formUnion([.postTest, .labTo])
        case nil: break
        }
        return Set(Field.allCases).subtracting(asked)
    }

    private func readTests(_ reading: inout Reading) {
        for field in Self.testFields {
            guard reading.result == nil else { return }
            let text = self[field].lowercased()
            switch text {
            case "r", "reactive": reading.readings.append(.reactive)
            case "n", "nr", "non-reactive": reading.readings.append(.nonReactive)
            case "":
                reading.problems.append(FieldProblem(field, "Type the test's reading: R reactive, N non-reactive"))
                return
            case "i", "invalid":
                reading.problems.append(
                    FieldProblem(field, "An invalid test is done again with a new kit: type that kit's reading"))
                return
            default:
                reading.problems.append(FieldProblem(field, "R reactive or N non-reactive"))
                return
            }
            reading.step = HTSAlgorithm.next(after: reading.readings)
        }
    }

    private func readAfter(_ result: HIVResult, today: CalendarDate, _ reading: inout Reading) {
        if !["y", "yes"].contains(self[.postTest].lowercased()) {
            reading.problems.append(FieldProblem(Field.postTest, "Y once the result is given with post-test counselling"))
        }
        switch result {
        case .positive: readLinkage(today: today, &reading)
        case .negative: reading.retest = date(.retest, today: today, required: "the retest date", &reading)
        case .inconclusive:
            reading.labTo = self[.labTo]
            if reading.labTo.isEmpty {
                reading.problems.append(FieldProblem(Field.labTo, "Where the blood sample goes for the laboratory test"))
            }
        }
    }

    private func readLinkage(today: CalendarDate, _ reading: inout Reading) {
        switch self[.linkage].lowercased() {
        case "s", "started", "started here": reading.linkage = .startedHere
        case "r", "referred": reading.linkage = .referred
        case "":
            reading.problems.append(
                FieldProblem(Field.linkage, "A positive result needs its linkage: S ART started here, R referred"))
        default: reading.problems.append(FieldProblem(Field.linkage, "S ART started here or R referred"))
        }
        guard reading.linkage == .referred else { return }
        reading.linkageTo = self[.linkageTo]
        if reading.linkageTo.isEmpty {
            reading.problems.append(FieldProblem(Field.linkageTo, "The clinic the client is referred to for ART"))
        }
        reading.linkageDate = date(.linkageDate, today: today, required: "the date of the ART appointment", &reading)
    }

    private func date(_ field: Field, today: CalendarDate, required: String, _ reading: inout Reading) -> CalendarDate? {
        let text = self[field]
        guard !text.isEmpty else {
            reading.problems.append(FieldProblem(field, "Type \(required), YYYY-MM-DD"))
            return nil
        }
        guard let date = CalendarDate(typed: text) else {
            reading.problems.append(FieldProblem(field, "\(text) is not a date: YYYY-MM-DD or DD/MM/YYYY"))
            return nil
        }
        guard date >= today else {
            reading.problems.append(FieldProblem(field, "\(date) is in the past"))
            return nil
        }
        return date
    }
}
