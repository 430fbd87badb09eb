import ClinicDomain
import ClinicServices
import TerminalKit

/// Stock alerts, most pressing first: expired, out of stock, below reorder level,
/// expiring within 30, 60 and 90 days.
final class AlertsScreen: Screen {
    private(set) var alerts: [StockAlert] = []
    private(set) var message: String?
    private var selection = ListSelection()

    init(environment: AppEnvironment) {
        do { alerts = try environment.stock.alerts(by: environment.actor) } catch { message = "\(error)" }
        selection.setCount(alerts.count)
    }

    var title: String { "Stock alerts" }
    var contexts: [KeyContext] { [.list] }
    var keyBarActions: [KeyAction] { [.help, .back] }

    func handle(_ input: Input, environment: AppEnvironment) -> ScreenAction {
        switch input.action {
        case .back: return .pop
        case .help: return .showHelp
        case .up, .down, .pageUp, .pageDown, .first, .last: _ = selection.handle(input.key, pageSize: 10)
        default: break
        }
        return .none
    }

    func render(into canvas: inout Canvas, top: Int, height: Int, environment: AppEnvironment) {
        canvas.put(alerts.isEmpty ? "No stock alerts." : "\(alerts.count) alert(s), most pressing first.", x: 2, y: top + 1, style: .strong)
        for (row, index) in selection.visibleRange(rows: height - 4).enumerated() {
            let alert = alerts[index]
            let style: Style = index == selection.selected ? .selected : (alert.severity <= 1 ? .error : .plain)
            canvas.put(DisplayWidth.fit(alert.description, columns: canvas.width - 4), x: 2, y: top + 3 + row, style: style)
        }
        if let message { canvas.put(message, x: 2, y: top + height - 1, style: .error, maxWidth: canvas.width - 4) }
    }
}
