/// One set of vital signs as recorded by a nurse. Any value may be missing while typing.
public struct Vitals: Equatable, Codable, Sendable {
    public var systolic: Int?
    public var diastolic: Int?
    public var heartRate: Int?
    public var respiratoryRate: Int?
    /// °C.
    public var temperature: Double?
    /// %.
    public var spO2: Int?
    /// kg.
    public var weight: Double?
    /// cm.
    public var height: Double?
    /// Capillary glucose, mmol/L.
    public var glucose: Double?
    public var mobility: Mobility?
    public var avpu: AVPU?
    public var trauma: Bool?
    /// 0–10.
    public var pain: Int?

    public init() {}

    /// Body mass index (kg/m²) when weight and height are known.
    public var bmi: Double? {
        guard let weight, let height, height > 0 else { return nil }
        return weight / ((height / 100) * (height / 100))
    }

    /// True when every value the design calls a full set is present: BP, pulse, breathing,
    /// temperature, SpO2, mobility, AVPU and trauma.
    public var isFullSet: Bool {
        systolic != nil && diastolic != nil && heartRate != nil && respiratoryRate != nil && temperature != nil
            && spO2 != nil && mobility != nil && avpu != nil && trauma != nil
    }
}

/// The triage outcome of a vitals set: the TEWS of the chart that applies, raised (never
/// lowered) by a clinical discriminator with a reason. A partial set's colour is a floor:
/// the total can only rise as values are added.
public struct Triage: Equatable, Sendable {
    /// The TEWS so far, nil when no chart applies (children: the adult chart is not used).
    public let score: Int?
    public let scoreComplete: Bool
    /// The colour from the score alone (the floor of a partial set), nil before any value.
    public let scoredColour: TriageColour?
    /// A colour the nurse chose from a discriminator or clinical judgement.
    public let discriminator: TriageColour?
    /// The colour that counts: the more urgent of the two.
    public let colour: TriageColour?

    /// Triage for `vitals` of a patient aged `ageYears`. A discriminator less urgent than
    /// the score is ignored: the colour is only ever raised.
    public init(vitals: Vitals, ageYears: Int, discriminator: TriageColour?) {
        if let chart = TEWSChart.applicable(ageYears: ageYears, heightCm: vitals.height) {
            let (score, present) = chart.score(vitals)
            self.score = score
            scoreComplete = present == TEWSChart.parameterCount
            scoredColour = present > 0 ? chart.colour(forScore: score) : nil
        } else {
            score = nil
            scoreComplete = false
            scoredColour = nil
        }
        self.discriminator = discriminator
        colour = [scoredColour, discriminator].compactMap { $0 }.min()
    }

    /// True when a chart applies but not all its values are in: the colour can still rise.
    public var isFloor: Bool { score != nil && !scoreComplete }

    /// True when no chart scores this patient and the nurse has not set a colour yet.
    public var needsColour: Bool { score == nil && colour == nil }

    /// The colour as shown: "ORANGE (very urgent)", or "at least ORANGE" for the floor of a partial set.
    public var colourText: String? {
        guard let colour else { return nil }
        // A colour the discriminator set cannot be lowered by more values: not a floor.
        let fromScoreOnly = discriminator.map { $0 > colour } ?? true
        return isFloor && fromScoreOnly ? "at least \(colour.rawValue.uppercased())" : colour.title
    }
}
