import ClinicServices
import TerminalKit

/// A search field answering on every keystroke over a two-column result list: Enter picks
/// the selected row; when the picker has an alternate pick, F2 picks it that way (e.g. "as
/// primary"). Used for ICD-10 codes, formulary medicines, patients, stops and slots.
final class SearchPickerScreen: Screen {
    /// One result row: a short key and a description, and what it stands for when the key
    /// is not enough (e.g. a patient's id).
    struct Row {
        let key: String
        let text: String
        var id: String? = nil
    }

    /// What happens on a pick: returns the next action, or nil to stay (with `message` set).
    typealias Pick = (SearchPickerScreen, Row, _ alternate: Bool, AppEnvironment) -> ScreenAction?

    let title: String
    private(set) var query = TextField(maxLength: 60)
    private(set) var rows: [Row] = []
    var message: String?
    private let hint: String
    private let search: (String, AppEnvironment) throws -> [Row]
    private let onPick: Pick
    private var table: Table
    private let alternate: String?
    /// What Enter does here, for the key bar and the help ("Add", "Book", "Choose").
    private let openLabel: String
    private var changes = ChangeWatcher()

    /// `alternate` names the F2 pick in the key bar; without it F2 does nothing. With
    /// `listAtOnce`, the rows for `query` (empty unless given) show before anything is typed.
    init(
        title: String, keyColumn: String, keyWidth: Int = 9, hint: String, openLabel: String = "Choose", alternate: String? = nil,
        query: String = "", listAtOnce: AppEnvironment? = nil, search: @escaping (String, AppEnvironment) throws -> [Row],
        onPick: @escaping Pick
    ) {
        self.title = title
        self.hint = hint
        self.search = search
        self.onPick = onPick
        self.alternate = alternate
        self.openLabel = openLabel
        table = Table(columns: [TableColumn(keyColumn, width: keyWidth), TableColumn("Description", width: 60)])
        self.query.text = query
        if let environment = listAtOnce { find(environment) }
    }

    var contexts: [KeyContext] { [.list] }
    var capturesText: Bool { true }
    var keyBarActions: [KeyAction] { alternate == nil ? [.help, .open, .back] : [.help, .open, .new, .back] }
    func keyLabel(_ action: KeyAction) -> String? {
        switch action {
        case .new: alternate
        case .open: openLabel
        default: nil
        }
    }

    private func find(_ environment: AppEnvironment) {
        do {
            rows = try search(query.text, environment)
            message = query.text.isEmpty || !rows.isEmpty ? nil : "Nothing matches."
        } catch {
            message = userMessage(error)
        }
        table.selection = ListSelection(count: rows.count)
    }

    /// Runs the search again, keeping the message and (as far as it goes) the selection:
    /// after a pick that stayed here, or a change on any terminal, the rows say what is true now.
    private func refresh(_ environment: AppEnvironment) {
        let (kept, selected) = (message, table.selection.selected)
        find(environment)
        message = kept ?? message
        table.selection.select(min(selected, max(0, rows.count - 1)))
    }

    func tick(environment: AppEnvironment) {
        if changes.changed(environment) { refresh(environment) }
    }

    func handle(_ input: Input, environment: AppEnvironment) -> ScreenAction {
        switch input.action {
        case .back: return .pop
        case .help: return .showHelp
        case .up, .down, .pageUp, .pageDown:
            _ = table.selection.follow(input)
        case .open, .new:
            guard rows.indices.contains(table.selection.selected), input.action == .open || alternate != nil else { return .none }
            message = nil
            guard let next = onPick(self, rows[table.selection.selected], input.action == .new, environment) else {
                refresh(environment)
                return .none
            }
            return next
        default:
            guard query.edit(input.key) else { return .none }
            find(environment)
        }
        return .none
    }

    func render(into canvas: inout Canvas, top: Int, height: Int, environment: AppEnvironment) {
        canvas.put("Find:", x: 2, y: top + 1, style: .strong)
        query.render(into: &canvas, x: 8, y: top + 1, width: 40, style: Style(underline: true), focused: true)
        // Two lines, the one under the field and the blank one above the table, so no hint is cut.
        canvas.putWrapped(hint, x: 8, y: top + 2, width: canvas.width - 10, style: .muted, maxLines: 2)
        table.columns[1].width = canvas.width - 4 - table.columns[0].width - 2
        table.render(
            rows: rows.map { [$0.key, $0.text] }, into: &canvas, x: 2, y: top + 4, width: canvas.width - 4,
            height: height - 6)
        if let message {
            canvas.putWrapped(message, x: 2, y: top + height - 1, width: canvas.width - 4, style: .strong, upward: true)
        }
    }
}
