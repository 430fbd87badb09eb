/// Where a patient is referred to.
public enum ReferralKind: String, CaseIterable, Codable, Sendable {
    case hospital, specialist, counselling, social = "social-services"
}

/// How soon the referral must be seen.
public enum ReferralUrgency: String, CaseIterable, Codable, Sendable {
    case emergency, urgent, routine
}

/// A referral as typed, checked field by field.
public struct ReferralInput: Equatable, Sendable {
    public var kind: String
    public var destination: String
    public var urgency: String
    public var reason: String

    public init(kind: String, destination: String, urgency: String, reason: String) {
        self.kind = kind
        self.destination = destination
        self.urgency = urgency
        self.reason = reason
    }

    /// The checked values, or every field's problem.
    public func validate() -> Result<(ReferralKind, String, ReferralUrgency, String), FieldProblems> {
        var problems: [FieldProblem] = []
        let kind = ReferralKind(rawValue: self.kind.lowercased().trimmingCharacters(in: .whitespaces))
        if kind == nil {
            problems.append(FieldProblem("kind", "kind must be \(ReferralKind.allCases.map(\.rawValue).joined(separator: ", "))"))
        }
        let destination = self.destination.trimmingCharacters(in: .whitespaces)
        if destination.isEmpty { problems.append(FieldProblem("destination", "say where to, e.g. Mankweng Hospital")) }
        let urgency = ReferralUrgency(rawValue: self.urgency.lowercased().trimmingCharacters(in: .whitespaces))
        if urgency == nil {
            problems.append(FieldProblem("urgency", "urgency must be emergency, urgent or routine"))
        }
        let reason = self.reason.trimmingCharacters(in: .whitespacesAndNewlines)
        if reason.isEmpty { problems.append(FieldProblem("reason", "the reason for the referral is required")) }
        guard problems.isEmpty, let kind, let urgency else { return .failure(FieldProblems(problems)) }
        return .success((kind, destination, urgency, reason))
    }
}
