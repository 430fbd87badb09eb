import ClinicDomain
import ClinicServices
import TerminalKit

/// The clinic's day at a glance, kept live: stages with waiting and times, visits per hour,
/// triage colours, this week's top diagnoses, alerts and no-shows. F5/F6 open the reports.
final class DashboardScreen: Screen {
    private(set) var dashboard: Dashboard?
    private(set) var message: String?
    private var changes = ChangeWatcher()
    private var ticksSinceLoad = 0

    init(environment: AppEnvironment) { load(environment) }

    private func load(_ environment: AppEnvironment) {
        ticksSinceLoad = 0
        do {
            dashboard = try environment.dashboard.dashboard(by: environment.actor)
            message = nil
        } catch {
            message = userMessage(error)
        }
    }

    var title: String { "Dashboard" }
    var contexts: [KeyContext] { [.reports] }
    var keyBarActions: [KeyAction] { [.help, .dailyReport, .monthlyReport, .back] }

    func handle(_ input: Input, environment: AppEnvironment) -> ScreenAction {
        let today = CalendarDate(environment.clock.now())
        switch input.action {
        case .back: return .pop
        case .help: return .showHelp
        case .dailyReport: return ReportScreen.opening(.day(today), environment)
        case .monthlyReport: return ReportScreen.opening(.month(of: today), environment)
        default: return .none
        }
    }

    /// Reloads when another terminal changed something, and every half minute for the waits.
    func tick(environment: AppEnvironment) {
        ticksSinceLoad += 1
        if changes.changed(environment) || ticksSinceLoad >= 60 { load(environment) }
    }

    func render(into canvas: inout Canvas, top: Int, height: Int, environment: AppEnvironment) {
        guard let d = dashboard else {
            canvas.put(message ?? "", x: 2, y: top + 1, style: .error, maxWidth: canvas.width - 4)
            return
        }
        let alerts = d.alerts.map { ", " + $0.counted("alert") } ?? ""
        canvas.put(
            "Today \(d.day): \(d.visits.counted("visit")), \(d.closed) closed, \(d.cancelled) cancelled, "
                + d.noShows.counted("no-show") + alerts,
            x: 2, y: top, style: .strong, maxWidth: canvas.width - 4)
        renderStages(d, into: &canvas, y: top + 2)
        let peak = d.perHour.map(\.count).max() ?? 0
        canvas.put("Arrivals per hour", x: 2, y: top + 9, style: .strong)
        canvas.put(" (peak \(peak))", x: 19, y: top + 9, style: .muted)
        let chartHeight = max(2, min(7, height - 11))
        // Three columns an hour, up to the right-hand column: the latest hours when the day is longer.
        let hours = d.perHour.suffix(max(1, ((Self.hasRightColumn(canvas) ? Self.rightColumn : canvas.width) - 4) / 3))
        BarChart.render(
            hours.map { (String(format: "%02d", $0.hour), $0.count) }, into: &canvas,
            x: 2, y: top + 10, height: chartHeight)
        canvas.put(
            "14 days " + Sparkline.text(d.lastDays.map(Double.init)) + " \(d.lastDays.reduce(0, +))",
            x: 2, y: top + 1, style: .muted)
        let right = Self.rightColumn
        guard Self.hasRightColumn(canvas) else { return }
        renderColours(d, into: &canvas, x: right, y: top + 2)
        canvas.put("Top diagnoses since Monday", x: right, y: top + 9, style: .strong)
        if d.topDiagnoses.isEmpty { canvas.put("none yet", x: right, y: top + 10, style: .muted) }
        for (index, diagnosis) in d.topDiagnoses.prefix(max(0, height - 11)).enumerated() {
            let count = String(diagnosis.count)
            let width = canvas.width - right - 2
            canvas.put(
                DisplayWidth.fit("\(diagnosis.code) \(diagnosis.title)", columns: width - count.count - 1) + " " + count,
                x: right, y: top + 10 + index)
        }
    }

    /// Where the colours and diagnoses start, on a terminal wide enough for them.
    static let rightColumn = 49
    static func hasRightColumn(_ canvas: Canvas) -> Bool { canvas.width >= rightColumn + 30 }

    private func renderStages(_ d: Dashboard, into canvas: inout Canvas, y: Int) {
        canvas.put("Stage          Now  Waiting  Longest  Median", x: 2, y: y, style: .strong)
        for (index, line) in d.stages.enumerated() {
            let text =
                DisplayWidth.fit(line.stage.title, columns: 13) + pad(String(line.now), 5) + pad(String(line.waiting), 9)
                + pad(minutes(line.longestWait), 9) + pad(minutes(line.medianMinutes), 8)
            canvas.put(text, x: 2, y: y + 1 + index, style: (line.longestWait ?? 0) >= 60 ? .error : .plain)
        }
    }

    private func renderColours(_ d: Dashboard, into canvas: inout Canvas, x: Int, y: Int) {
        canvas.put("Triage colour today", x: x, y: y, style: .strong)
        let largest = max(1, d.colours.map(\.count).max() ?? 1)
        for (index, entry) in d.colours.enumerated() {
            let name = entry.colour.map { $0.rawValue.capitalized } ?? "Not triaged"
            canvas.put(DisplayWidth.fit(name, columns: 12) + pad(String(entry.count), 3), x: x, y: y + 1 + index)
            let room = max(1, canvas.width - x - 17)
            let bar = String(repeating: "█", count: (entry.count * room + largest - 1) / largest)
            canvas.put(bar, x: x + 16, y: y + 1 + index, style: barStyle(entry.colour))
        }
    }

    /// The bar in the triage colour's own colour (the queue's styles colour the background).
    private func barStyle(_ colour: TriageColour?) -> Style {
        switch colour {
        case .red: Style(foreground: .red)
        case .orange: Style(foreground: .orange)
        case .yellow: Style(foreground: .yellow)
        case .green: Style(foreground: .green)
        case nil: .muted
        }
    }

    private func minutes(_ value: Int?) -> String {
        guard let value else { return "—" }
        return value < 60 ? "\(value) min" : "\(value / 60) h \(value % 60)"
    }

    private func pad(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - DisplayWidth.of(text))) + text
    }
}
