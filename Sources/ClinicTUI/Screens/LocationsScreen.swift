import ClinicDomain
import ClinicServices
import ClinicStore
import TerminalKit

/// The places the trucks park at, by province; New adds one.
final class LocationsScreen: Screen {
    private(set) var locations: [LocationRecord] = []
    private(set) var message: String?
    private var table = Table(columns: [TableColumn("Province", width: 8), TableColumn("Name", width: 26), TableColumn("Type", width: 15),
                                        TableColumn("Address / contact", width: 30)])

    init(environment: AppEnvironment) { reload(environment) }

    var title: String { "Locations" }
    var contexts: [KeyContext] { [.list] }
    var keyBarActions: [KeyAction] { [.help, .new, .back] }

    private func reload(_ environment: AppEnvironment) {
        do { locations = try environment.schedule.locations(by: environment.actor) } catch { message = "\(error)" }
        table.selection.setCount(locations.count)
    }

    func handle(_ input: Input, environment: AppEnvironment) -> ScreenAction {
        switch input.action {
        case .back: return .pop
        case .help: return .showHelp
        case .up, .down, .pageUp, .pageDown, .first, .last: _ = table.selection.handle(input.key, pageSize: 10)
        case .new:
            return .push(FormScreen(definition: environment.screens["location"]) { [weak self] screen, environment in
                screen.attempt {
                    let location = try environment.schedule.addLocation(screen.values, by: environment.actor)
                    self?.reload(environment)
                    self?.message = "Added \(location.name)."
                    return .pop
                }
            })
        default: break
        }
        return .none
    }

    func render(into canvas: inout Canvas, top: Int, height: Int, environment: AppEnvironment) {
        let rows = locations.map { [$0.province, $0.name, $0.type, [$0.address, $0.contact].filter { !$0.isEmpty }.joined(separator: " · ")] }
        table.columns[3].width = max(16, canvas.width - 4 - 8 - 26 - 15 - 4)
        table.render(rows: rows, into: &canvas, x: 2, y: top + 1, width: canvas.width - 4, height: height - 3)
        if locations.isEmpty { canvas.put("No locations yet. Add one with New.", x: 2, y: top + 3, style: .muted) }
        if let message { canvas.put(message, x: 2, y: top + height - 1, style: .strong, maxWidth: canvas.width - 4) }
    }
}
