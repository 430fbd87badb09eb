import Foundation

/// What a scanned medicine-pack barcode says (GS1 General Specifications): the element
/// string with (01) GTIN, (17) expiry or else (15) best-before, (11) production date,
/// (10) batch and (21) serial, in the raw form (variable fields ended by the GS character
/// 0x1D or the end) or the bracketed human form; or a plain GTIN-8, UPC-A or EAN-13.
public struct GS1Scan: Equatable, Sendable {
    /// GTIN-14 (shorter GTINs are padded with leading zeros).
    public var gtin: String
    public var expiry: CalendarDate?
    public var batch: String?
    public var serial: String?
    public var productionDate: CalendarDate?

    /// What is wrong with a scan.
    public enum Problem: Error, Equatable, Sendable, CustomStringConvertible {
        case empty
        case badCheckDigit(String)
        case notDigits(String)
        case truncated(ai: String)
        case badDate(ai: String, String)
        case tooLong(ai: String, maximum: Int)
        case unknownAI(String)
        case missingGTIN

        public var description: String {
            switch self {
            case .empty: "The scan is empty."
            case .badCheckDigit(let gtin): "GTIN \(gtin) fails its check digit (a misread? scan again)."
            case .notDigits(let text): "'\(text)' is neither a GS1 code nor a GTIN-8, UPC-A or EAN-13."
            case .truncated(let ai): "The scan ends inside field (\(ai)); scan again."
            case .badDate(let ai, let text): "Date (\(ai)) '\(text)' is not a date YYMMDD."
            case .tooLong(let ai, let maximum):
                "Field (\(ai)) is longer than \(maximum) characters: a misread (batch and serial run together?); scan again."
            case .unknownAI(let ai): "Field (\(ai)) is not a GS1 application identifier this program knows."
            case .missingGTIN: "The scan has no product code (01)."
            }
        }
    }

    static let groupSeparator: Character = "\u{1D}"

    /// Parses a scan; two-digit years are read with the GS1 century rule around `today`.
    public init(_ raw: String, today: CalendarDate) throws(Problem) {
        var text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        // Scanners may send a symbology identifier such as "]d2" or "]C1" first.
        if text.hasPrefix("]"), text.count >= 3 { text.removeFirst(3) }
        guard !text.isEmpty else { throw .empty }
        if text.allSatisfy({ $0.isASCII && $0.isNumber }) && [8, 12, 13].contains(text.count) {
            let gtin = String(repeating: "0", count: 14 - text.count) + text
            guard Self.checkDigitValid(gtin) else { throw .badCheckDigit(gtin) }
            self.init(gtin: gtin, expiry: nil, batch: nil, serial: nil)
            return
        }
        let fields = text.hasPrefix("(") ? try Self.bracketed(text) : try Self.raw(text)
        guard let gtin = fields["01"] else { throw .missingGTIN }
        guard Self.checkDigitValid(gtin) else { throw .badCheckDigit(gtin) }
        func date(_ ai: String) throws(Problem) -> CalendarDate? {
            guard let text = fields[ai] else { return nil }
            return try Self.date(text, ai: ai, today: today)
        }
        let expiry = try date("17"), bestBefore = try date("15"), produced = try date("11")
        self.init(gtin: gtin, expiry: expiry ?? bestBefore, batch: fields["10"], serial: fields["21"], productionDate: produced)
    }

    public init(gtin: String, expiry: CalendarDate?, batch: String?, serial: String?, productionDate: CalendarDate? = nil) {
        self.gtin = gtin
        self.expiry = expiry
        self.batch = batch
        self.serial = serial
        self.productionDate = productionDate
    }

    /// A date field YYMMDD: six digits; day 00 is the last day of the month; the century
    /// by the GS1 rule (General Specifications 7.12): a year 51–99 ahead of this one is in
    /// the previous century, one 50–99 behind it in the next, any other in this one.
    static func date(_ text: String, ai: String, today: CalendarDate) throws(Problem) -> CalendarDate {
        let digits = text.compactMap(\.wholeNumberValue)
        guard text.count == 6, digits.count == 6, text.allSatisfy(\.isASCII) else { throw .badDate(ai: ai, text) }
        let yy = digits[0] * 10 + digits[1], mm = digits[2] * 10 + digits[3], dd = digits[4] * 10 + digits[5]
        let thisYear = today.year % 100, century = today.year - thisYear
        let difference = yy - thisYear
        let year = century + yy + (difference >= 51 ? -100 : difference <= -50 ? 100 : 0)
        guard (1...12).contains(mm),
            let date = CalendarDate(year: year, month: mm, day: dd == 0 ? CalendarDate.days(inMonth: mm, year: year) : dd)
        else {
            throw .badDate(ai: ai, text)
        }
        return date
    }

    /// How long an application identifier's data is.
    enum DataLength: Equatable {
        case fixed(Int), upTo(Int)
    }

    /// The most characters a batch or lot number (AI 10) may have: typed ones are held to it too.
    public static let batchLength = 20

