import ClinicDomain
import ClinicServices
import TerminalKit

/// Lines the doctor added to the visit (its diagnoses or its prescriptions), to correct
/// them: F2 adds another, F8 takes the selected one off, and for diagnoses F4 makes it the
/// primary. F3 or Ctrl-P on the consultation opens this once the visit has such a line
/// (before that, they go straight to the ICD-10 list or the formulary).
final class VisitLinesScreen: Screen {
    /// What one kind of line is and how it changes.
    struct Lines {
        let title: String
        /// The noun the heading counts the lines with, singular and plural.
        let noun: (one: String, many: String)
        /// Said after the count, e.g. "* primary"; empty when nothing is.
        let legend: String
        let permission: Permission
        /// The lines now: a key the changes take, and the text shown.
        let rows: (ConsultationScreen) -> [(key: String, text: String)]
        let add: (ConsultationScreen) -> any Screen
        /// Takes line `key` off; returns what to say.
        let remove: (ConsultationScreen, String, AppEnvironment) throws -> String
        /// Makes line `key` the primary one; returns what to say. Nil: lines have no primary.
        let makePrimary: ((ConsultationScreen, String, AppEnvironment) throws -> String)?
    }

    private let lines: Lines
    private weak var visit: ConsultationScreen?
    private var selection = ListSelection()
    private(set) var message: String?

    init(_ lines: Lines, visit: ConsultationScreen) {
        self.lines = lines
        self.visit = visit
        selection.setCount(rows.count)
    }

    private var rows: [(key: String, text: String)] { visit.map(lines.rows) ?? [] }

    var title: String { "\(lines.title) · \(visit?.file.patient.folderNumber ?? "")" }
    var contexts: [KeyContext] { [.list, .record] }
    var keyBarActions: [KeyAction] { [.help, .new] + (lines.makePrimary == nil ? [] : [.edit]) + [.status, .back] }
    func keyLabel(_ action: KeyAction) -> String? {
        switch action {
        case .new: "Add"
        case .edit: "Make primary"
        case .status: "Remove"
        default: nil
        }
    }
    func permission(for action: KeyAction) -> Permission? { [.new, .edit, .status].contains(action) ? lines.permission : nil }

    func handle(_ input: Input, environment: AppEnvironment) -> ScreenAction {
        message = nil
        selection.setCount(rows.count)
        switch input.action {
        case .back: return .pop
        case .help: return .showHelp
        case .up, .down, .pageUp, .pageDown, .first, .last: _ = selection.follow(input)
        case .new: return visit.map { .push(lines.add($0)) } ?? .none
        case .edit where rows.indices.contains(selection.selected):
            if let makePrimary = lines.makePrimary { change(environment, makePrimary) }
        case .status where rows.indices.contains(selection.selected):
            change(environment, lines.remove)
        case .edit, .status:
            message = "Nothing here to act on yet: Add picks one."
        default: break
        }
        return .none
    }

    /// Applies `body` to the selected line, then shows the visit as it now is.
    private func change(_ environment: AppEnvironment, _ body: (ConsultationScreen, String, AppEnvironment) throws -> String) {
        guard let visit else { return }
        let key = rows[selection.selected].key
        do {
            message = try body(visit, key, environment)
            visit.reloadSheet(environment)
            visit.clearMessage()  // "Prescribed …" no longer describes the visit
            selection.setCount(rows.count)
            // The line keeps the selection when it moves (a new primary goes first).
            if let row = rows.firstIndex(where: { $0.key == key }) { selection.select(row) }
        } catch {
            message = userMessage(error)
        }
    }

    func render(into canvas: inout Canvas, top: Int, height: Int, environment: AppEnvironment) {
        selection.setCount(rows.count)
        let intro =
            rows.isEmpty
            ? "None on this visit yet: Add picks one."
            : rows.count.counted(lines.noun.one, plural: lines.noun.many) + (lines.legend.isEmpty ? "" : ", " + lines.legend)
                + ". " + (lines.makePrimary == nil ? "Remove acts" : "Remove and Make primary act")
                + " on the selected one (keys below)."
        canvas.putWrapped(intro, x: 2, y: top + 1, width: canvas.width - 4, style: .strong, maxLines: 2)
        for (row, index) in selection.visibleRange(rows: height - 6).enumerated() {
            canvas.put(
                DisplayWidth.fit(rows[index].text, columns: canvas.width - 4), x: 2, y: top + 4 + row,
                style: index == selection.selected ? .selected : .plain)
        }
        if let message {
            canvas.putWrapped(message, x: 2, y: top + height - 1, width: canvas.width - 4, style: .error, upward: true)
        }
    }
}

extension VisitLinesScreen.Lines {
    /// The visit's diagnoses, primary first.
    static var diagnoses: Self {
        Self(
            title: "Diagnoses", noun: ("diagnosis", "diagnoses"), legend: "* primary", permission: .consultWrite,
            rows: { visit in
                (visit.sheet?.diagnoses ?? []).map {
                    ($0.code, DisplayWidth.fit($0.code + ($0.isPrimary ? "*" : ""), columns: 8) + $0.title)
                }
            },
            add: { $0.diagnosisPicker() },
            remove: { visit, code, environment in
                try environment.consultation.removeDiagnosis(visitId: visit.file.visit.id, code: code, by: environment.actor)
                return "\(code) is off this visit."
            },
            makePrimary: { visit, code, environment in
                if visit.sheet?.diagnoses.contains(where: { $0.code == code && $0.isPrimary }) == true {
                    return "\(code) is the primary diagnosis already."
                }
                try environment.consultation.makePrimary(visitId: visit.file.visit.id, code: code, by: environment.actor)
                return "\(code) is now the primary diagnosis."
            })
    }

    /// The visit's prescriptions, in the order written.
    static var prescriptions: Self {
        Self(
            title: "Prescriptions", noun: ("prescription", "prescriptions"), legend: "", permission: .prescriptionWrite,
            rows: { visit in visit.prescribed.map { (String($0.id), VisitScreen.prescriptionLine($0)) } },
            add: { $0.medicinePicker() },
            remove: { visit, key, environment in
                let removed = try environment.prescriptions.remove(
                    visitId: visit.file.visit.id, prescriptionId: Int64(key) ?? 0,
                    by: environment.actor)
                return "\(removed) is off this visit."
            },
            makePrimary: nil)
    }
}
