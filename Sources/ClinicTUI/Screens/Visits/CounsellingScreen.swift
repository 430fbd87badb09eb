import ClinicDomain
import ClinicServices
import TerminalKit

/// A visit in counselling: confidential session notes, referrals, completing to closure.
final class CounsellingScreen: VisitScreen {
    override var keyBarActions: [KeyAction] {
        [.help, .note, .screening, .hivTest, .refer, .complete, .addendum, .cancelVisit, .back]
    }

    override func permission(for action: KeyAction) -> Permission? {
        if action == .hivTest { return .screeningHIVRead }
        return [.note, .screening].contains(action) ? .counsellingWrite : super.permission(for: action)
    }

    override var completion: VisitAction? { .completeCounselling }

    /// The sheet and, for roles that may read them, the notes of this visit's sessions and
    /// of the patient's earlier ones.
    override func reloadSheet(_ environment: AppEnvironment) {
        super.reloadSheet(environment)
        loadSessions(environment)
        guard environment.session?.can(.counsellingRead) == true else { return }
        do {
            earlierSessions = try environment.counselling.earlierNotes(
                patientId: file.patient.id, except: file.visit.id, by: environment.actor)
        } catch {
            sessionsProblem = userMessage(error)
        }
    }

    override func handleStage(_ input: Input, environment: AppEnvironment) -> ScreenAction? {
        switch input.action {
        case .note: .push(counsellingScreen(environment))
        case .refer: .push(referralForm(environment))
        case .screening: screeningForm(environment)
        case .hivTest: hivTestForm(environment)
        default: nil
        }
    }

    /// The mood and alcohol screen (and the rest of the screening form) for this visit.
    private func screeningForm(_ environment: AppEnvironment) -> ScreenAction {
        PanelForm.open(
            { try ScreeningScreen(file: file, environment: environment) },
            reload: { [weak self] in self?.reloadSheet(environment) }, refused: { [weak self] in self?.message = $0 })
    }

    /// HIV testing services for this visit.
    private func hivTestForm(_ environment: AppEnvironment) -> ScreenAction {
        PanelForm.open(
            { try HTSScreen(file: file, environment: environment) },
            reload: { [weak self] in self?.reloadSheet(environment) }, refused: { [weak self] in self?.message = $0 })
    }

    /// A confidential counselling session note, each part in its own multi-line section.
    private func counsellingScreen(_ environment: AppEnvironment) -> NoteEditorScreen {
        NoteEditorScreen(definition: environment.screens["counselling"], values: [:]) {
            [weak self] editor, environment in
            guard let self else { return .pop }
            do {
                try environment.counselling.record(
                    visitId: file.visit.id, sessionType: editor[CounsellingField.sessionType],
                    notes: editor[CounsellingField.notes], outcome: editor[CounsellingField.outcome],
                    referral: editor[CounsellingField.referral], by: environment.actor)
                reloadSheet(environment)
                message = "Session recorded."
                return .pop
            } catch {
                editor.fail(userMessage(error))
                return nil
            }
        }
    }
}
