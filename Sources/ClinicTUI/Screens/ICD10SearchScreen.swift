import ClinicServices
import ClinicStore
import TerminalKit

/// Incremental ICD-10 search by code or words; Enter adds the selected code as a
/// diagnosis, F2 adds it as the primary diagnosis.
final class ICD10SearchScreen: Screen {
    private(set) var query = TextField(maxLength: 60)
    private(set) var results: [ICD10Record] = []
    private(set) var message: String?
    private let visitId: String
    private let onAdded: (AppEnvironment) -> Void
    private var table = Table(columns: [TableColumn("Code", width: 7), TableColumn("Title", width: 60)])

    init(visitId: String, onAdded: @escaping (AppEnvironment) -> Void) {
        self.visitId = visitId
        self.onAdded = onAdded
    }

    var title: String { "Add diagnosis (ICD-10)" }
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
            guard results.indices.contains(table.selection.selected) else { return .none }
            let record = results[table.selection.selected]
            do {
                try environment.consultation.addDiagnosis(visitId: visitId, code: record.code, primary: input.action == .new,
                                                          by: environment.actor)
                message = "Added \(record.code)\(input.action == .new ? " as primary" : ""): \(record.title)"
                onAdded(environment)
            } catch {
                message = "\(error)"
            }
        default:
            if query.handle(input.key) {
                do {
                    results = try environment.consultation.searchCodes(query.text, by: environment.actor)
                    message = query.text.isEmpty || !results.isEmpty ? nil : "No code matches."
                } catch {
                    message = "\(error)"
                }
                table.selection = ListSelection(count: results.count)
            }
        }
        return .none
    }

    func render(into canvas: inout Canvas, top: Int, height: Int, environment: AppEnvironment) {
        canvas.put("Find:", x: 2, y: top + 1, style: .strong)
        query.render(into: &canvas, x: 8, y: top + 1, width: 40, style: Style(underline: true), focused: true)
        canvas.put("Code (J06.9) or words (upper resp). Enter adds, F2 adds as primary.", x: 8, y: top + 2, style: .muted,
                   maxWidth: canvas.width - 10)
        table.columns[1].width = canvas.width - 4 - 9
        table.render(rows: results.map { [$0.code, $0.title] }, into: &canvas, x: 2, y: top + 4, width: canvas.width - 4,
                     height: height - 6)
        if let message { canvas.put(message, x: 2, y: top + height - 1, style: .strong, maxWidth: canvas.width - 4) }
    }
}
