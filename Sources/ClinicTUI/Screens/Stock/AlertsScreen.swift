import ClinicDomain
import ClinicServices
import TerminalKit

/// Stock and equipment alerts, most pressing first: expired stock, out of stock, overdue
/// service, below reorder level, expiring within 30, 60 and 90 days, service due soon.
final class AlertsScreen: Screen {
    /// One line of the list, and whether it is urgent (shown as an error).
    struct Line: Equatable {
        let text: String
        let urgent: Bool
        let rank: Int
    }

    private(set) var lines: [Line] = []
    private(set) var message: String?
    private var selection = ListSelection()
    private var changes = ChangeWatcher()

    init(environment: AppEnvironment) { tick(environment: environment) }

    /// Follows stock and equipment changes made at any terminal.
    func tick(environment: AppEnvironment) {
        guard changes.changed(environment) else { return }
        do { lines = try Self.alerts(environment, actor: environment.actor) } catch { message = userMessage(error) }
        selection.setCount(lines.count)
    }

    /// Every alert for `actor`, most pressing first.
    static func alerts(_ environment: AppEnvironment, actor: Actor) throws -> [Line] {
        let stock = try environment.stock.alerts(by: actor).map {
            Line(text: $0.description, urgent: $0.severity <= 1, rank: $0.severity * 2)
        }
        // Overdue service ranks after out of stock; due soon after the stock expiry warnings.
        let equipment = try environment.assets.alerts(by: actor).map {
            Line(text: $0.description, urgent: $0.days < 0, rank: $0.days < 0 ? 3 : 11)
        }
        return (stock + equipment).enumerated().sorted { ($0.element.rank, $0.offset) < ($1.element.rank, $1.offset) }.map(
            \.element)
    }

    var title: String { "Stock and equipment alerts" }
    var contexts: [KeyContext] { [.list] }
    var keyBarActions: [KeyAction] { [.help, .open, .back] }
    func keyLabel(_ action: KeyAction) -> String? { action == .open ? "Details" : nil }

    func handle(_ input: Input, environment: AppEnvironment) -> ScreenAction {
        switch input.action {
        case .back: return .pop
        case .help: return .showHelp
        case .up, .down, .pageUp, .pageDown, .first, .last: _ = selection.follow(input)
        case .open where lines.indices.contains(selection.selected):
            return .showDetail(
                title: lines[selection.selected].urgent ? "Urgent alert" : "Alert", text: lines[selection.selected].text)
        default: break
        }
        return .none
    }

    func render(into canvas: inout Canvas, top: Int, height: Int, environment: AppEnvironment) {
        canvas.put(
            lines.isEmpty ? "No alerts." : "\(lines.count.counted("alert")), most pressing first.", x: 2, y: top + 1,
            style: .strong)
        for (row, index) in selection.visibleRange(rows: height - 4).enumerated() {
            let line = lines[index]
            let style: Style = index == selection.selected ? .selected : (line.urgent ? .error : .plain)
            canvas.put(DisplayWidth.fit(line.text, columns: canvas.width - 4), x: 2, y: top + 3 + row, style: style)
        }
        if let message {
            canvas.putWrapped(message, x: 2, y: top + height - 1, width: canvas.width - 4, style: .error, upward: true)
        }
    }
}
