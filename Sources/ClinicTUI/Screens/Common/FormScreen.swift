import ClinicDomain
import ClinicServices
import TerminalKit

/// A screen that is one form from `Screens/*.yaml`: type, Tab between fields, Enter on the
/// last field submits, Esc goes back. What submitting does is given by the creator.
public final class FormScreen: Screen {
    /// Runs on submit; returns what the app should do next, or nil to stay (after setting errors).
    public typealias Submit = (FormScreen, AppEnvironment) -> ScreenAction?

    public var form: Form
    /// A message under the form (an error, or the result of the last submit).
    public var message: String?
    /// A status line above the message, kept current by `onChange` (e.g. the roster status).
    public var note: String?
    public let definition: ScreenDefinition
    /// Runs after every edit, to update `note` from what was typed.
    public var onChange: ((FormScreen, AppEnvironment) -> Void)?
    /// The rules submitting applies, run when focus leaves a field: a problem with the field
    /// just left shows at once instead of at save (a field left empty waits for the submit).
    public var checkOnLeave: ((FormScreen, AppEnvironment) -> FieldProblems?)?
    /// Pickers by field id: Enter in such a field asks its picker first, which returns the
    /// screen to choose from (filled in from what was typed), or nil to move on as usual.
    public var pickers: [String: (FormScreen, AppEnvironment) -> ScreenAction?] = [:]
    /// The column the fields stop before, when the screen draws something beside them.
    public var fieldsEnd: Int?
    /// Fields that do not apply to what is typed so far (the PHQ-9's items after a negative
    /// PHQ-2): moving passes over them.
    public var passesOver: ((FormScreen) -> Set<String>)?
    private let titleText: String
    private let intro: String
    private let onSubmit: Submit
    /// The values the form opened with: only what was typed since counts as unsaved.
    private let initialValues: [String: String]
    private var discard = DiscardGuard()

    /// `values` prefill fields as text to edit; `suggested` fills them with a default that
    /// the first key typed in the field replaces; `check` is the `checkOnLeave` rule.
    public init(
        definition: ScreenDefinition, title: String? = nil, intro: String = "",
        values: [String: String] = [:], suggested: [String: String] = [:],
        check: ((FormScreen, AppEnvironment) -> FieldProblems?)? = nil, onSubmit: @escaping Submit
    ) {
        self.definition = definition
        checkOnLeave = check
        titleText = title ?? definition.title
        self.intro = intro
        self.onSubmit = onSubmit
        form = definition.makeForm()
        for (id, value) in values { form[id] = value }
        for (id, value) in suggested { form.suggest(value, for: id) }
        initialValues = Dictionary(uniqueKeysWithValues: form.fields.map { ($0.id, $0.input.text) })
    }

    /// How many fields hold typed text that was not there when the form opened.
    public var typedCount: Int {
        form.fields.filter {
            $0.input.text != initialValues[$0.id] && !$0.input.text.trimmingCharacters(in: .whitespaces).isEmpty
        }.count
    }

    public var unsavedValueCount: Int { typedCount }

    /// Esc: closes at once when nothing was typed, else asks first (`answer` takes the reply).
    func leave() -> ScreenAction {
        let (leave, question) = discard.mayLeave(typed: typedCount)
        if let question { message = question }
        return leave ? .pop : .none
    }

    /// The reply to the discard question, when one is pending: pop or stay.
    func answerDiscard(_ key: Key) -> ScreenAction? {
        guard let discards = discard.answer(key) else { return nil }
        message = discards ? nil : Self.keptMessage
        return discards ? .pop : ScreenAction.none
    }

    public var title: String { titleText }
    public var contexts: [KeyContext] { [.form] }
    public var capturesText: Bool { true }
    public var keyBarActions: [KeyAction] { definition.keys }

    public func handle(_ input: Input, environment: AppEnvironment) -> ScreenAction {
        if let answer = answerDiscard(input.key) { return answer }
        switch input.action {
        case .back: return leave()
        case .help: return .showHelp
        case .submit:
            if let id = form.focusedField?.id, let picker = pickers[id], let action = picker(self, environment) {
                return action
            }
            if form.focus < form.fields.count - 1 {
                move(.tab, environment)
                return .none
            }
            form.clearErrors()
            message = nil
            return onSubmit(self, environment) ?? .none
        case .nextField, .prevField:
            move(input.action == .nextField ? .tab : .backTab, environment)
            if message == Self.keptMessage { message = nil }
        default:
            let error = form.focusedField?.error
            if form.handle(input.key) { onChange?(self, environment) }
            // The message that repeated the corrected field's error goes with it.
            if let error, form.focusedField?.error == nil, message == error { message = nil }
            if message == Self.keptMessage { message = nil }
        }
        recountMarkedFields()
        return .none
    }

    /// Keeps "Please correct the N marked fields." true as fields are corrected (or newly
    /// marked as they are left); with one left, its own error under the form says it.
    private func recountMarkedFields() {
        guard message?.hasPrefix(Self.correctPrefix) == true else { return }
        let marked = form.fields.filter { $0.error != nil }.count
        message = marked > 1 ? "\(Self.correctPrefix)\(marked) marked fields." : nil
    }

    private static let correctPrefix = "Please correct the "

