import ClinicDomain
import ClinicServices
import TerminalKit

/// A note in sections, one multi-line editor each: the SOAP note of
/// `Screens/consultation-note.yaml` (signed on completion) and the counselling session of
/// `Screens/counselling.yaml`. Tab moves between sections, F2 (or Ctrl-S) saves.
final class NoteEditorScreen: Screen {
    let definition: ScreenDefinition
    private(set) var sections: [TextArea]
    private(set) var focus = 0
    private(set) var message: String?
    private let onSave: (NoteEditorScreen, AppEnvironment) -> ScreenAction?
    /// The sections as opened, to tell what Esc would throw away.
    private let original: [String]
    private var discard = DiscardGuard()

    init(
        definition: ScreenDefinition, values: [String: String],
        onSave: @escaping (NoteEditorScreen, AppEnvironment) -> ScreenAction?
    ) {
        self.definition = definition
        self.onSave = onSave
        sections = definition.fields.map { TextArea(values[$0.id] ?? "") }
        original = sections.map(\.text)
    }

    /// How many sections were changed since the editor opened.
    var changedCount: Int { zip(sections, original).filter { $0.text != $1 }.count }
    var unsavedValueCount: Int { changedCount }

    /// The text of section `section`.
    subscript<Section: FieldID>(section: Section) -> String {
        definition.fields.firstIndex { $0.id == section.rawValue }.map { sections[$0].text } ?? ""
    }

    func fail(_ text: String) { message = text }

    var title: String { definition.title }
    var contexts: [KeyContext] { [.editor] }
    var capturesText: Bool { true }
    var keyBarActions: [KeyAction] { definition.keys }

    func handle(_ input: Input, environment: AppEnvironment) -> ScreenAction {
        if let discarding = discard.answer(input.key) {
            message = nil
            return discarding ? .pop : .none
        }
        switch input.action {
        case .back:
            let (leave, question) = discard.mayLeave(typed: changedCount)
            message = question.map { $0.replacingOccurrences(of: "typed value", with: "changed section") }
            return leave ? .pop : .none
        case .help: return .showHelp
        case .save:
            message = nil
            return onSave(self, environment) ?? .none
        case .nextSection: focus = (focus + 1) % sections.count
        case .prevSection: focus = (focus + sections.count - 1) % sections.count
        default: _ = sections[focus].handle(input.key)
        }
        return .none
    }

    func render(into canvas: inout Canvas, top: Int, height: Int, environment: AppEnvironment) {
        let available = height - 3
        let each = max(2, available / max(1, sections.count))
        var y = top
        for (index, field) in definition.fields.enumerated() {
            canvas.put(
                field.label + (index == focus ? "  — " + field.help : ""), x: 2, y: y,
                style: index == focus ? .strong : .muted, maxWidth: canvas.width - 4)
            sections[index].render(
                into: &canvas, x: 4, y: y + 1, width: canvas.width - 6, height: each - 1,
                style: index == focus ? Style(underline: false) : .plain, focused: index == focus)
            y += each
        }
        if let message {
            canvas.putWrapped(message, x: 2, y: top + height - 1, width: canvas.width - 4, style: .error, upward: true)
        }
    }
}
