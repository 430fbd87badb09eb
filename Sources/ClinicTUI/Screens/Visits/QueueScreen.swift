import ClinicDomain
import ClinicServices
import TerminalKit

/// A stage's live queue: most urgent colour first, then longest waiting. Changes made on
/// any terminal show within a second. Enter takes the patient.
public final class QueueScreen: Screen {
    public let stage: VisitStage
    public private(set) var entries: [QueueRow] = []
    public private(set) var message: String?
    private var changes = ChangeWatcher()
    private(set) var table = Table(columns: [
        TableColumn("Colour", width: 7), TableColumn("Folder", width: 11), TableColumn("Name", width: 16),
        TableColumn("Age", width: 3), TableColumn("Sex", width: 3), TableColumn("Reason", width: 14),
        TableColumn("Wait", width: 5), TableColumn("With", width: 8),
    ])

    public init(stage: VisitStage, environment: AppEnvironment) {
        self.stage = stage
        tick(environment: environment)
    }

    public var title: String { "\(stage.title) queue" }
    public var contexts: [KeyContext] { [.list] }
    public var keyBarActions: [KeyAction] { [.help, .open, .back] }

    public func handle(_ input: Input, environment: AppEnvironment) -> ScreenAction {
        message = nil
        switch input.action {
        case .back: return .pop
        case .help: return .showHelp
        case .up, .down, .pageUp, .pageDown, .first, .last:
            _ = table.selection.follow(input)
        case .open:
            guard entries.indices.contains(table.selection.selected) else { return .none }
            do {
                let file = try environment.visits.take(
                    visitId: entries[table.selection.selected].visitId, stage: stage,
                    by: environment.actor)
                return .push(
                    stage == .nursing
                        ? NursingScreen(file: file, environment: environment)
                        : VisitScreen.opening(file, environment: environment))
            } catch {
                message = userMessage(error)
                reload(environment)
            }
        default: break
        }
        return .none
    }

    /// Reloads when any terminal has committed a change since the last look.
    public func tick(environment: AppEnvironment) {
        if changes.changed(environment) { reload(environment) }
    }

    /// Reloads the queue; the selection stays on the same patient when the order changes
    /// (a new colour moves them up), and on the same row when that patient has left.
    private func reload(_ environment: AppEnvironment) {
        let selected = entries.indices.contains(table.selection.selected) ? entries[table.selection.selected].visitId : nil
        do {
            entries = try environment.visits.queue(stage, by: environment.actor)
        } catch {
            message = userMessage(error)
        }
        table.selection.setCount(entries.count)
        if let row = entries.firstIndex(where: { $0.visitId == selected }) { table.selection.select(row) }
    }

    public func render(into canvas: inout Canvas, top: Int, height: Int, environment: AppEnvironment) {
        let now = environment.clock.now()
        let today = CalendarDate(now)
        canvas.put(
            "\(entries.count) waiting for \(stage.rawValue). Enter takes the selected patient.", x: 2, y: top + 1, style: .muted)
        let row = { (number: Int) -> [String] in
            let entry = self.entries[number]
            let age = entry.dateOfBirth.map { String($0.age(on: today)) } ?? "?"
            let waited = Int(now.timeIntervalSince(entry.stageEnteredAt) / 60)
            return [
                entry.colour?.rawValue.uppercased() ?? "—", entry.folderNumber,
                "\(entry.surname.uppercased()), \(entry.firstNames)",
                age, entry.sex.rawValue, (entry.urgent ? "URGENT · " : "") + entry.reason, "\(waited)m",
                entry.takenBy ?? "",
            ]
        }
        let fixed = table.columns.enumerated().filter { $0.offset != 2 }.reduce(0) { $0 + $1.element.width + 1 }
        table.columns[2].width = max(16, canvas.width - 4 - fixed - 1)
        table.render(count: entries.count, row: row, into: &canvas, x: 2, y: top + 3, width: canvas.width - 4, height: height - 5)
        // Every row keeps its triage colour, the selected one too: the rest of that row shows the selection.
        // So is the urgent mark (a screening found thoughts of self-harm), at the start of the reason.
        let reasonX = 2 + table.columns.prefix(5).reduce(0) { $0 + $1.width + 1 }
        for row in table.selection.offset..<min(entries.count, table.selection.offset + height - 6) {
            let y = top + 4 + row - table.selection.offset
            if let colour = entries[row].colour {
                canvas.paint(x: 2, y: y, width: 7, style: VisitStyle.style(for: colour))
            }
            if entries[row].urgent {
                canvas.paint(x: reasonX, y: y, width: min(6, table.columns[5].width), style: .error)
            }
        }
        if let message {
            canvas.putWrapped(message, x: 2, y: top + height - 1, width: canvas.width - 4, style: .error, upward: true)
        }
    }
}

/// How triage colours look: coloured where the terminal has colour, reverse or bold otherwise.
enum VisitStyle {
    static func style(for colour: TriageColour) -> Style {
        switch colour {
        case .red: Style(foreground: .white, background: .red, bold: true)
        case .orange: Style(foreground: .black, background: .orange, bold: true)
        case .yellow: Style(foreground: .black, background: .yellow)
        case .green: Style(foreground: .black, background: .green)
        }
    }
}
