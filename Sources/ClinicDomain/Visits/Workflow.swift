import Foundation

/// Where a visit is. Open stages have a queue; `closed` and `cancelled` are final.
public enum VisitStage: String, CaseIterable, Codable, Sendable {
    case registration, nursing, consultation, counselling, closure, closed, cancelled

    public var isOpen: Bool { self != .closed && self != .cancelled }

    public var title: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }
}

/// Something done to a visit. Reasons are required where the design asks for them.
public enum VisitAction: Equatable, Sendable {
    /// Registration → nursing.
    case completeRegistration
    /// Nursing → consultation.
    case completeNursing
    /// Nursing → closure without a doctor (nurse-led visit), with a reason.
    case nurseLed(reason: String)
    /// Consultation → counselling, or → closure when `toCounselling` is false.
    case completeConsultation(toCounselling: Bool)
    /// Consultation → nursing, e.g. to re-check vitals.
    case sendBackToNursing(reason: String)
    /// Counselling → closure.
    case completeCounselling
    /// Closure → closed, with the visit's outcome (treated, referred, follow-up booked, …).
    case close(outcome: String)
    /// Any open stage → cancelled, with a reason (left without being seen, referred out, …).
    case cancel(reason: String)

    /// Every kind of action once (reasons filled in), for exhaustive checks.
    public static let all: [VisitAction] = [
        .completeRegistration, .completeNursing, .nurseLed(reason: "minor ailment"),
        .completeConsultation(toCounselling: true), .completeConsultation(toCounselling: false),
        .sendBackToNursing(reason: "re-check BP"), .completeCounselling, .close(outcome: "treated"),
        .cancel(reason: "left without being seen"),
    ]

    /// The stage this action starts from (any open stage for `cancel`).
    public var from: VisitStage? {
        switch self {
        case .completeRegistration: .registration
        case .completeNursing, .nurseLed: .nursing
        case .completeConsultation, .sendBackToNursing: .consultation
        case .completeCounselling: .counselling
        case .close: .closure
        case .cancel: nil
        }
    }

    /// The stage this action leads to.
    public var to: VisitStage {
        switch self {
        case .completeRegistration, .sendBackToNursing: .nursing
        case .completeNursing: .consultation
        case .nurseLed, .completeCounselling: .closure
        case .completeConsultation(let toCounselling): toCounselling ? .counselling : .closure
        case .close: .closed
        case .cancel: .cancelled
        }
    }

    /// The permission the acting user needs.
    public var permission: Permission {
        switch self {
        case .completeRegistration: .visitStart
        case .completeNursing, .nurseLed: .vitalsWrite
        case .completeConsultation, .sendBackToNursing: .consultWrite
        case .completeCounselling: .counsellingWrite
        case .close: .visitClose
        case .cancel: .visitCancel
        }
    }

    /// The reason given with the action, if it carries one.
    public var reason: String? {
        switch self {
        case .nurseLed(let reason), .sendBackToNursing(let reason), .cancel(let reason), .close(let reason): reason
        default: nil
        }
    }

    /// Stable id for audit rows and the visit timeline.
    public var id: String {
        switch self {
        case .completeRegistration: "complete-registration"
        case .completeNursing: "complete-nursing"
        case .nurseLed: "nurse-led"
        case .completeConsultation(let toCounselling):
            toCounselling ? "complete-consultation-counselling" : "complete-consultation-closure"
        case .sendBackToNursing: "send-back-to-nursing"
        case .completeCounselling: "complete-counselling"
        case .close: "close"
        case .cancel: "cancel"
        }
    }
}

/// What is known about a visit that decides whether a stage may be completed.
public struct VisitFacts: Equatable, Sendable {
    /// At least one full vitals set was recorded.
    public var hasFullVitals: Bool
    /// The consultation note is signed.
    public var hasSignedNote: Bool
    /// At least one diagnosis, one of them flagged primary.
    public var hasPrimaryDiagnosis: Bool
    /// The visit has a triage colour (scored, or set by the nurse for a child).
    public var hasColour: Bool
    /// A screening at this visit found thoughts of self-harm (PHQ-9 item 9 above 0): the
    /// visit goes to the social worker before it may close.
    public var needsCounselling: Bool
    /// A counselling session is recorded at this visit.
    public var hasCounsellingSession: Bool

