import ClinicDomain
package import ClinicStore
import Foundation
internal import GRDB

/// Arrivals in one SAST hour of the day.
public struct HourCount: Equatable, Sendable {
    public let hour: Int
    public let count: Int
}

/// Today's visits of one triage colour; a nil colour is not yet triaged.
public struct ColourCount: Equatable, Sendable {
    public let colour: TriageColour?
    public let count: Int
}

/// The clinic's day at a glance.
public struct Dashboard: Sendable {
    /// One open stage: today's visits now in it, who waits untaken, the longest wait and
    /// the median time visits spent in it today (minutes).
    public struct StageLine: Equatable, Sendable {
        public let stage: VisitStage
        public let now: Int
        public let waiting: Int
        public let longestWait: Int?
        public let medianMinutes: Int?
    }

    public let day: CalendarDate
    public let visits: Int
    public let closed: Int
    public let cancelled: Int
    public let stages: [StageLine]
    /// Arrivals per SAST hour of the day, e.g. (8, 5).
    public let perHour: [HourCount]
    /// Today's visits by triage colour; nil colour is not yet triaged.
    public let colours: [ColourCount]
    /// Diagnoses since Monday, most frequent first.
    public let topDiagnoses: [DiagnosisCount]
    /// Stock and equipment alerts, nil for roles that do not read inventory.
    public let alerts: Int?
    public let noShows: Int
    /// Visits per day over the last 14 days, today last.
    public let lastDays: [Int]

}

/// Builds the dashboard for roles with report.clinical.
public struct DashboardService: Sendable {
    let database: ClinicDatabase
    let clock: any Clock

    package init(database: ClinicDatabase, clock: any Clock = SystemClock()) {
        self.database = database
        self.clock = clock
    }

    /// The dashboard now.
    public func dashboard(by actor: Actor) throws -> Dashboard {
        try actor.require(.reportClinical)
        let now = clock.now()
        let today = CalendarDate(now)
        let (start, end) = ReportPeriod.day(today).instants
        let monday = ReportPeriod.day(today.adding(days: -((today.weekday + 5) % 7))).instants.start
        let fortnight = (0..<14).map { today.adding(days: $0 - 13) }
        let seesStock: Bool = (try? actor.require(.inventoryRead)) != nil
        let alerts =
            seesStock
            ? try StockService(database: database, clock: clock).alerts(by: actor).count
                + AssetService(database: database, clock: clock).alerts(by: actor).count : nil
        return try database.pool.read { db in
            let visits = try DashboardQueries.visits(from: start, to: end, in: db)
            let todays = visits.filter { $0.arrivedAt.date.map { $0 >= start } ?? false }
            let steps = try DashboardQueries.steps(from: start, to: end, in: db)
            return Dashboard(
                day: today, visits: todays.count,
                closed: todays.filter { $0.stage == .closed }.count, cancelled: todays.filter { $0.stage == .cancelled }.count,
                stages: Self.stageLines(
                    todays: todays, open: visits.filter { $0.stage.isOpen }, steps: steps, start: start, now: now),
                perHour: Self.perHour(todays), colours: Self.colours(todays),
                topDiagnoses: try DashboardQueries.topDiagnoses(from: monday, to: end, limit: 10, in: db),
                alerts: alerts, noShows: try DashboardQueries.noShows(from: start, to: end, in: db),
                lastDays: try Self.perDay(fortnight, end: end, in: db))
        }
    }

    static func perDay(_ days: [CalendarDate], end: Date, in db: Database) throws -> [Int] {
        let counts = try DashboardQueries.visitsPerDay(from: ReportPeriod.day(days[0]).instants.start, to: end, in: db)
        return days.map { counts[$0.description] ?? 0 }
    }

    static func stageLines(
        todays: [DashboardVisit], open: [DashboardVisit], steps: [StageStep], start: Date, now: Date
    ) -> [Dashboard.StageLine] {
        var spent: [VisitStage: [Double]] = [:]
        for (previous, step) in zip(steps, steps.dropFirst()) where previous.visitId == step.visitId {
            guard let stage = step.fromStage, let from = previous.at.date, let to = step.at.date, to >= start
            else { continue }
            spent[stage, default: []].append(to.timeIntervalSince(from) / 60)
        }
        return VisitStage.allCases.filter(\.isOpen).map { stage in
            let waiting = open.filter { $0.stage == stage && $0.takenBy == nil }
            let longest = waiting.compactMap { $0.stageEnteredAt.date }.map { Int(now.timeIntervalSince($0) / 60) }.max()
            return Dashboard.StageLine(
                stage: stage, now: todays.filter { $0.stage == stage }.count, waiting: waiting.count,
                longestWait: longest, medianMinutes: median(spent[stage] ?? []))
        }
    }

    /// The middle value (the mean of the two middle ones for an even count), in whole minutes.
    static func median(_ values: [Double]) -> Int? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted(), middle = sorted.count / 2
        let value = sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
        return Int(value.rounded())
    }

    /// Arrivals per hour over the working day (07–17), widened to any hour that had arrivals.
    static func perHour(_ todays: [DashboardVisit]) -> [HourCount] {
        var counts: [Int: Int] = [:]
        for visit in todays {
            if let date = visit.arrivedAt.date { counts[ClinicTime.timeOfDay(date).minutes / 60, default: 0] += 1 }
        }
        let hours = counts.keys + [7, 17]
        return (hours.min()!...hours.max()!).map { HourCount(hour: $0, count: counts[$0] ?? 0) }
    }

    static func colours(_ todays: [DashboardVisit]) -> [ColourCount] {
        (TriageColour.allCases.map(Optional.some) + [nil]).map { colour in
            ColourCount(colour: colour, count: todays.filter { QueueRank.colour($0.colourRank) == colour }.count)
        }
    }
}
