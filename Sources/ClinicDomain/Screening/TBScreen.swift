/// The WHO four-symptom TB screen: current cough, fever, night sweats, weight loss. Any one
/// of them makes the person presumptive TB: a sputum sample is sent and the visit flagged
/// for the doctor. Source: WHO consolidated guidelines on tuberculosis, Module 2: screening
/// (2021), W4SS; SA National TB Management Guidelines 2014 (cough of any duration).
public struct TBScreen: Equatable, Sendable {
    public enum Symptom: String, CaseIterable, Codable, Sendable {
        case cough, fever, nightSweats = "night sweats", weightLoss = "weight loss"
    }

    public let symptoms: Set<Symptom>

    public init(symptoms: Set<Symptom>) { self.symptoms = symptoms }

    /// Whether any of the four symptoms is present.
    public var isPresumptive: Bool { !symptoms.isEmpty }
}
