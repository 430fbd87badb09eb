import ClinicDomain
package import ClinicStore
import Foundation

/// A report's totals in two parts: visits and care given.
public struct ReportSummary: Equatable, Sendable {
    /// "12 visits, 9 closed, 1 cancelled".
    public let visits: String
    /// "14 diagnoses, 8 prescriptions, 2 referrals, 240 units dispensed".
    public let care: String
    /// "18 screened: 4 raised BP, 2 raised glucose, 1 presumptive TB; 6 HIV tests (1 positive,
    /// 1 linked to ART)"; "" when nothing was screened.
    public let screening: String
}

/// A daily or monthly report: every figure by day and site, in a fixed measure order.
public struct Report: Equatable, Sendable {
    public let period: ReportPeriod
    public let siteName: String
    public let rows: [ReportRow]

    /// Measures in the order reports show them.
    public static let measures = [
        "visits", "closed", "cancelled", "diagnosis", "prescription", "referral", "screened", "screening", "hiv test",
        "hiv linked", "stock used",
    ]

    /// The total of `measure`'s counts over the period.
    public func total(_ measure: String) -> Int {
        rows.filter { $0.measure == measure }.reduce(0) { $0 + $1.count }
    }

    /// The totals in two parts: visits ("12 visits, 9 closed, 1 cancelled") and care given
    /// ("14 diagnoses, 8 prescriptions, 2 referrals, 240 units dispensed").
    public var summaryParts: ReportSummary {
        let units = rows.filter { $0.measure == "stock used" }.reduce(0) { $0 + ($1.quantity ?? 0) }
        return ReportSummary(
            visits: "\(total("visits").counted("visit")), \(total("closed")) closed, \(total("cancelled")) cancelled",
            care: total("diagnosis").counted("diagnosis", plural: "diagnoses") + ", "
                + total("prescription").counted("prescription") + ", " + total("referral").counted("referral") + ", "
                + units.counted("unit") + " dispensed", screening: screeningSummary)
    }

    /// The screening day's totals in words.
    var screeningSummary: String {
        func raised(_ test: ScreeningTest) -> Int {
            rows.filter { $0.measure == "screening" && $0.code == test.rawValue && $0.description == "raised" }
                .reduce(0) { $0 + $1.count }
        }
        let tests = rows.filter { $0.measure == "hiv test" && $0.code != "declined" }.reduce(0) { $0 + $1.count }
        guard total("screened") > 0 || tests > 0 else { return "" }
        var text =
            "\(total("screened")) screened: \(raised(.bloodPressure)) raised BP, \(raised(.glucose)) raised glucose, "
            + "\(raised(.tb)) presumptive TB"
        if tests > 0 {
            let positives = rows.filter { $0.measure == "hiv test" && $0.code == "positive" }.reduce(0) { $0 + $1.count }
            text += "; " + tests.counted("HIV test")
            if rows.contains(where: { $0.measure == "hiv test" && $0.code != "done" }) {
                text += " (\(positives) positive, \(total("hiv linked")) linked to ART)"
            }
        }
        return text
    }

    /// The totals on one line.
    public var summary: String {
        let parts = summaryParts
        return parts.visits + ", " + parts.care + (parts.screening.isEmpty ? "" : "; " + parts.screening)
    }

    /// The report as CSV, one figure per line: `day,site,measure,code,description,count,quantity`.
    public var csv: String {
        let header = CSVText.line(["day", "site", "measure", "code", "description", "count", "quantity"])
        return
            ([header]
            + rows.map {
                CSVText.line([
                    $0.day, $0.site, $0.measure, $0.code, $0.description, String($0.count), $0.quantity.map(String.init) ?? "",
                ])
            }).joined(separator: "\n") + "\n"
    }
}

/// Reports for the clinic manager and finance: visits, diagnoses, prescriptions,
/// referrals and stock used, by site and day.
public struct ReportService: Sendable {
    let database: ClinicDatabase

    package init(database: ClinicDatabase) { self.database = database }

    /// The report for `period`. Needs report.clinical.
    public func report(_ period: ReportPeriod, by actor: Actor) throws -> Report {
        try actor.require(.reportClinical)
        let (start, end) = period.instants
        return try database.pool.read { db in
            let siteName = try SettingsRepository.load(in: db).siteName
            var rows = try ReportQueries.rows(from: start, to: end, siteName: siteName, in: db)
            if !actor.may(.screeningHIVRead) { rows = Self.withoutHIVResults(rows) }
            let rank = Dictionary(uniqueKeysWithValues: Report.measures.enumerated().map { ($1, $0) })
            let sorted = rows.sorted {
                ($0.day, $0.site, rank[$0.measure] ?? 99, $0.code) < ($1.day, $1.site, rank[$1.measure] ?? 99, $1.code)
            }
            return Report(period: period, siteName: siteName, rows: sorted)
        }
    }

    /// HIV results are special personal information, even counted by day: without
    /// `screening.hiv.read` the tests show as done, one count per day and site.
    static func withoutHIVResults(_ rows: [ReportRow]) -> [ReportRow] {
        let isResult = { (row: ReportRow) in row.measure == "hiv test" && row.code != "declined" }
        var done: [String: ReportRow] = [:]
        for row in rows where isResult(row) {
            let key = row.day + "\u{1F}" + row.site
            var merged = done[key] ?? row
            if done[key] == nil { (merged.code, merged.description) = ("done", "") } else { merged.count += row.count }
            done[key] = merged
        }
        return rows.filter { !isResult($0) && $0.measure != "hiv linked" } + done.values
    }

    /// Writes the report's CSV as `report-PERIOD.csv` in `folder` and returns its path.
    public func export(_ period: ReportPeriod, to folder: String, by actor: Actor) throws -> String {
        try ExportFile.write(try report(period, by: actor).csv, folder: folder, name: "report-\(period).csv")
    }
}