    public init(
        hasFullVitals: Bool = false, hasSignedNote: Bool = false, hasPrimaryDiagnosis: Bool = false,
        hasColour: Bool = false, needsCounselling: Bool = false, hasCounsellingSession: Bool = false
    ) {
        self.hasFullVitals = hasFullVitals
        self.hasSignedNote = hasSignedNote
        self.hasPrimaryDiagnosis = hasPrimaryDiagnosis
        self.hasColour = hasColour
        self.needsCounselling = needsCounselling
        self.hasCounsellingSession = hasCounsellingSession
    }
}

/// Why a transition was refused; each case reads as a message for the screen.
public enum WorkflowError: Error, Equatable, Sendable, CustomStringConvertible {
    case notAllowed(Role, Permission)
    case wrongStage(current: VisitStage, action: String)
    case finished(VisitStage)
    case reasonRequired(action: String)
    case missingVitals
    case missingColour
    case missingSignedNote
    case missingPrimaryDiagnosis
    case counsellingNeeded
    /// An urgent visit is cancelled only by a role that counsels or reads counselling.
    case urgentCancel
    /// An urgent visit leaves counselling only with a session recorded.
    case counsellingSessionNeeded

    public var description: String {
        switch self {
        case .notAllowed(let role, let permission): AccessDenied(role: role, permission: permission).description
        case .wrongStage(let current, let action): "The visit is in \(current.rawValue); '\(action)' does not apply there."
        case .finished(let stage): "The visit is \(stage.rawValue) and can no longer change."
        case .reasonRequired(let action): "A reason is required to \(action.replacingOccurrences(of: "-", with: " "))."
        case .missingVitals:
            "Record one full set of vitals (BP, pulse, breathing, temperature, SpO2, mobility, AVPU, trauma) first."
        case .missingColour:
            "Child: set the colour first (R, O, Y or G, with the reason)."
        case .missingSignedNote: "The consultation note must be signed first."
        case .missingPrimaryDiagnosis: "Add at least one diagnosis and mark one as primary first."
        case .counsellingNeeded:
            "The screening found thoughts of self-harm: this visit goes to counselling (the social worker) today."
        case .urgentCancel:
            "This visit is URGENT (thoughts of self-harm): only a doctor may cancel it (the member left?), with the reason."
        case .counsellingSessionNeeded:
            "This visit is URGENT (thoughts of self-harm): record the counselling session (F2) before completing."
        }
    }
}

/// The visit state machine: a pure function of (stage, action, role, facts).
public enum Workflow {
    /// The next stage, or why the action is refused. Checks, in order: the role's
    /// permission, that the visit is open, the stage, the reason, the stage's requirements.
    public static func next(
        from stage: VisitStage, _ action: VisitAction, role: Role,
        facts: VisitFacts
    ) -> Result<VisitStage, WorkflowError> {
        guard AccessPolicy.allows(role, action.permission) else { return .failure(.notAllowed(role, action.permission)) }
        guard stage.isOpen else { return .failure(.finished(stage)) }
        if let from = action.from, from != stage { return .failure(.wrongStage(current: stage, action: action.id)) }
        if let reason = action.reason, reason.trimmingCharacters(in: .whitespaces).isEmpty {
            return .failure(.reasonRequired(action: action.id))
        }
        switch action {
        case .completeNursing, .nurseLed:
            if !facts.hasFullVitals { return .failure(.missingVitals) }
            if !facts.hasColour { return .failure(.missingColour) }
            if case .nurseLed = action, facts.needsCounselling { return .failure(.counsellingNeeded) }
        case .completeConsultation(let toCounselling):
            if !facts.hasSignedNote { return .failure(.missingSignedNote) }
            if !facts.hasPrimaryDiagnosis { return .failure(.missingPrimaryDiagnosis) }
            if !toCounselling, facts.needsCounselling { return .failure(.counsellingNeeded) }
        case .completeCounselling:
            if facts.needsCounselling, !facts.hasCounsellingSession { return .failure(.counsellingSessionNeeded) }
        case .cancel:
            if facts.needsCounselling, !AccessPolicy.allows(role, .counsellingRead) { return .failure(.urgentCancel) }
        default:
            break
        }
        return .success(action.to)
    }
}
