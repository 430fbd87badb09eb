import ClinicDomain
import ClinicServices
import TerminalKit

/// A daily or monthly report as a table: ←/→ move a day or month, F5/F6 switch between
/// daily and monthly, F4 writes the CSV into the exports folder.
final class ReportScreen: Screen {
    private(set) var period: ReportPeriod
    private(set) var report: Report?
    private(set) var message: String?
    private var table = Table(columns: ReportTable.columns)

    init(period: ReportPeriod, environment: AppEnvironment) {
        self.period = period
        load(environment)
    }

    private func load(_ environment: AppEnvironment) {
        do {
            report = try environment.reports.report(period, by: environment.actor)
            table.selection = ListSelection()
        } catch {
            report = nil
            message = userMessage(error)
        }
    }

    var title: String {
        if case .day = period { "Daily report \(period)" } else { "Monthly report \(period)" }
    }
    var contexts: [KeyContext] { [.reports, .list] }
    var keyBarActions: [KeyAction] { [.help, .earlier, .later, .dailyReport, .monthlyReport, .export, .back] }

    func keyLabel(_ action: KeyAction) -> String? {
        switch action {
        case .dailyReport: "Daily"
        case .monthlyReport: "Monthly"
        default: nil
        }
    }

    func handle(_ input: Input, environment: AppEnvironment) -> ScreenAction {
        switch input.action {
        case .back: return .pop
        case .help: return .showHelp
        case .earlier, .later:
            period = period.moved(by: input.action == .earlier ? -1 : 1)
            message = nil
            load(environment)
        case .dailyReport, .monthlyReport:
            let today = CalendarDate(environment.clock.now())
            let day = period.first.year == today.year && period.first.month == today.month ? today : period.first
            period = input.action == .dailyReport ? .day(day) : .month(of: day)
            message = nil
            load(environment)
        case .export:
            message = outcome { "Written to \(try environment.reports.export(period, to: environment.exportFolder, by: environment.actor))" }
        default: table.selection.follow(input)
        }
        return .none
    }

    func render(into canvas: inout Canvas, top: Int, height: Int, environment: AppEnvironment) {
        guard let report else {
            canvas.put(message ?? "", x: 2, y: top + 1, style: .error, maxWidth: canvas.width - 4)
            return
        }
        let (visits, care) = report.summaryParts
        canvas.put("\(report.siteName) · \(visits)", x: 2, y: top, style: .strong, maxWidth: canvas.width - 4)
        canvas.put(care, x: 2, y: top + 1, maxWidth: canvas.width - 4)
        if report.rows.isEmpty {
            canvas.put("No visits or dispensing in this period.", x: 2, y: top + 3, style: .muted)
        } else {
            table.render(rows: ReportTable.rows(report), into: &canvas, x: 1, y: top + 3, width: canvas.width - 2, height: height - 5)
        }
        if let message { canvas.putWrapped(message, x: 2, y: top + height - 1, width: canvas.width - 4, style: .strong, upward: true) }
    }
}