    /// The application identifiers read or skipped (GS1 General Specifications, section 3);
    /// any other is refused. The set is prefix-free, as GS1 assigns them, and every
    /// fixed-length field in it is numeric.
    static let formats: [String: DataLength] = {
        var formats: [String: DataLength] = [
            "00": .fixed(18), "01": .fixed(14), "02": .fixed(14), "10": .upTo(GS1Scan.batchLength), "11": .fixed(6),
            "12": .fixed(6),
            "13": .fixed(6), "15": .fixed(6), "16": .fixed(6), "17": .fixed(6), "20": .fixed(2), "21": .upTo(20),
            "22": .upTo(20), "240": .upTo(30), "241": .upTo(30), "30": .upTo(8), "37": .upTo(8),
        ]
        // (310n)–(369n) trade measures, (410)–(417) global location numbers, (710)–(715)
        // national healthcare reimbursement numbers.
        for measure in 310...369 { for decimals in 0...9 { formats["\(measure)\(decimals)"] = .fixed(6) } }
        for location in 410...417 { formats["\(location)"] = .fixed(13) }
        for reimbursement in 710...715 { formats["\(reimbursement)"] = .upTo(20) }
        // (90) mutually agreed information, (91)–(99) company internal information.
        formats["90"] = .upTo(30)
        for company in 91...99 { formats["\(company)"] = .upTo(90) }
        return formats
    }()
    /// The date fields: production, due, packaging, best-before, sell-by and expiry dates.
    static let dateFields: Set = ["11", "12", "13", "15", "16", "17"]

    /// The application identifier at the start of `text` (two to four digits).
    static func identifier(at text: Substring) throws(Problem) -> String {
        guard text.count >= 2 else { throw .truncated(ai: String(text)) }
        for length in 2...4 where text.count >= length {
            let ai = String(text.prefix(length))
            if formats[ai] != nil { return ai }
        }
        throw .unknownAI(String(text.prefix(2)))
    }

    /// Checks one field's value against its format.
    static func check(_ value: String, ai: String) throws(Problem) {
        guard !value.isEmpty else { throw .truncated(ai: ai) }
        switch formats[ai] {
        case .fixed(let length)?:
            // Every fixed-length field of the table is numeric.
            guard value.count == length, value.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                throw dateFields.contains(ai) ? .badDate(ai: ai, value) : .notDigits(value)
            }
        case .upTo(let maximum)?:
            guard value.count <= maximum else { throw .tooLong(ai: ai, maximum: maximum) }
        case nil:
            throw .unknownAI(ai)
        }
    }

    static func raw(_ text: String) throws(Problem) -> [String: String] {
        var fields: [String: String] = [:]
        var rest = Substring(text)
        while !rest.isEmpty {
            if rest.first == groupSeparator { rest.removeFirst(); continue }
            let ai = try identifier(at: rest)
            rest = rest.dropFirst(ai.count)
            let value: Substring
            if case .fixed(let length)? = formats[ai] {
                guard rest.count >= length else { throw .truncated(ai: ai) }
                value = rest.prefix(length)
            } else {
                value = rest[..<(rest.firstIndex(of: groupSeparator) ?? rest.endIndex)]
            }
            try check(String(value), ai: ai)
            fields[ai] = String(value)
            rest = rest[value.endIndex...]
        }
        return fields
    }

    static func bracketed(_ text: String) throws(Problem) -> [String: String] {
        var fields: [String: String] = [:]
        var rest = Substring(text)
        while !rest.isEmpty {
            guard rest.first == "(", let close = rest.firstIndex(of: ")") else { throw .truncated(ai: String(rest.prefix(4))) }
            let ai = String(rest[rest.index(after: rest.startIndex)..<close])
            guard formats[ai] != nil else { throw .unknownAI(ai) }
            rest = rest[rest.index(after: close)...]
            let end = rest.firstIndex(of: "(") ?? rest.endIndex
            let value = String(rest[..<end])
            try check(value, ai: ai)
            fields[ai] = value
            rest = rest[end...]
        }
        return fields
    }

    /// A GTIN-8, -12, -13 or -14 typed or imported as digits, as the 14-digit GTIN it is
    /// (zeros in front, GS1 General Specifications 3.3.2); nil for any other text.
    public static func gtin14(_ text: String) -> String? {
        let digits = text.trimmingCharacters(in: .whitespaces)
        guard digits.allSatisfy({ $0.isASCII && $0.isNumber }), [8, 12, 13, 14].contains(digits.count) else { return nil }
        return String(repeating: "0", count: 14 - digits.count) + digits
    }

    /// The GS1 mod-10 check: weights 3 and 1 from the right, excluding the check digit.
    public static func checkDigitValid(_ digits: String) -> Bool {
        let values = digits.compactMap { $0.wholeNumberValue }
        guard values.count == digits.count, let check = values.last else { return false }
        let sum = values.dropLast().reversed().enumerated().reduce(0) { $0 + $1.element * ($1.offset % 2 == 0 ? 3 : 1) }
        return (10 - sum % 10) % 10 == check
    }
}
