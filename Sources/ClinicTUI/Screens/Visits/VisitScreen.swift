import ClinicDomain
import ClinicServices
import TerminalKit

/// A visit taken from the consultation, counselling or closure queue: the patient banner,
/// this visit's sheet (vitals, note, diagnoses, prescriptions, sessions, timeline) and the
/// keys all three stages share. Each stage's own keys are in its screen:
/// `ConsultationScreen`, `CounsellingScreen`, `ClosureScreen`.
public class VisitScreen: Screen {
    public let file: VisitFile
    public internal(set) var message: String?
    /// The consultation's note, addenda and diagnoses.
    private(set) var sheet: ConsultationSheet?
    /// The first row of the visit's sheet shown under the banner, when it is longer than the screen.
    var scroll = 0
    /// Prescriptions written in this consultation.
    var prescribed: [PrescriptionLine] = []
    /// Counselling sessions of this visit, loaded only for roles the service lets read them.
    var sessions: [CounsellingSession] = []
    /// The patient's sessions at other visits, loaded where the screen shows them (counselling).
    var earlierSessions: [CounsellingSession] = []
    /// Why the sessions could not be read (their key is missing, say); nil when they were.
    var sessionsProblem: String?
    /// Referrals made at this visit, for roles that may read them.
    var referrals: [ReferralMade] = []
    /// This visit's screening results, for roles that screen (vitals.write, counselling.read).
    var screening: ScreeningSheet?
    /// This visit's HIV test as the role may see it: the result and kits with
    /// `screening.hiv.read`, "HIV test done" at most without; empty when none.
    var hivTestLines: [String] = []
    /// The follow-up booked after this visit, where the screen loads it (closure).
    var followUp: BookingRow?
    /// The patient's last closed visit, shown under the banner where the screen loads it.
    var previous: PreviousVisit?

    init(file: VisitFile, environment: AppEnvironment) {
        self.file = file
        reloadSheet(environment)
    }

    /// The screen for the visit's stage.
    static func opening(_ file: VisitFile, environment: AppEnvironment) -> VisitScreen {
        switch file.visit.stage {
        case .consultation: ConsultationScreen(file: file, environment: environment)
        case .counselling: CounsellingScreen(file: file, environment: environment)
        case .closure: ClosureScreen(file: file, environment: environment)
        default: VisitScreen(file: file, environment: environment)
        }
    }

    /// Drops the message of the last action here, once a line it spoke of has changed elsewhere.
    func clearMessage() { message = nil }

    /// Reads the note, diagnoses and prescriptions again after a change.
    func reloadSheet(_ environment: AppEnvironment) {
        sheet = try? environment.consultation.sheet(visitId: file.visit.id, by: environment.actor)
        prescribed = (try? environment.prescriptions.prescriptions(visitId: file.visit.id, by: environment.actor)) ?? []
        if environment.session?.can(.referralRead) == true {
            referrals = (try? environment.referrals.referrals(visitId: file.visit.id, by: environment.actor)) ?? []
        }
        if let session = environment.session, session.can(.vitalsWrite) || session.can(.counsellingRead) {
            screening = try? environment.screening.sheet(visitId: file.visit.id, by: environment.actor)
        }
        hivTestLines = Self.hivTestLines(visitId: file.visit.id, environment)
    }

    /// The HIV test lines for the session's role (a read with `screening.hiv.read` is audited).
    static func hivTestLines(visitId: String, _ environment: AppEnvironment) -> [String] {
        guard environment.session?.can(.screeningHIVRead) == true else {
            return (try? environment.hts.isDone(visitId: visitId, by: environment.actor)) == true ? ["HIV test done"] : []
        }
        guard let test = try? environment.hts.test(visitId: visitId, by: environment.actor) else { return [] }
        return [test.line] + (test.tests.isEmpty ? [] : ["Kits: " + test.kitsLine])
    }

    /// Reads this visit's counselling sessions, for roles the service lets read them.
    func loadSessions(_ environment: AppEnvironment) {
        guard environment.session?.can(.counsellingRead) == true else { return }
        do {
            sessions = try environment.counselling.notes(visitId: file.visit.id, by: environment.actor)
            sessionsProblem = nil
        } catch {
            (sessions, sessionsProblem) = ([], userMessage(error))
        }
    }

    /// Whether the sheet shows the counselling sessions (to those who may read them).
    var showsSessions: Bool { file.visit.stage == .counselling }
    /// Whether the sheet lists every vitals set taken, not only the latest.
    var showsEveryVitalsSet: Bool { false }

