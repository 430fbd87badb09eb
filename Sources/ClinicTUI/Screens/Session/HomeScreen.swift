import ClinicDomain
import ClinicServices
import TerminalKit

/// The menu a user sees after login: only what their role may do. Arrow keys and
/// Enter, or the entry's number.
public final class HomeScreen: Screen {
    public let entries: [MenuEntry]
    public private(set) var selection: ListSelection
    public private(set) var message: String?
    /// Number of stock and equipment alerts, for roles that read inventory; refreshed when anything changes.
    public private(set) var alertCount: Int?
    private var changes = ChangeWatcher()
    /// Menu rows in view at the last render: one page for PgUp and PgDn.
    private var visibleRows = 10
    private let session: Session

    public init(session: Session) {
        self.session = session
        entries = MenuEntry.entries(for: session.role)
        selection = ListSelection(count: entries.count)
    }

    public var title: String { "Home" }
    public var contexts: [KeyContext] { [.list] }
    public var keyBarActions: [KeyAction] { [.help, .open, .lock, .logout, .quit] }

    public func handle(_ input: Input, environment: AppEnvironment) -> ScreenAction {
        message = nil
        if case .character(let c) = input.key, let number = c.wholeNumberValue, number >= 1, number <= min(9, entries.count) {
            selection.select(number - 1)
            return open(entries[number - 1], environment)
        }
        switch input.action {
        case .open: return open(entries[selection.selected], environment)
        case .up, .down, .first, .last, .pageUp, .pageDown: _ = selection.follow(input, pageSize: visibleRows)
        case .help: return .showHelp
        default: break
        }
        return .none
    }

    public func tick(environment: AppEnvironment) {
        guard session.can(.inventoryRead), changes.changed(environment) else { return }
        alertCount = try? AlertsScreen.alerts(environment, actor: .user(session)).count
    }

    private func open(_ entry: MenuEntry, _ environment: AppEnvironment) -> ScreenAction {
        switch entry.destination {
        case .changePassword:
            return .push(ChangePasswordScreen.make(environment))
        case .patients:
            return .push(PatientSearchScreen(environment: environment))
        case .today:
            return .push(TodayScreen(environment: environment))
        case .queue(let stage):
            return .push(QueueScreen(stage: stage, environment: environment))
        case .stock:
            return .push(StockScreen(environment: environment))
        case .route:
            return .push(RouteScreen(environment: environment))
        case .equipment:
            return .push(EquipmentScreen(environment: environment))
        case .alerts:
            return .push(AlertsScreen(environment: environment))
        case .dashboard:
            return .push(DashboardScreen(environment: environment))
        case .claims:
            return .push(ClaimsScreen(environment: environment))
        case .audit:
            return .push(AuditScreen(environment: environment))
        case .sync:
            return .push(SyncScreen(environment: environment))
        case .lock: return .lock
        case .logout: return .logout
        case .notYetBuilt:
            message = "\(entry.title) is done at the truck's shell: `clinic user --help`."
            return .none
        }
    }

    public func render(into canvas: inout Canvas, top: Int, height: Int, environment: AppEnvironment) {
        let x = 4
        canvas.put(
            "Welcome, \(session.fullName). You are logged in as \(session.role.title.lowercased()).",
            x: x, y: top + 1, maxWidth: canvas.width - x - 1)
        // Rows from top + 3 to top + height - 2: the message keeps the last row to itself.
        visibleRows = max(1, height - 4)
        let range = selection.visibleRange(rows: visibleRows)
        for (row, index) in range.enumerated() {
            let entry = entries[index]
            let number = index < 9 ? "\(index + 1)" : " "
            let count = entry.destination == .alerts ? alertCount.map { " (\($0))" } ?? "" : ""
            let text = " \(number)  \(entry.title)\(count)"
            let style: Style = index == selection.selected ? .selected : (entry.destination == .notYetBuilt ? .muted : .plain)
            canvas.put(DisplayWidth.fit(text, columns: 46), x: x, y: top + 3 + row, style: style)
        }
        if let message {
            canvas.putWrapped(
                message, x: x, y: top + height - 1, width: canvas.width - x - 1, style: .error, maxLines: 1, upward: true)
        }
    }
}
