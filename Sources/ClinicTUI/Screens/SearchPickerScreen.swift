import ClinicServices
import TerminalKit

/// A search field answering on every keystroke over a two-column result list: Enter picks
/// the selected row, F2 picks it the other way (e.g. "as primary"). Used for ICD-10 codes
/// and formulary medicines.
final class SearchPickerScreen: Screen {
    /// One result row: a short key and a description.
    struct Row {
        let key: String
        let text: String
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

    init(title: String, keyColumn: String, hint: String, search: @escaping (String, AppEnvironment) throws -> [Row],
         onPick: @escaping Pick) {
        self.title = title
        self.hint = hint
        self.search = search
        self.onPick = onPick
        table = Table(columns: [TableColumn(keyColumn, width: 9), TableColumn("Description", width: 60)])
    }

    var contexts: [KeyContext] { [.list] }
    var capturesText: Bool { true }
    var keyBarActions: [KeyAction] { [.help, .open, .new, .back] }

    func handle(_ input: Input, environment: AppEnvironment) -> ScreenAction {
        switch input.action {
        case .back: return .pop
        case .help: return .showHelp
        case .up, .down, .pageUp, .pageDown:
            _ = table.selection.handle(input.key, pageSize: 10)
        case .open, .new:
            guard rows.indices.contains(table.selection.selected) else { return .none }
            message = nil
            return onPick(self, rows[table.selection.selected], input.action == .new, environment) ?? .none
        default:
            guard query.handle(input.key) else { return .none }
            do {
                rows = try search(query.text, environment)
                message = query.text.isEmpty || !rows.isEmpty ? nil : "Nothing matches."
            } catch {
                message = "\(error)"
            }
            table.selection = ListSelection(count: rows.count)
        }
        return .none
    }

    func render(into canvas: inout Canvas, top: Int, height: Int, environment: AppEnvironment) {
        canvas.put("Find:", x: 2, y: top + 1, style: .strong)
        query.render(into: &canvas, x: 8, y: top + 1, width: 40, style: Style(underline: true), focused: true)
        canvas.put(hint, x: 8, y: top + 2, style: .muted, maxWidth: canvas.width - 10)
        table.columns[1].width = canvas.width - 4 - table.columns[0].width - 2
        table.render(rows: rows.map { [$0.key, $0.text] }, into: &canvas, x: 2, y: top + 4, width: canvas.width - 4,
                     height: height - 6)
        if let message { canvas.put(message, x: 2, y: top + height - 1, style: .strong, maxWidth: canvas.width - 4) }
    }
}