    public var title: String { "\(file.visit.stage.title) · \(file.patient.folderNumber)" }
    public var contexts: [KeyContext] { [.visit, .list] }
    public var movementHeading: String { "Scrolling the visit sheet:" }
    public var keyBarActions: [KeyAction] { [.help, .complete, .cancelVisit, .back] }

    public func permission(for action: KeyAction) -> Permission? {
        switch action {
        case .addendum: .consultWrite
        case .complete: completion?.permission
        case .cancelVisit: VisitAction.cancel(reason: "").permission
        case .refer: .referralWrite
        default: nil
        }
    }

    /// The workflow step F5 takes in this stage, nil where it asks for more first.
    var completion: VisitAction? { nil }

    /// This stage's own keys; nil for the keys every stage shares.
    func handleStage(_ input: Input, environment: AppEnvironment) -> ScreenAction? { nil }

    public func handle(_ input: Input, environment: AppEnvironment) -> ScreenAction {
        message = nil
        if let action = handleStage(input, environment: environment) { return action }
        switch input.action {
        case .back:
            try? environment.visits.release(visitId: file.visit.id, by: environment.actor)
            return .pop
        case .help: return .showHelp
        case .addendum where sheet?.note?.signedAt != nil: return .push(addendumForm(environment))
        case .complete:
            guard let completion else { return .none }
            return VisitActions.perform(
                completion, visitId: file.visit.id, patient: file.patient.displayName, environment: environment
            ) { message = $0 }
        case .up, .down, .pageUp, .pageDown, .first, .last:
            scroll = VisitSheetView.scrolled(scroll, by: input.action!)
            return .none
        case .cancelVisit:
            return VisitActions.withReason(
                "Cancel visit", intro: "Cancel the visit of \(file.patient.displayName): why?",
                visitId: file.visit.id, patient: file.patient.displayName, environment: environment,
                onError: { message = $0 }
            ) { .cancel(reason: $0) }
        default: return .none
        }
    }

    /// An addendum to the signed note, with the author's name and the time.
    private func addendumForm(_ environment: AppEnvironment) -> FormScreen {
        FormScreen(
            definition: environment.screens["addendum"],
            intro: "The signed note stays as it is; the addendum is added with your name and the time."
        ) {
            [weak self] screen, environment in
            guard let self else { return .pop }
            do {
                try environment.consultation.addAddendum(
                    visitId: file.visit.id, text: screen.form[AddendumField.text], by: environment.actor)
                reloadSheet(environment)
                message = "Addendum added."
                return .pop
            } catch {
                screen.show(FieldProblems([FieldProblem(AddendumField.text, userMessage(error))]))
                return nil
            }
        }
    }

    /// Writes the visit summary for the patient beside the other summaries.
    func writeSummary(_ environment: AppEnvironment) -> ScreenAction {
        do {
            let path = try environment.summaries.write(
                visitId: file.visit.id, into: environment.outputFolder, by: environment.actor)
            message = "Summary written to \(path)"
        } catch {
            message = userMessage(error)
        }
        return .none
    }

    /// One prescription as the sheet and the prescription list show it.
    static func prescriptionLine(_ item: PrescriptionLine) -> String {
        "\(item.description)  \(item.dose.plainText) \(item.frequency.rawValue) × \(item.days)d = \(item.quantity)"
            + (item.allergyOverride == nil ? "" : "  (allergy override)")
    }

    /// The referral as typed in its form.
    static func referralInput(_ form: Form) -> ReferralInput {
        ReferralInput(
            kind: form[ReferralField.kind], destination: form[ReferralField.destination], urgency: form[ReferralField.urgency],
            reason: form[ReferralField.reason])
    }

    /// A referral; saving writes the referral letter beside the visit summaries.
    func referralForm(_ environment: AppEnvironment) -> FormScreen {
        FormScreen(
            definition: environment.screens["referral"], intro: "Refer \(file.patient.displayName)",
            suggested: fieldValues([
                ReferralField.kind: file.visit.stage == .counselling ? "social-services" : "hospital",
                .urgency: "routine",
            ]),
            check: { screen, _ in Self.referralInput(screen.form).validate().fieldProblems }
        ) {
            [weak self] screen, environment in
            guard let self else { return .pop }
            return screen.attempt {
                let input = Self.referralInput(screen.form)
                let referral = try environment.referrals.refer(
                    visitId: file.visit.id, input, letterFolder: environment.outputFolder,
                    by: environment.actor)
                message = "Referral letter written to \(referral.letterPath ?? environment.outputFolder)"
                reloadSheet(environment)
                return .pop
            }
        }
    }
}
