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

    /// A report screen for `period`, opened with the work that fills it.
    static func opening(_ period: ReportPeriod, _ environment: AppEnvironment) -> ScreenAction {
        let screen = ReportScreen(period: period)
        return .sequence([.push(screen), screen.load(environment)])
    }

    private init(period: ReportPeriod) { self.period = period }

    /// Whether the report is being computed (its table is not there yet).
    private var isComputing: Bool { report == nil && message?.hasPrefix("Computing") == true }

    /// Computing a month reads every visit of it: background work, which Esc may stop (it
    /// only reads); the table shows the result when it is ready.
    private func load(_ environment: AppEnvironment) -> ScreenAction {
        let (reports, period, actor) = (environment.reports, period, environment.actor)
        report = nil
        message = "Computing the report for \(period)…"
        return .run(
            BackgroundJob(
                "Computing the report", cancellable: true,
                work: { progress in
                    try progress.checkCancelled()
                    return try reports.report(period, by: actor)
                },
                then: { [weak self] result in
                    guard let self else { return .none }
                    switch result {
                    case .success(let computed):
                        report = computed
                        message = nil
                        table.selection = ListSelection()
                    case .failure(is CancellationError): message = "Stopped; ← or → computes it again."
                    case .failure(let error): message = userMessage(error)
                    }
                    return .none
                }))
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
            return load(environment)
        case .dailyReport, .monthlyReport:
            let today = CalendarDate(environment.clock.now())
            let day = period.first.year == today.year && period.first.month == today.month ? today : period.first
            period = input.action == .dailyReport ? .day(day) : .month(of: day)
            return load(environment)
        case .export:
            let (reports, period, folder, actor) = (environment.reports, period, environment.exportFolder, environment.actor)
            return .run(
                .telling(
                    "Writing the report", work: { "Written to \(try reports.export(period, to: folder, by: actor))" },
                    then: { [weak self] in self?.message = $0 }))
        default: table.selection.follow(input)
        }
        return .none
    }

    func render(into canvas: inout Canvas, top: Int, height: Int, environment: AppEnvironment) {
        guard let report else {
            canvas.putWrapped(message ?? "", x: 2, y: top + 1, width: canvas.width - 4, style: isComputing ? .muted : .error)
            return
        }
        let (visits, care) = (report.summaryParts.visits, report.summaryParts.care)
        canvas.put("\(report.siteName) · \(visits)", x: 2, y: top, style: .strong, maxWidth: canvas.width - 4)
        canvas.put(care, x: 2, y: top + 1, maxWidth: canvas.width - 4)
        canvas.put(report.summaryParts.screening, x: 2, y: top + 2, style: .muted, maxWidth: canvas.width - 4)
        if report.rows.isEmpty {
            canvas.put("No visits or dispensing in this period.", x: 2, y: top + 3, style: .muted)
        } else {
            table.render(
                rows: ReportTable.rows(report), into: &canvas, x: 1, y: top + 3, width: canvas.width - 2, height: height - 5)
        }
        if let message {
            canvas.putWrapped(message, x: 2, y: top + height - 1, width: canvas.width - 4, style: .strong, upward: true)
        }
    }
}
