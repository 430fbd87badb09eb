import Foundation

/// The doctor's SOAP note for one visit. Once signed it never changes; corrections are addenda.
public struct ConsultationNote: Equatable, Sendable {
    public var subjective: String
    public var objective: String
    public var assessment: String
    public var plan: String
    public private(set) var signedBy: String?
    public private(set) var signedAt: Date?

    public init(
        subjective: String = "", objective: String = "", assessment: String = "", plan: String = "",
        signedBy: String? = nil, signedAt: Date? = nil
    ) {
        self.subjective = subjective
        self.objective = objective
        self.assessment = assessment
        self.plan = plan
        self.signedBy = signedBy
        self.signedAt = signedAt
    }

    public var isSigned: Bool { signedAt != nil }

    /// Why a note cannot be changed or signed.
    public enum Problem: Error, Equatable, Sendable, CustomStringConvertible {
        case signed
        case empty

        public var description: String {
            switch self {
            case .signed: "The note is signed and cannot be changed; add an addendum instead."
            case .empty: "The note is empty; write at least the assessment before signing."
            }
        }
    }

    /// The note with new text, unless it is signed.
    public func edited(
        subjective: String, objective: String, assessment: String, plan: String
    ) throws(Problem) -> ConsultationNote {
        guard !isSigned else { throw .signed }
        return ConsultationNote(subjective: subjective, objective: objective, assessment: assessment, plan: plan)
    }

    /// The note signed by `user` at `date`; signing twice or signing an empty note is refused.
    public func signed(by user: String, at date: Date) throws(Problem) -> ConsultationNote {
        guard !isSigned else { throw .signed }
        guard !assessment.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw .empty }
        return ConsultationNote(
            subjective: subjective, objective: objective, assessment: assessment, plan: plan,
            signedBy: user, signedAt: date)
    }
}
