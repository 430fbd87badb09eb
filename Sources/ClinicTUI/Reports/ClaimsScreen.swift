import ClinicDomain
import ClinicServices
import TerminalKit

/// Finance's claims screen: the closed visits of members not yet claimed since the first
/// of a month (←/→ move it), and F4 to export them for the scheme.
final class ClaimsScreen: Screen {
    private(set) var since: CalendarDate
    private(set) var claims: [Claim] = []
    private(set) var notMembers = 0
    private(set) var message: String?
    private var changes = ChangeWatcher()
    private var table = Table(columns: [
        TableColumn("Date", width: 10), TableColumn("Folder", width: 12), TableColumn("Membership", width: 13),
        TableColumn("ICD-10", width: 20), TableColumn("Medicines", width: 16),
    ])

    /// Starts at the first of last month, the usual claiming cycle.
    init(environment: AppEnvironment) {
        let today = CalendarDate(environment.clock.now())
        since = ReportPeriod.month(of: today).moved(by: -1).first
        load(environment)
    }

    /// Claims exported at another terminal (or by the CLI) leave the list without a key press.
    func tick(environment: AppEnvironment) {
        if changes.changed(environment) { load(environment) }
    }

    private func load(_ environment: AppEnvironment) {
        do {
            let pending = try environment.claims.claims(since: since, by: environment.actor)
            (claims, notMembers) = (pending.claims, pending.notMembers)
        } catch {
            claims = []
            message = userMessage(error)
        }
    }

    var title: String { "Claims export" }
    var contexts: [KeyContext] { [.reports, .list] }
    var keyBarActions: [KeyAction] { [.help, .earlier, .later, .export, .back] }
    func permission(for action: KeyAction) -> Permission? { action == .export ? .exportClaims : nil }

    func handle(_ input: Input, environment: AppEnvironment) -> ScreenAction {
        switch input.action {
        case .back: return .pop
        case .help: return .showHelp
        case .earlier, .later:
            since = ReportPeriod.month(of: since).moved(by: input.action == .earlier ? -1 : 1).first
            message = nil
            load(environment)
        case .export:
            let (claims, since, folder, actor) = (environment.claims, since, environment.exportFolder, environment.actor)
            return .run(
                .telling(
                    "Exporting claims",
                    work: {
                        try claims.export(since: since, to: folder, by: actor).description + "."
                    },
                    then: { [weak self] sentence in
                        self?.message = sentence
                        self?.load(environment)
                    }))
        default: table.selection.follow(input)
        }
        return .none
    }

    func render(into canvas: inout Canvas, top: Int, height: Int, environment: AppEnvironment) {
        let skipped = notMembers == 0 ? "" : "; \(notMembers.counted("non-member visit")) left out"
        canvas.put(
            "\(claims.count.counted("claim")) to export since \(since)\(skipped)",
            x: 2, y: top, style: .strong, maxWidth: canvas.width - 4)
        let rows = claims.map { claim in
            [
                claim.visit.serviceDate, claim.visit.folderNumber,
                (claim.visit.membershipNumber ?? "") + "/" + (claim.visit.dependantCode ?? ""),
                claim.codes.joined(separator: " "), claim.items.map { "\($0.itemCode)×\($0.quantity)" }.joined(separator: " "),
            ]
        }
        if !rows.isEmpty {
            table.render(rows: rows, into: &canvas, x: 1, y: top + 2, width: canvas.width - 2, height: height - 4)
        }
        if let message {
            canvas.putWrapped(message, x: 2, y: top + height - 1, width: canvas.width - 4, style: .strong, upward: true)
        }
    }
}
