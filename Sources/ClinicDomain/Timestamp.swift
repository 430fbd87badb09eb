import Foundation

/// An instant as the database stores it: one fixed UTC text form, `2026-11-24T08:15:30.123Z`,
/// which sorts as text and is what the audit hash and the seals cover. A value keeps the
/// stored text exactly (even text not in that form, from a row written by hand), so reading
/// and writing a row never changes it.
public struct Timestamp: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The text as stored.
    public let text: String

    /// The instant `date`, to the millisecond.
    public init(_ date: Date) { text = Self.string(date) }

    /// A stored text, kept as it is.
    public init(text: String) { self.text = text }

    /// The instant, nil for text not in the stored form.
    public var date: Date? { Self.date(text) }

    public var description: String { text }

    public static func < (a: Timestamp, b: Timestamp) -> Bool { a.text < b.text }

    /// Read and written as the bare text (in sync payloads too).
    public init(from decoder: any Decoder) throws { text = try decoder.singleValueContainer().decode(String.self) }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }

    /// `2026-11-24T08:15:30.123Z`: fixed width, sorts as text, stable for hashing.
    public static func string(_ date: Date) -> String {
        let millis = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        let seconds = millis / 1000, ms = Int(millis % 1000)
        var time = time_t(seconds)
        var parts = tm()
        gmtime_r(&time, &parts)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ",
            Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday),
            Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec), ms)
    }

    /// Parses the form written by `string(_:)`; nil for anything else. Read directly (no
    /// date formatter) because screens call it for every row they draw.
    public static func date(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count == 24, bytes[4] == 0x2D, bytes[7] == 0x2D, bytes[10] == 0x54, bytes[13] == 0x3A,
            bytes[16] == 0x3A, bytes[19] == 0x2E, bytes[23] == 0x5A
        else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for byte in bytes[range] {
                guard (0x30...0x39).contains(byte) else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10), let hour = number(11..<13),
            let minute = number(14..<16), let second = number(17..<19), let millis = number(20..<23),
            (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 60
        else { return nil }
        var parts = tm()
        parts.tm_year = Int32(year - 1900)
        parts.tm_mon = Int32(month - 1)
        parts.tm_mday = Int32(day)
        parts.tm_hour = Int32(hour)
        parts.tm_min = Int32(minute)
        parts.tm_sec = Int32(second)
        return Date(timeIntervalSince1970: Double(timegm(&parts)) + Double(millis) / 1000)
    }
}
