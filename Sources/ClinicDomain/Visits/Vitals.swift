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

    /// The adult TEWS from the values present, and whether all seven were there.
    public var tews: (score: Int, complete: Bool) {
        var score = 0, present = 0
        if let mobility { score += TEWS.mobility(mobility); present += 1 }
        if let respiratoryRate { score += TEWS.respiratoryRate(respiratoryRate); present += 1 }
        if let heartRate { score += TEWS.heartRate(heartRate); present += 1 }
        if let systolic { score += TEWS.systolic(systolic); present += 1 }
        if let temperature { score += TEWS.temperature(temperature); present += 1 }
        if let avpu { score += TEWS.avpu(avpu); present += 1 }
        if let trauma { score += TEWS.trauma(trauma); present += 1 }
        return (score, present == 7)
    }
}

/// The triage outcome of a vitals set: adult TEWS where it applies, raised (never lowered)
/// by a clinical discriminator with a reason.
public struct Triage: Equatable, Sendable {
    /// The adult TEWS, nil for children (the adult chart is not applied to them).
    public let score: Int?
    public let scoreComplete: Bool
    /// The colour from the score alone.
    public let scoredColour: TriageColour?
    /// A colour the nurse chose from a discriminator.
    public let discriminator: TriageColour?
    /// The colour that counts: the more urgent of the two.
    public let colour: TriageColour?

    /// Triage for `vitals` of a patient aged `ageYears`. A discriminator less urgent than
    /// the score is ignored: the colour is only ever raised.
    public init(vitals: Vitals, ageYears: Int, discriminator: TriageColour?) {
        if TEWS.appliesTo(ageYears: ageYears, heightCm: vitals.height) {
            let (score, complete) = vitals.tews
            self.score = score
            scoreComplete = complete
            scoredColour = complete ? TriageColour.forScore(score) : nil
        } else {
            score = nil
            scoreComplete = false
            scoredColour = nil
        }
        self.discriminator = discriminator
        colour = [scoredColour, discriminator].compactMap { $0 }.min()
    }
}
