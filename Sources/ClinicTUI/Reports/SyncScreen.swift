import ClinicServices
import TerminalKit

/// The administrator's sync screen: when the truck last synced and what waits, and the
/// conflicts between trucks, open first. F5 keeps the central value, F6 the truck's.
final class SyncScreen: Screen {
    private(set) var status = ""
    private(set) var conflicts: [SyncConflict] = []
    private(set) var message: String?
    private var changes = ChangeWatcher()
    private var table = Table(columns: [
        TableColumn("Folder", width: 11), TableColumn("Patient", width: 12), TableColumn("Field", width: 9),
        TableColumn("Central", width: 14), TableColumn("Other truck", width: 19), TableColumn("State", width: 8),
    ])

    init(environment: AppEnvironment) { load(environment) }

    private func load(_ environment: AppEnvironment) {
        do {
            status = SyncStatusText.line(try environment.syncLedger.status(by: environment.actor))
            conflicts = try environment.syncLedger.conflicts(by: environment.actor)
        } catch {
            message = userMessage(error)
        }
    }

    var title: String { "Sync status and conflicts" }
    var contexts: [KeyContext] { [.sync, .list] }
    /// Keeping a side is offered only when there is a conflict to settle.
    var keyBarActions: [KeyAction] { conflicts.isEmpty ? [.help, .back] : [.help, .keepCentral, .keepTruck, .back] }

    func handle(_ input: Input, environment: AppEnvironment) -> ScreenAction {
        switch input.action {
        case .back: return .pop
        case .help: return .showHelp
        case .keepCentral, .keepTruck:
            guard conflicts.indices.contains(table.selection.selected) else { return .none }
            let conflict = conflicts[table.selection.selected]
            message = outcome {
                try environment.syncLedger.resolve(
                    conflict.id, keep: input.action == .keepCentral ? .central : .truck,
                    by: environment.actor)
                return "Resolved \(conflict.folderNumber) \(conflict.field); the choice goes to the centre on the next sync."
            }
            load(environment)
        default: table.selection.follow(input)
        }
        return .none
    }

    func tick(environment: AppEnvironment) {
        if changes.changed(environment) { load(environment) }
    }

    func render(into canvas: inout Canvas, top: Int, height: Int, environment: AppEnvironment) {
        canvas.put(status, x: 2, y: top, style: .strong, maxWidth: canvas.width - 4)
        canvas.put(
            "Run `clinic sync` at the truck's shell when online.", x: 2, y: top + 1, style: .muted, maxWidth: canvas.width - 4)
        if conflicts.isEmpty {
            canvas.put("No conflicts between trucks.", x: 2, y: top + 3, style: .muted)
        } else {
            let rows = conflicts.map {
                [
                    $0.folderNumber, "\($0.surname), \($0.firstNames)", $0.field, $0.centralValue,
                    "\($0.truckValue) (\($0.site))",
                    $0.isOpen ? "open" : "resolved",
                ]
            }
            table.render(rows: rows, into: &canvas, x: 1, y: top + 3, width: canvas.width - 2, height: height - 5)
        }
        if let message {
            canvas.putWrapped(message, x: 2, y: top + height - 1, width: canvas.width - 4, style: .strong, upward: true)
        }
    }
}
