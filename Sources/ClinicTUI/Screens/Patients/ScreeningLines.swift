import ClinicDomain
import ClinicServices
import TerminalKit

/// The patient record's screening lines: trends of cholesterol and waist (BP and glucose
/// trend with the vitals), the latest of the rest, and raised results no one has acted on (red).
enum ScreeningLines {
    static func record(_ summary: ScreeningSummary) -> [(String, Style)] {
        let trends = summary.series.map { test, values in
            let latest = summary.latest.first { $0.outcome.test == test }?.outcome
            return "\(short(test)) \(Sparkline.text(values, columns: 8)) \(latest?.value?.plainText ?? "")"
        }
        let others = summary.latest.filter { !summary.series.map(\.test).contains($0.outcome.test) }.map {
            "\(short($0.outcome.test)) \($0.outcome.meaning)"
        }
        let day = summary.latest.map(\.recordedAt).max().map { ClinicTime.clockText($0).dropLast(6) } ?? ""
        var lines: [(String, Style)] = [
            ("Screening \(day): " + (trends + [others.joined(separator: "; ")]).joined(separator: "  "), .plain)
        ]
        if let first = summary.unacted.first {
            let tests = summary.unacted.map { "\(short($0.outcome.test)) \($0.outcome.meaning)" }.joined(separator: ", ")
            let when = ClinicTime.clockText(first.recordedAt).dropLast(6)
            lines.append(("! Raised at screening \(when), not yet seen by a doctor: \(tests)", .error))
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
