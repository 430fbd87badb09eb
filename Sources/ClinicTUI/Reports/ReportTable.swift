import ClinicServices
import TerminalKit

/// A report as a table, the same on screen and at the shell.
public enum ReportTable {
    public static let columns = [
        TableColumn("Day", width: 10), TableColumn("Site", width: 12), TableColumn("Measure", width: 12),
        TableColumn("Code", width: 8), TableColumn("Description", width: 17), TableColumn("Count", width: 5),
        TableColumn("Units", width: 5),
    ]

    /// One row per figure; counts right-aligned.
    public static func rows(_ report: Report) -> [[String]] {
        report.rows.map {
            [$0.day, $0.site, $0.measure, $0.code, $0.description, pad($0.count), $0.quantity.map(pad) ?? ""]
        }
    }

    /// The report as printed by `clinic report`: title, table, totals. Printed, the
    /// description column is as wide as its longest entry: nothing is cut.
    public static func text(_ report: Report) -> String {
        let kind = if case .day = report.period { "Daily" } else { "Monthly" }
        var printed = columns
        printed[4].width = max(printed[4].width, report.rows.map { DisplayWidth.of($0.description) }.max() ?? 0)
        return "\(kind) report \(report.period) — \(report.siteName)\n\n"
            + (report.rows.isEmpty
                ? "No visits or dispensing in this period.\n" : Table.text(columns: printed, rows: rows(report)))
            + "\nTotals: \(report.summary).\n"
    }

    private static func pad(_ value: Int) -> String {
        let text = String(value)
        return String(repeating: " ", count: max(0, 5 - text.count)) + text
    }
}
