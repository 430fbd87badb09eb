import ClinicDomain
import ClinicServices
import TerminalKit

/// A stock take: every batch with stock, counted one by one. Type the count on a row
/// (Enter or Down moves on); the variance shows as you type. Posting asks once more, then
/// writes every variance as an adjustment in one transaction and shows what was posted.
final class StockTakeScreen: Screen {
    private(set) var lines: [CountLine] = []
    /// What was typed per row; rows left empty are not counted and not posted.
    private(set) var typed: [Int64: String] = [:]
    var unsavedValueCount: Int { posted == nil ? typed.count : 0 }
    /// Set after posting: the variance report.
    private(set) var posted: [CountLine]?
    private(set) var message: String?
    private var confirming = false
    private var discard = DiscardGuard()
    private var table = Table(columns: [
        TableColumn("Item", width: 28), TableColumn("Batch", width: 12), TableColumn("Expiry", width: 10),
        TableColumn("Expected", width: 8), TableColumn("Counted", width: 7), TableColumn("Variance", width: 8),
    ])

    init(environment: AppEnvironment) {
        do { lines = try environment.stock.countSheet(by: environment.actor) } catch { message = userMessage(error) }
        table.selection.setCount(lines.count)
    }

    var title: String { "Stock take" }
    var contexts: [KeyContext] { [.list, .stock] }
    var capturesText: Bool { posted == nil }
    var keyBarActions: [KeyAction] { posted == nil ? [.help, .stockTake, .back] : [.help, .back] }
    func keyLabel(_ action: KeyAction) -> String? { action == .stockTake ? "Post counts" : nil }

    /// The counts typed so far, by batch.
    var counts: [Int64: Int] { typed.compactMapValues { Int($0) } }

    func handle(_ input: Input, environment: AppEnvironment) -> ScreenAction {
        let wasConfirming = confirming
        confirming = false
        message = nil
        if let discarding = discard.answer(input.key) {
            return discarding ? .pop : .none
        }
        switch (input.action, input.key) {
        case (.back, _):
            let (leave, question) = discard.mayLeave(typed: posted == nil ? typed.count : 0)
            message = question
            return leave ? .pop : .none
        case (.help, _): return .showHelp
        case (.stockTake, _) where posted == nil:
            if wasConfirming { post(environment) } else { askToPost(environment) }
        case (.open, _), (.down, _), (.up, _), (.pageUp, _), (.pageDown, _), (.first, _), (.last, _):
            _ = input.action == .open ? table.selection.handle(.down, pageSize: 10) : table.selection.follow(input)
        case (_, .character(let c)) where posted == nil && c.isASCII && c.isNumber:
            guard let line = selectedLine, (typed[line.batchID] ?? "").count < 7 else { break }
            typed[line.batchID, default: ""].append(c)
        case (_, .backspace) where posted == nil:
            guard let line = selectedLine else { break }
            typed[line.batchID]?.removeLast()
            if typed[line.batchID]?.isEmpty == true { typed[line.batchID] = nil }
        case (_, .character):
            message =
                posted == nil ? "Type the counted number of units (digits only)." : "This stock take is posted; Esc goes back."
        default: break
        }
        return .none
    }

    private var selectedLine: CountLine? {
        lines.indices.contains(table.selection.selected) ? lines[table.selection.selected] : nil
    }

    private func askToPost(_ environment: AppEnvironment) {
        let counted = lines.filter { counts[$0.batchID] != nil }
        guard !counted.isEmpty else {
            message = "Count at least one batch first."
            return
        }
        let differing = counted.filter { counts[$0.batchID] != $0.expected }
        let net = differing.reduce(0) { $0 + counts[$1.batchID]! - $1.expected }
        message =
            "\(counted.count) counted, \(differing.count) differ (net \(Self.signed(net))): "
            + "\(environment.keymap.label(for: .stockTake)) again to post, any other key to go on."
        confirming = true
    }

    private func post(_ environment: AppEnvironment) {
        do {
            let report = try environment.stock.stockTake(counts: counts, by: environment.actor)
            let order = Dictionary(uniqueKeysWithValues: lines.enumerated().map { ($0.element.batchID, $0.offset) })
            posted = report.sorted { order[$0.batchID, default: 0] < order[$1.batchID, default: 0] }
            table.selection.setCount(report.count)
            table.selection.select(0)
            let adjusted = report.filter { $0.variance != 0 }.count
            message =
                "Posted: \(adjusted.counted("adjustment")) from \(report.count.counted("counted batch", plural: "counted batches"))."
        } catch {
            message = "\(userMessage(error)) Nothing was posted."
        }
    }

    func render(into canvas: inout Canvas, top: Int, height: Int, environment: AppEnvironment) {
        let heading =
            posted == nil
            ? "Type each batch's count; Enter moves on. Uncounted rows are left alone."
            : "Variance report: what was posted."
        canvas.put(heading, x: 2, y: top + 1, style: .muted, maxWidth: canvas.width - 4)
        let row = { (number: Int) -> [String] in
            if let posted = self.posted {
                let line = posted[number]
                return [
                    line.item, line.batch, line.expiry, String(line.expected), String(line.counted), Self.signed(line.variance),
                ]
            }
            let line = self.lines[number]
            let count = self.counts[line.batchID]
            return [
                line.item, line.batch, line.expiry, String(line.expected), self.typed[line.batchID] ?? "",
                count.map { Self.signed($0 - line.expected) } ?? "",
            ]
        }
        table.columns[0].width = max(16, canvas.width - 4 - 12 - 10 - 8 - 7 - 8 - 6)
        table.render(
            count: posted?.count ?? lines.count, row: row, into: &canvas, x: 2, y: top + 3, width: canvas.width - 4,
            height: height - 5)
        if lines.isEmpty { canvas.put("No batches with stock to count.", x: 2, y: top + 5, style: .muted) }
        if let message {
            canvas.putWrapped(
                message, x: 2, y: top + height - 1, width: canvas.width - 4,
                style: confirming || discard.isAsking ? .error : .strong, upward: true)
        }
    }

    private static func signed(_ value: Int) -> String { value > 0 ? "+\(value)" : String(value) }
}
