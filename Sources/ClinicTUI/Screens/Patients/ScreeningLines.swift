import ClinicDomain
import ClinicServices
import TerminalKit

/// The patient record's screening lines: trends of the measured tests, the latest of the
/// questionnaires, and raised results no one has acted on (red).
enum ScreeningLines {
    static func record(_ summary: ScreeningSummary) -> [(String, Style)] {
        let trends = summary.series.map { test, values in
            let latest = summary.latest.first { $0.outcome.test == test }?.outcome
            let shown = test == .bloodPressure ? latest?.valueText : latest?.value?.plainText
            return "\(short(test)) \(Sparkline.text(values, columns: 8)) \(shown ?? "")"
        }
        let others = summary.latest.filter { !summary.series.map(\.test).contains($0.outcome.test) }.map {
            "\(short($0.outcome.test)) \($0.outcome.meaning)"
        }
        var lines: [(String, Style)] = []
        if !trends.isEmpty { lines.append(("Screening  " + trends.joined(separator: "  "), .plain)) }
        if !others.isEmpty {
            let day = summary.latest.map(\.recordedAt).max().map { " (\(ClinicTime.dayText($0)))" } ?? ""
            lines.append(("Latest  " + others.joined(separator: "; ") + day, .plain))
        }
        if let first = summary.unacted.first {
            let tests = summary.unacted.map { "\($0.outcome.test.title) \($0.outcome.meaning)" }.joined(separator: ", ")
            lines.append(
                ("! Raised at screening \(ClinicTime.dayText(first.recordedAt)), not yet seen by a doctor: \(tests)", .error))
        }
        return lines
    }

    /// The test's name in a tight line.
    private static func short(_ test: ScreeningTest) -> String {
        switch test {
        case .bloodPressure: "BP"
        case .cholesterol: "Chol"
        case .tb: "TB"
        case .phq2: "PHQ-2"
        case .phq9: "PHQ-9"
        case .auditC: "AUDIT-C"
        default: test.title
        }
    }
}
