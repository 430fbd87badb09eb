import ClinicDomain
import ClinicServices
import TerminalKit

/// The visit's diagnoses, to correct them: F2 adds from the ICD-10 list, F4 makes the
/// selected one the primary, F8 takes it off the visit. F3 on the consultation opens it once
/// the visit has a diagnosis (before that, F3 goes straight to the ICD-10 list).
final class DiagnosesScreen: Screen {
    private weak var visit: VisitScreen?
    private var selection = ListSelection()
    private(set) var message: String?

    init(visit: VisitScreen) {
        self.visit = visit
        selection.setCount(rows.count)
    }

    /// The visit's diagnoses, primary first, with their titles.
    private var rows: [(code: String, primary: Bool, title: String)] {
        visit?.sheet?.diagnoses.map { ($0.0.code, $0.0.isPrimary, $0.1) } ?? []
    }

    var title: String { "Diagnoses · \(visit?.file.patient.folderNumber ?? "")" }
    var contexts: [KeyContext] { [.list, .record] }
    var keyBarActions: [KeyAction] { [.help, .new, .edit, .status, .back] }
    func keyLabel(_ action: KeyAction) -> String? {
        switch action {
        case .new: "Add"
        case .edit: "Make primary"
        case .status: "Remove"
        default: nil
        }
    }
    func permission(for action: KeyAction) -> Permission? { [.new, .edit, .status].contains(action) ? .consultWrite : nil }

    func handle(_ input: Input, environment: AppEnvironment) -> ScreenAction {
        message = nil
        selection.setCount(rows.count)
        switch input.action {
        case .back: return .pop
        case .help: return .showHelp
        case .up, .down, .pageUp, .pageDown, .first, .last: _ = selection.follow(input)
        case .new: return visit.map { .push($0.diagnosisPicker()) } ?? .none
        case .edit where rows.indices.contains(selection.selected):
            change(environment) { try environment.consultation.makePrimary(visitId: $0, code: $1, by: environment.actor) }
        case .status where rows.indices.contains(selection.selected):
            change(environment) { try environment.consultation.removeDiagnosis(visitId: $0, code: $1, by: environment.actor) }
        default: break
        }
        return .none
    }

    /// Applies `body` to the selected diagnosis, then shows the visit as it now is.
    private func change(_ environment: AppEnvironment, _ body: (String, String) throws -> Void) {
        guard let visit else { return }
        let code = rows[selection.selected].code
        do {
            try body(visit.file.visit.id, code)
            visit.reloadSheet(environment)
            selection.setCount(rows.count)
            message = rows.contains { $0.code == code } ? "\(code) is now the primary diagnosis." : "\(code) is off this visit."
        } catch {
            message = userMessage(error)
        }
    }

    func render(into canvas: inout Canvas, top: Int, height: Int, environment: AppEnvironment) {
        selection.setCount(rows.count)
        let intro = rows.isEmpty ? "No diagnoses on this visit yet: Add picks one from the ICD-10 list."
            : "\(rows.count) diagnosis(es), * primary. Make primary and Remove act on the selected one (keys below)."
        canvas.putWrapped(intro, x: 2, y: top + 1, width: canvas.width - 4, style: .strong, maxLines: 2)
        for (row, index) in selection.visibleRange(rows: height - 6).enumerated() {
            let diagnosis = rows[index]
            let line = diagnosis.code + (diagnosis.primary ? "*" : "") + "  " + diagnosis.title
            canvas.put(DisplayWidth.fit(line, columns: canvas.width - 4), x: 2, y: top + 4 + row,
                       style: index == selection.selected ? .selected : .plain)
        }
        if let message { canvas.putWrapped(message, x: 2, y: top + height - 1, width: canvas.width - 4, style: .error, upward: true) }
    }
}
