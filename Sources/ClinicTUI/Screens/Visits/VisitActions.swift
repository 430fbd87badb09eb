import ClinicDomain
import ClinicServices
import TerminalKit

/// The workflow keys shared by the visit screens: ask for a reason where one is needed,
/// perform the action through the service, and go back to the queue on success, saying
/// where the patient went.
enum VisitActions {
    /// Performs `action` now, or shows why not.
    static func perform(
        _ action: VisitAction, visitId: String, patient: String, environment: AppEnvironment,
        onError: (String) -> Void
    ) -> ScreenAction {
        do {
            let visit = try environment.visits.perform(action, visitId: visitId, by: environment.actor)
            return .sequence([.pop, .confirm(confirmation(patient, now: visit.stage))])
        } catch {
            onError(userMessage(error))
            return .none
        }
    }

    /// A reason prompt whose submit performs `make(reason)`; both screens close on success.
    /// An action the workflow refuses whatever the reason is refused before the prompt opens,
    /// through `onError`.
    static func withReason(
        _ title: String, intro: String, label: String? = nil, visitId: String, patient: String,
        environment: AppEnvironment, onError: (String) -> Void,
        _ make: @escaping (String) -> VisitAction
    ) -> ScreenAction {
        do {
            try environment.visits.check(make("reason given"), visitId: visitId, by: environment.actor)
        } catch {
            onError(userMessage(error))
            return .none
        }
        let form = FormScreen(definition: environment.screens["reason"], title: title, intro: intro) { screen, environment in
            do {
                let visit = try environment.visits.perform(
                    make(screen.form[ReasonField.reason]), visitId: visitId, by: environment.actor)
                return .sequence([.pop, .pop, .confirm(confirmation(patient, now: visit.stage))])
            } catch {
                screen.show(FieldProblems([FieldProblem(ReasonField.reason, userMessage(error))]))
                return nil
            }
        }
        if let label, let index = form.form.fields.firstIndex(where: { $0.id == ReasonField.reason.rawValue }) {
            form.form.fields[index].label = label
        }
        return .push(form)
    }

    /// What the screen the user returns to says once a visit has moved on:
    /// "MOKOENA, Thabo → consultation queue", "… visit closed".
    static func confirmation(_ patient: String, now stage: VisitStage) -> String {
        switch stage {
        case .closed: "\(patient): visit closed."
        case .cancelled: "\(patient): visit cancelled."
        default: "\(patient) → \(stage.rawValue) queue."
        }
    }

    /// One line per timeline event: time, stage change, who, why.
    static func timeline(_ events: [VisitStep]) -> [String] {
        events.map { event in
            let time = ClinicTime.clockText(event.at)
            let from = event.fromStage.map { "\($0.rawValue) → " } ?? ""
            return "\(time)  \(from)\(event.toStage.rawValue)  \(event.actor)" + (event.reason.map { ": \($0)" } ?? "")
        }
    }
}
