import Foundation

/// What a scanned medicine-pack barcode says: the GS1 element string (01) GTIN, (17)
/// expiry, (10) batch, (21) serial, in the raw form (variable fields ended by the GS
/// character 0x1D or the end) or the bracketed human form, or a plain EAN-13.
public struct GS1Scan: Equatable, Sendable {
    /// GTIN-14 (an EAN-13 is padded with a leading 0).
    public var gtin: String
    public var expiry: CalendarDate?
    public var batch: String?
    public var serial: String?

    /// What is wrong with a scan.
    public enum Problem: Error, Equatable, Sendable, CustomStringConvertible {
        case empty
        case badCheckDigit(String)
        case notDigits(String)
        case truncated(ai: String)
        case badExpiry(String)
        case unknownAI(String)
        case missingGTIN

        public var description: String {
            switch self {
            case .empty: "The scan is empty."
            case .badCheckDigit(let gtin): "GTIN \(gtin) fails its check digit (a misread? scan again)."
            case .notDigits(let text): "'\(text)' is neither a GS1 code nor an EAN-13."
            case .truncated(let ai): "The scan ends inside field (\(ai)); scan again."
            case .badExpiry(let text): "Expiry (17) '\(text)' is not a date YYMMDD."
            case .unknownAI(let ai): "Field (\(ai)) is not one this program reads (01, 17, 10, 21)."
            case .missingGTIN: "The scan has no product code (01)."
            }
        }
    }

    static let groupSeparator: Character = "\u{1D}"

    /// Parses a scan. `century` is the first two digits of expiry years (20 → 20YY).
    public init(_ raw: String, century: Int = 20) throws(Problem) {
        var text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        // Scanners may send a symbology identifier such as "]d2" or "]C1" first.
        if text.hasPrefix("]"), text.count >= 3 { text.removeFirst(3) }
        guard !text.isEmpty else { throw .empty }
        if text.allSatisfy({ $0.isASCII && $0.isNumber }) && text.count == 13 {
            let gtin = "0" + text
            guard Self.checkDigitValid(gtin) else { throw .badCheckDigit(gtin) }
            self.init(gtin: gtin, expiry: nil, batch: nil, serial: nil)
            return
        }
        let fields = text.hasPrefix("(") ? try Self.bracketed(text) : try Self.raw(text)
        guard let gtin = fields["01"] else { throw .missingGTIN }
        guard gtin.count == 14, gtin.allSatisfy({ $0.isASCII && $0.isNumber }) else { throw .notDigits(gtin) }
        guard Self.checkDigitValid(gtin) else { throw .badCheckDigit(gtin) }
        var expiry: CalendarDate?
        if let text = fields["17"] {
            guard text.count == 6, let yy = Int(text.prefix(2)), let mm = Int(text.dropFirst(2).prefix(2)),
                  let dd = Int(text.suffix(2)), (1...12).contains(mm) else { throw .badExpiry(text) }
            let year = century * 100 + yy
            // Day 00 means the last day of the month.
            guard let date = CalendarDate(year: year, month: mm, day: dd == 0 ? CalendarDate.days(inMonth: mm, year: year) : dd) else {
                throw .badExpiry(text)
            }
            expiry = date
        }
        self.init(gtin: gtin, expiry: expiry, batch: fields["10"], serial: fields["21"])
    }

    public init(gtin: String, expiry: CalendarDate?, batch: String?, serial: String?) {
        self.gtin = gtin
        self.expiry = expiry
        self.batch = batch
        self.serial = serial
    }

    /// Fixed-length application identifiers and their data lengths; others run to GS or the end.
    static let fixedLengths = ["01": 14, "17": 6]
    static let known: Set = ["01", "17", "10", "21"]

    static func raw(_ text: String) throws(Problem) -> [String: String] {
        var fields: [String: String] = [:]
        var rest = Substring(text)
        while !rest.isEmpty {
            if rest.first == groupSeparator { rest.removeFirst(); continue }
            guard rest.count >= 2 else { throw .truncated(ai: String(rest)) }
            let ai = String(rest.prefix(2))
            guard known.contains(ai) else { throw .unknownAI(ai) }
            rest = rest.dropFirst(2)
            if let length = fixedLengths[ai] {
                guard rest.count >= length else { throw .truncated(ai: ai) }
                fields[ai] = String(rest.prefix(length))
                rest = rest.dropFirst(length)
            } else {
                let end = rest.firstIndex(of: groupSeparator) ?? rest.endIndex
                let value = String(rest[..<end])
                guard !value.isEmpty else { throw .truncated(ai: ai) }
                fields[ai] = value
                rest = rest[end...]
            }
        }
        return fields
    }

    static func bracketed(_ text: String) throws(Problem) -> [String: String] {
        var fields: [String: String] = [:]
        var rest = Substring(text)
        while !rest.isEmpty {
            guard rest.first == "(", let close = rest.firstIndex(of: ")") else { throw .truncated(ai: String(rest.prefix(4))) }
            let ai = String(rest[rest.index(after: rest.startIndex)..<close])
            guard known.contains(ai) else { throw .unknownAI(ai) }
            rest = rest[rest.index(after: close)...]
            let end = rest.firstIndex(of: "(") ?? rest.endIndex
            let value = String(rest[..<end])
            guard !value.isEmpty else { throw .truncated(ai: ai) }
            if let length = fixedLengths[ai], value.count != length { throw ai == "17" ? .badExpiry(value) : .notDigits(value) }
            fields[ai] = value
            rest = rest[end...]
        }
        return fields
    }

    /// The GS1 mod-10 check: weights 3 and 1 from the right, excluding the check digit.
    public static func checkDigitValid(_ digits: String) -> Bool {
        let values = digits.compactMap { $0.wholeNumberValue }
        guard values.count == digits.count, let check = values.last else { return false }
        let sum = values.dropLast().reversed().enumerated().reduce(0) { $0 + $1.element * ($1.offset % 2 == 0 ? 3 : 1) }
        return (10 - sum % 10) % 10 == check
    }
}