    static let keptMessage = "Kept; carry on typing."

    /// Moves focus with `key`; then `checkOnLeave` judges the field that was left, and a mark
    /// the check put (or would put) on another field goes once the check no longer finds it:
    /// correcting the date of birth clears the SA ID's "gives date of birth …" mark.
    private func move(_ key: Key, _ environment: AppEnvironment) {
        let left = form.focusedField
        _ = form.handle(key)
        let skipped = passesOver?(self) ?? []
        while let id = form.focusedID, skipped.contains(id), form.focus > 0, form.focus < form.fields.count - 1 {
            _ = form.handle(key)
        }
        guard let left, let checkOnLeave, form.focusedField?.id != left.id else { return }
        let found = checkOnLeave(self, environment)?.problems ?? []
        if !left.input.text.trimmingCharacters(in: .whitespaces).isEmpty,
            let problem = found.first(where: { $0.field == left.id })
        {
            form.setError(problem.message, on: left.id)
        }
        for field in form.fields {
            guard let error = field.error else { continue }
            if found.contains(where: { $0.field == field.id && $0.message == error }) {
                checkedMarks[field.id] = error
            } else if checkedMarks[field.id] == error {
                form.setError(nil, on: field.id)
                checkedMarks[field.id] = nil
            }
        }
    }

    /// Marks the check has found, by field: only those go by themselves when the check no
    /// longer finds them (a refusal the submit alone knows, such as a duplicate, stays).
    private var checkedMarks: [String: String] = [:]

    /// Runs a submit: returns its action when it succeeds; field problems are shown at their
    /// fields and any other error as the message, and the screen stays (nil).
    public func attempt(_ body: () throws -> ScreenAction) -> ScreenAction? {
        do {
            return try body()
        } catch PatientError.invalid(let problems) {
            show(problems)
        } catch let problems as FieldProblems {
            show(problems)
        } catch {
            message = userMessage(error)
        }
        return nil
    }

    /// Shows `problems` at their fields and focuses the first one.
    public func show(_ problems: FieldProblems) {
        for problem in problems.problems { form.setError(problem.message, on: problem.field) }
        if let first = form.fields.first(where: { $0.error != nil }) { form.focus(on: first.id) }
        let count = problems.problems.count
        if count == 1, form.fields.contains(where: { $0.id == problems.problems[0].field }) {
            message = nil  // shown at its field and, whole, under the form: a message would repeat it
        } else {
            message = count == 1 ? problems.problems[0].message : "\(Self.correctPrefix)\(count) marked fields."
        }
    }

    /// The values of every field, by id.
    public var values: [String: String] {
        Dictionary(uniqueKeysWithValues: form.fields.map { ($0.id, $0.input.text) })
    }

    public func render(into canvas: inout Canvas, top: Int, height: Int, environment: AppEnvironment) {
        var y = top
        if !intro.isEmpty {
            y += max(1, canvas.putWrapped(intro, x: 2, y: y, width: canvas.width - 4, style: .muted, maxLines: 2)) + 1
        }
        let rowStep = form.fields.count * 2 + y + 3 > top + height ? 1 : 2
        let labelWidth = (form.fields.map { DisplayWidth.of($0.label) }.max() ?? 10) + 1
        form.render(
            into: &canvas, x: 2, y: y, labelWidth: labelWidth, rowStep: rowStep,
            height: top + height - 4 - y, focusedErrorShownBelow: true, right: fieldsEnd)
        renderFooter(into: &canvas, bottom: top + height - 1, rows: 4)
    }

    /// The four rows under the fields, from the bottom up: the focused field's error or help
    /// (whole, wrapped), the message unless it repeats that error, then the note. Each keeps
    /// at least its one row, so the footer does not jump as texts come and go.
    private func renderFooter(into canvas: inout Canvas, bottom: Int, rows: Int) {
        let width = canvas.width - 4
        let field = form.focusedField
        let shownMessage = message == field?.error ? nil : message
        var y = bottom
        if let field {
            y -= max(
                1,
                canvas.putWrapped(
                    field.error ?? field.help, x: 2, y: y, width: width,
                    style: field.error == nil ? .muted : .error, maxLines: 2, upward: true))
        }
        // The message (a refusal, an allergy conflict) before the note: it may take every row left.
        let room = y - (bottom - rows)
        if let shownMessage, room > 0 {
            y -= max(1, canvas.putWrapped(shownMessage, x: 2, y: y, width: width, style: .error, maxLines: room, upward: true))
        } else {
            y -= 1
        }
        if let note, y > bottom - rows { canvas.put(DisplayWidth.fit(note, columns: width), x: 2, y: y, style: .strong) }
    }
}

extension FieldProblems {
    /// The field problems `check` throws, or nil when it passes (or fails some other way,
    /// which the submit then says): for a `FormScreen.checkOnLeave` built on a throwing check.
    public static func thrown(by check: () throws -> Void) -> FieldProblems? {
        do {
            try check()
            return nil
        } catch {
            return error as? FieldProblems
        }
    }
}

extension Result where Failure == FieldProblems {
    /// The problems, or nil when the values passed: what `FormScreen.checkOnLeave` returns.
    public var fieldProblems: FieldProblems? {
        if case .failure(let problems) = self { return problems }
        return nil
    }
}
