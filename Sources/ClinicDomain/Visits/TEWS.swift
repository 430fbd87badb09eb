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
    public static func forScore(_ score: Int) -> TriageColour { TEWSChart.adult.colour(forScore: score) }
}

public enum Mobility: String, CaseIterable, Codable, Sendable {
    case walking, withHelp = "with-help", immobile
}

public enum AVPU: String, CaseIterable, Codable, Sendable {
    case alert, voice, pain, unresponsive
}

/// Where a visit sorts in a stage queue: its colour's rank, with two places for visits
/// that have none yet.
public enum QueueRank {
    /// A child in nursing whose colour the nurse must still set (no chart scores them):
    /// ahead of every colour, so they are never left at the bottom.
    public static let awaitingColour = -1
    /// Not triaged yet (an adult before the first vitals): after every colour.
    public static let untriaged = 4

    /// The rank of `colour`, or the place for a visit without one.
    public static func of(_ colour: TriageColour?, awaitingColour awaiting: Bool = false) -> Int {
        colour?.rank ?? (awaiting ? awaitingColour : untriaged)
    }

    /// The colour a stored rank stands for, nil for the places without one.
    public static func colour(_ rank: Int) -> TriageColour? {
        TriageColour.allCases.indices.contains(rank) ? TriageColour.allCases[rank] : nil
    }
}

/// A Triage Early Warning Score chart as data: the score of each band of each parameter,
/// and the colour of each total. Only the SATS 2012 adult chart exists; the junior
/// (3–12 y) and infant (< 3 y) charts are to be added as values of this type once a
/// clinician-checked copy of the EMSSA chart is available.
public struct TEWSChart: Sendable {
    /// Where a band ends: below a value (exclusive) or up to a value (inclusive).
    public enum Limit: Sendable {
        case below(Double), upTo(Double)

        func admits(_ value: Double) -> Bool {
            switch self {
            case .below(let limit): value < limit
            case .upTo(let limit): value <= limit
            }
        }
    }

    /// A band of a measured parameter: values up to `until` (the last band has none) score `score`.
    public struct Band: Sendable {
        public let until: Limit?
        public let score: Int

        public init(_ until: Limit?, _ score: Int) {
            self.until = until
            self.score = score
        }
    }

    public let name: String
    public let respiratoryRate: [Band]
    public let heartRate: [Band]
    public let systolic: [Band]
    public let temperature: [Band]
    public let mobility: [Mobility: Int]
    public let avpu: [AVPU: Int]
    public let trauma: [Bool: Int]
    /// The lowest total of each colour, most urgent first; totals below the last are its colour.
    public let colours: [(minimum: Int, colour: TriageColour)]

    /// The score of `value` on `bands`: the first band it falls in.
    public static func score(_ value: Double, on bands: [Band]) -> Int {
        bands.first { $0.until?.admits(value) ?? true }?.score ?? 0
    }

    /// The colour of a total on this chart.
    public func colour(forScore score: Int) -> TriageColour {
        colours.first { score >= $0.minimum }?.colour ?? colours.last?.colour ?? .green
    }

    /// The SATS 2012 adult chart (age 12 or more, or taller than 150 cm), as corrected in
    /// DESIGN.md: RR < 9 and HR < 41 score 2 (the chart adapts the Modified Early Warning Score).
    public static let adult = TEWSChart(
        name: "SATS adult",
        respiratoryRate: [Band(.below(9), 2), Band(.upTo(14), 0), Band(.upTo(20), 1), Band(.upTo(29), 2), Band(nil, 3)],
        heartRate: [
            Band(.below(41), 2), Band(.upTo(50), 1), Band(.upTo(100), 0), Band(.upTo(110), 1), Band(.upTo(129), 2),
            Band(nil, 3),
        ],
        systolic: [Band(.below(71), 3), Band(.upTo(80), 2), Band(.upTo(100), 1), Band(.upTo(199), 0), Band(nil, 2)],
        temperature: [Band(.below(35), 2), Band(.upTo(38.4), 0), Band(nil, 2)],
        mobility: [.walking: 0, .withHelp: 1, .immobile: 2],
        avpu: [.alert: 0, .voice: 1, .pain: 2, .unresponsive: 3],
        trauma: [false: 0, true: 1],
        colours: [(7, .red), (5, .orange), (3, .yellow), (0, .green)])

    /// The chart for a patient, nil when none applies (children: no paediatric chart is
    /// bundled, and the adult one must not be used for them).
    public static func applicable(ageYears: Int, heightCm: Double?) -> TEWSChart? {
        ageYears >= 12 || (heightCm ?? 0) > 150 ? .adult : nil
    }

    /// The total of the values present, and how many of the seven parameters were there.
    public func score(_ vitals: Vitals) -> (score: Int, present: Int) {
        let parts: [Int?] = [
            vitals.mobility.map { mobility[$0] ?? 0 },
            vitals.respiratoryRate.map { Self.score(Double($0), on: respiratoryRate) },
            vitals.heartRate.map { Self.score(Double($0), on: heartRate) },
            vitals.systolic.map { Self.score(Double($0), on: systolic) },
            vitals.temperature.map { Self.score($0, on: temperature) },
            vitals.avpu.map { avpu[$0] ?? 0 },
            vitals.trauma.map { trauma[$0] ?? 0 },
        ]
        let present = parts.compactMap { $0 }
        return (present.reduce(0, +), present.count)
    }

    /// The number of parameters a complete score has.
    public static let parameterCount = 7
}
