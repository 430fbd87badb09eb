import Foundation

/// Times are stored in UTC and shown in South African Standard Time (Africa/Johannesburg,
/// UTC+2 all year, no daylight saving).
public enum ClinicTime {
    /// SAST as a fixed offset, so display never depends on the machine's tz database.
    public static let zone = TimeZone(secondsFromGMT: 2 * 3600)!

    /// Calendar in SAST.
    public static var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar
    }

    /// "Tue 24 Nov 14:05" in SAST.
    public static func clockText(_ date: Date) -> String {
        let parts = calendar.dateComponents([.weekday, .day, .month, .hour, .minute], from: date)
        return String(
            format: "%@ %d %@ %02d:%02d", weekdays[parts.weekday! - 1], parts.day!,
            months[parts.month! - 1], parts.hour!, parts.minute!)
    }

    /// "Tue 8 Dec 2026": a day in SAST with its weekday, for a patient's appointment.
    public static func dayText(_ date: Date) -> String {
        let parts = calendar.dateComponents([.weekday, .day, .month, .year], from: date)
        return "\(weekdays[parts.weekday! - 1]) \(parts.day!) \(months[parts.month! - 1]) \(parts.year!)"
    }

    /// "2026-11-24 14:05" in SAST: a moment in a list that spans years.
    public static func stampText(_ date: Date) -> String {
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return String(format: "%04d-%02d-%02d %02d:%02d", parts.year!, parts.month!, parts.day!, parts.hour!, parts.minute!)
    }

    private static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// "20261202173822": the SAST time for file names, so a file's name reads as the clock
    /// on the screen did when it was written.
    public static func fileStamp(_ date: Date) -> String {
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(
            format: "%04d%02d%02d%02d%02d%02d", parts.year!, parts.month!, parts.day!, parts.hour!, parts.minute!, parts.second!)
    }
}
