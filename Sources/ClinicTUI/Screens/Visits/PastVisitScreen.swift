import ClinicDomain
import ClinicServices
import TerminalKit

/// A visit opened from the patient's record, read-only whatever its stage: every vitals set
/// with its colour, the note with its addenda, diagnoses, prescriptions and what was
/// dispensed, referrals (for roles that read them), counselling sessions (for roles with
/// `counselling.read`) and the timeline. F4 writes the patient's summary again.
final class PastVisitScreen: VisitScreen {
    /// Opens (and audits the opening of) the visit with `id`, or says why not.
    static func open(id: String, environment: AppEnvironment) -> ScreenAction {
        do {
            return .push(
                PastVisitScreen(file: try environment.visits.open(visitId: id, by: environment.actor), environment: environment))
        } catch {
            return .confirm(userMessage(error))
        }
    }

    override func reloadSheet(_ environment: AppEnvironment) {
        super.reloadSheet(environment)
        loadSessions(environment)
    }

    /// Why a workflow key does nothing here, and where the visit is changed instead.
    private func refuse(_ environment: AppEnvironment) -> ScreenAction {
        message =
            file.visit.stage.isOpen
            ? "Opened from the record to read: the \(file.visit.stage.rawValue) queue is where this visit is worked on."
            : "This visit is \(file.visit.stage.rawValue): it is read here, not changed."
        return .none
    }

    override var title: String {
        "Visit \(CalendarDate(file.visit.arrivedAt)) · \(file.patient.folderNumber) · \(file.visit.stage.rawValue)"
    }
    override var keyBarActions: [KeyAction] { [.help, .summary, .back] }
    override var showsSessions: Bool { true }
    override var showsEveryVitalsSet: Bool { true }

    /// Only reading keys act here: the visit is neither taken nor changed from the record.
    override func handleStage(_ input: Input, environment: AppEnvironment) -> ScreenAction? {
        switch input.action {
        case .back: .pop
        case .summary: writeSummary(environment)
        case .help, .up, .down, .pageUp, .pageDown, .first, .last: nil
        case .none: ScreenAction.none
        default:
            // A key of the visit screens: said in words rather than ignored.
            refuse(environment)
        }
    }
}
