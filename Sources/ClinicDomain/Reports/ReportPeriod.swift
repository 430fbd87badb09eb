import Foundation

/// The span a report covers: one SAST day, or one calendar month.
public enum ReportPeriod: Equatable, Sendable, CustomStringConvertible {
    case day(CalendarDate)
    /// A month, named by its first day.
    case month(CalendarDate)

    /// The month holding `date`.
    public static func month(of date: CalendarDate) -> ReportPeriod {
        .month(CalendarDate(year: date.year, month: date.month, day: 1)!)
    }

    /// Reads `--date` for a report: `YYYY-MM-DD` for a day; for a month also `YYYY-MM`.
    public static func parse(_ text: String, monthly: Bool) -> ReportPeriod? {
        if let date = CalendarDate(iso: text) { return monthly ? month(of: date) : .day(date) }
        guard monthly, let first = CalendarDate(iso: text + "-01") else { return nil }
        return .month(first)
    }

    /// The first day of the period.
    public var first: CalendarDate {
        switch self {
        case .day(let date), .month(let date): date
        }
    }

    /// The day after the period's last day.
    public var end: CalendarDate {
        switch self {
        case .day(let date): date.adding(days: 1)
        case .month(let first): first.adding(days: CalendarDate.days(inMonth: first.month, year: first.year))
        }
    }

    /// The period before (`by` -1) or after (`by` 1) this one, of the same kind.
    public func moved(by step: Int) -> ReportPeriod {
        switch self {
        case .day(let date): return .day(date.adding(days: step))
        case .month(let first):
            let index = first.year * 12 + first.month - 1 + step
            return .month(CalendarDate(year: index / 12, month: index % 12 + 1, day: 1)!)
        }
    }

    /// The SAST instants the period spans, start inclusive, end exclusive.
    public var instants: (start: Date, end: Date) {
        (ClinicTime.instant(first, ClockTime(minutes: 0)!), ClinicTime.instant(end, ClockTime(minutes: 0)!))
    }

    /// "2026-11-24" or "2026-11".
    public var description: String {
        switch self {
        case .day(let date): date.description
        case .month(let first): String(first.description.prefix(7))
        }
    }
}
