import Foundation

/// A time of day in SAST to the minute, e.g. a stop's opening hour or a slot's start.
public struct ClockTime: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    /// Minutes since midnight, 0 ..< 1440.
    public let minutes: Int

    public init?(minutes: Int) {
        guard (0..<1440).contains(minutes) else { return nil }
        self.minutes = minutes
    }

    /// Parses `HH:MM`, `H:MM`, `HHMM` or `HHhMM`.
    public init?(typed text: String) {
        let text = text.trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: "h", with: ":")
        let parts =
            text.contains(":")
            ? text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            : (text.count == 4 ? [String(text.prefix(2)), String(text.suffix(2))] : [])
        guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let hours = Int(parts[0]), let minutes = Int(parts[1]), hours < 24, minutes < 60
        else { return nil }
        self.minutes = hours * 60 + minutes
    }

    /// Whether this time starts as `typed` does, with or without its colon: "17", "174",
    /// "1740", "17:4", "17h40" and "9:3" all match 17:40 or 09:30 as typed. Empty matches
    /// every time. For pickers of times, where people type what they see on the clock.
    public func matches(typed: String) -> Bool {
        var text = typed.trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: "h", with: ":")
        if text.count > 1, text.firstIndex(of: ":") == text.index(after: text.startIndex) { text = "0" + text }
        let compact = text.replacingOccurrences(of: ":", with: "")
        return description.replacingOccurrences(of: ":", with: "").hasPrefix(compact)
    }

    /// `08:30`.
    public var description: String { String(format: "%02d:%02d", minutes / 60, minutes % 60) }

    public static func < (a: ClockTime, b: ClockTime) -> Bool { a.minutes < b.minutes }
}

extension ClinicTime {
    /// The instant at `time` on `date` in SAST.
    public static func instant(_ date: CalendarDate, _ time: ClockTime) -> Date {
        calendar.date(
            from: DateComponents(
                year: date.year, month: date.month, day: date.day,
                hour: time.minutes / 60, minute: time.minutes % 60))!
    }

    /// The SAST time of day of `date`.
    public static func timeOfDay(_ date: Date) -> ClockTime {
        let parts = calendar.dateComponents([.hour, .minute], from: date)
        return ClockTime(minutes: parts.hour! * 60 + parts.minute!)!
    }
}
