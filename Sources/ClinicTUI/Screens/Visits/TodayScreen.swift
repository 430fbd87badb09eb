import ClinicDomain
import ClinicServices
import TerminalKit

/// Every visit of today and where it is: stage, colour, who has the patient and how long
/// they have waited there; live across terminals. Enter opens the patient's record.
final class TodayScreen: Screen {
    private(set) var rows: [TodayRow] = []
    private(set) var message: String?
    private var changes = ChangeWatcher()
    private(set) var table = Table(columns: [
        TableColumn("In", width: 5), TableColumn("Folder", width: 11), TableColumn("Name", width: 16),
        TableColumn("Stage", width: 12), TableColumn("Colour", width: 6), TableColumn("With", width: 8),
        TableColumn("Wait", width: 4),
    ])

    init(environment: AppEnvironment) { tick(environment: environment) }

    var title: String { "Today" }
    var contexts: [KeyContext] { [.list] }
    var keyBarActions: [KeyAction] { [.help, .open, .back] }
    func keyLabel(_ action: KeyAction) -> String? { action == .open ? "Open record" : nil }

    func handle(_ input: Input, environment: AppEnvironment) -> ScreenAction {
        message = nil
        switch input.action {
        case .back: return .pop
        case .help: return .showHelp
        case .up, .down, .pageUp, .pageDown, .first, .last:
            _ = table.selection.follow(input)
        case .open:
            guard rows.indices.contains(table.selection.selected) else { return .none }
            return PatientRecordScreen.open(id: rows[table.selection.selected].patientId, environment: environment)
        default: break
        }
        return .none
    }

    /// Reloads when any terminal has committed a change; the selection stays on the same visit.
    func tick(environment: AppEnvironment) {
        guard changes.changed(environment) else { return }
        let selected = rows.indices.contains(table.selection.selected) ? rows[table.selection.selected].visitId : nil
        do {
            rows = try environment.visits.today(by: environment.actor)
        } catch {
            message = userMessage(error)
        }
        table.selection.setCount(rows.count)
        if let row = rows.firstIndex(where: { $0.visitId == selected }) { table.selection.select(row) }
    }

    /// "9 visits today: 2 nursing, 1 consultation, 6 closed."
    func counts() -> String {
        let stages = VisitStage.allCases.compactMap { stage -> String? in
            let count = rows.filter { $0.stage == stage }.count
            return count == 0 ? nil : "\(count) \(stage.rawValue)"
        }
        return rows.isEmpty
            ? "No visits yet today." : "\(rows.count.counted("visit")) today: " + stages.joined(separator: ", ") + "."
    }

    func render(into canvas: inout Canvas, top: Int, height: Int, environment: AppEnvironment) {
        let now = environment.clock.now()
        canvas.put(counts(), x: 2, y: top + 1, style: .muted, maxWidth: canvas.width - 4)
        let row = { (number: Int) -> [String] in
            let visit = self.rows[number]
            let waited =
                visit.stage.isOpen && visit.takenBy == nil ? "\(Int(now.timeIntervalSince(visit.stageEnteredAt) / 60))m" : ""
            return [
                String(ClinicTime.clockText(visit.arrivedAt).suffix(5)), visit.folderNumber, visit.name, visit.stage.rawValue,
                visit.colour?.rawValue.uppercased() ?? "—", visit.takenBy ?? "", waited,
            ]
        }
        let fixed = table.columns.enumerated().filter { $0.offset != 2 }.reduce(0) { $0 + $1.element.width + 1 }
        table.columns[2].width = max(16, canvas.width - 4 - fixed - 1)
        table.render(count: rows.count, row: row, into: &canvas, x: 2, y: top + 3, width: canvas.width - 4, height: height - 5)
        let colourX = 2 + table.columns.prefix(4).reduce(0) { $0 + $1.width + 1 }
        for number in table.selection.offset..<min(rows.count, table.selection.offset + height - 6) {
            if let colour = rows[number].colour {
                canvas.paint(
                    x: colourX, y: top + 4 + number - table.selection.offset, width: 6, style: VisitStyle.style(for: colour))
            }
        }
        if let message {
            canvas.putWrapped(message, x: 2, y: top + height - 1, width: canvas.width - 4, style: .error, upward: true)
        }
    }
}
