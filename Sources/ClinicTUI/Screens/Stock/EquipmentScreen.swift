import ClinicDomain
import ClinicServices
import TerminalKit

/// The equipment register: what the truck carries, where, its status and next service.
/// Enter opens an asset's history; New registers one. Follows changes on any terminal.
final class EquipmentScreen: Screen {
    private(set) var assets: [EquipmentItem] = []
    private(set) var message: String?
    private var changes = ChangeWatcher()
    private var table = Table(columns: [
        TableColumn("Type", width: 14), TableColumn("Make / model", width: 14), TableColumn("Serial", width: 10),
        TableColumn("Location", width: 10), TableColumn("Status", width: 12), TableColumn("Next service", width: 12),
    ])

    init(environment: AppEnvironment) { tick(environment: environment) }

    var title: String { "Equipment register" }
    var contexts: [KeyContext] { [.list] }
    var keyBarActions: [KeyAction] { [.help, .open, .new, .back] }
    func permission(for action: KeyAction) -> Permission? { action == .new ? .assetWrite : nil }

    func tick(environment: AppEnvironment) {
        guard changes.changed(environment) else { return }
        do { assets = try environment.assets.all(by: environment.actor) } catch { message = userMessage(error) }
        table.selection.setCount(assets.count)
    }

    func handle(_ input: Input, environment: AppEnvironment) -> ScreenAction {
        message = nil  // a message answers the last key; the next one clears it
        switch input.action {
        case .back: return .pop
        case .help: return .showHelp
        case .up, .down, .pageUp, .pageDown, .first, .last: _ = table.selection.follow(input)
        case .open:
            guard assets.indices.contains(table.selection.selected) else { return .none }
            return .push(AssetScreen(id: assets[table.selection.selected].id, environment: environment))
        case .new:
            return .push(
                FormScreen(
                    definition: environment.screens["asset"],
                    check: { screen, _ in AssetDetails.validate(screen.values).fieldProblems }
                ) { [weak self] screen, environment in
                    screen.attempt {
                        let asset = try environment.assets.register(screen.values, by: environment.actor)
                        self?.message = "Registered \(asset.name)."
                        if let due = asset.nextService, due < CalendarDate(environment.clock.now()) {
                            self?.message? += " Its service is overdue (due \(due))."
                        }
                        self?.tick(environment: environment)
                        return .pop
                    }
                })
        default: break
        }
        return .none
    }

    func render(into canvas: inout Canvas, top: Int, height: Int, environment: AppEnvironment) {
        let today = CalendarDate(environment.clock.now())
        let rows = assets.map { asset -> [String] in
            let due = asset.nextService
            let flag = asset.status != .retired && due.map { today.days(until: $0) <= AssetAlertRules.window } == true ? "!" : ""
            return [
                asset.type, [asset.make, asset.model].filter { !$0.isEmpty }.joined(separator: " "), asset.serial, asset.location,
                asset.status.rawValue, (asset.nextService?.description ?? "—") + flag,
            ]
        }
        table.columns[1].width = max(12, canvas.width - 4 - 14 - 10 - 10 - 12 - 12 - 6)
        table.render(rows: rows, into: &canvas, x: 2, y: top + 1, width: canvas.width - 4, height: height - 3)
        if assets.isEmpty { canvas.put("No equipment registered yet. Add some with New.", x: 2, y: top + 3, style: .muted) }
        if let message {
            canvas.putWrapped(message, x: 2, y: top + height - 1, width: canvas.width - 4, style: .strong, upward: true)
        }
    }
}
