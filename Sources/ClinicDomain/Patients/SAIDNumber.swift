import Foundation

/// Sex as recorded on a patient's file. SA ID numbers encode only female or male.
public enum Sex: String, CaseIterable, Codable, Sendable {
    case female = "F", male = "M", other = "X"

    public var title: String {
        switch self {
        case .female: "female"
        case .male: "male"
        case .other: "other"
        }
    }
}

/// A calendar date without a time, e.g. a date of birth: `YYYY-MM-DD`.
public struct CalendarDate: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    public let year: Int, month: Int, day: Int

    /// Nil unless the date exists (no 31 April, 29 February only in leap years).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= Self.days(inMonth: month, year: year), year >= 1 else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD`.
    /// A date as staff type it in a form: `YYYY-MM-DD`, or `DD/MM/YYYY` as South Africans
    /// often write it. Every date field of every form reads dates this way.
    public init?(typed text: String) {
        let text = text.trimmingCharacters(in: .whitespaces)
        if let date = CalendarDate(iso: text) {
            self = date
            return
        }
        let parts = text.split(separator: "/")
        guard parts.count == 3, parts[2].count == 4, let d = Int(parts[0]), let m = Int(parts[1]), let y = Int(parts[2]),
            let date = CalendarDate(year: y, month: m, day: d)
        else { return nil }
        self = date
    }

    public init?(iso text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2])
        else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// The SAST calendar date of `date`.
    public init(_ date: Date) {
        let parts = ClinicTime.calendar.dateComponents([.year, .month, .day], from: date)
        self.init(year: parts.year!, month: parts.month!, day: parts.day!)!
    }

    public static func days(inMonth month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    public var description: String { String(format: "%04d-%02d-%02d", year, month, day) }

    public static func < (a: CalendarDate, b: CalendarDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    /// Days since 1970-01-01 (a proleptic Gregorian day number), for date arithmetic.
    public var dayNumber: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The date `dayNumber` days after 1970-01-01.
    public init(dayNumber: Int) {
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.init(year: yoe + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d)!
    }

    /// The date `days` later (earlier when negative).
    public func adding(days: Int) -> CalendarDate { CalendarDate(dayNumber: dayNumber + days) }

    /// Whole days from this date to `other` (negative when `other` is earlier).
    public func days(until other: CalendarDate) -> Int { other.dayNumber - dayNumber }

    /// The day of the week, 1 = Monday … 7 = Sunday.
    public var weekday: Int { ((dayNumber % 7) + 7 + 3) % 7 + 1 }

    /// Whole years from this date to `today`.
    public func age(on today: CalendarDate) -> Int {
        var years = today.year - year
        if (today.month, today.day) < (month, day) { years -= 1 }
        return years
    }
}

/// A South African identity number `YYMMDD SSSS C A Z`, validated.
public struct SAIDNumber: Hashable, Sendable, CustomStringConvertible {
    /// The 13 digits.
    public let digits: String
    public let dateOfBirth: CalendarDate
    public let sex: Sex
    /// True for citizens (C = 0), false for permanent residents (C = 1).
    public let isCitizen: Bool

    /// What is wrong with a typed ID number.
    public enum Problem: Error, Equatable, Sendable, CustomStringConvertible {
        case notThirteenDigits(count: Int)
        case notADigit(Character, position: Int)
        case impossibleDate(String)
        case badCitizenship(Character)
        case badCheckDigit

        public var description: String {
            switch self {
            case .notThirteenDigits(let count): "SA ID must be 13 digits (got \(count))"
            case .notADigit(let character, let position):
                "SA ID holds '\(character)' at position \(position), which is not a digit"
            case .impossibleDate(let yymmdd): "SA ID starts with \(yymmdd), which is not a real date of birth"
            case .badCitizenship(let c): "SA ID digit 11 must be 0 (citizen) or 1 (permanent resident), not \(c)"
            case .badCheckDigit: "SA ID fails its check digit (last digit); check for a mistyped digit"
            }
        }
    }

    /// Validates `text` (spaces allowed between groups). The century is the one that puts the
    /// birth date on or before `today` and less than 100 years before it, unless a typed
    /// `dateOfBirth` with the same YYMMDD says otherwise (people aged 100 or more).
    public init(_ text: String, today: CalendarDate, dateOfBirth typed: CalendarDate? = nil) throws(Problem) {
        let digits = text.filter { !$0.isWhitespace }
        if let (offset, character) = digits.enumerated().first(where: { !($0.element.isASCII && $0.element.isNumber) }) {
            throw .notADigit(character, position: offset + 1)
        }
        guard digits.count == 13 else { throw .notThirteenDigits(count: digits.count) }
        let values = digits.map { Int(String($0))! }
        let yy = values[0] * 10 + values[1], mm = values[2] * 10 + values[3], dd = values[4] * 10 + values[5]
        let date: CalendarDate
        if let typed, typed.year % 100 == yy, let sameCentury = CalendarDate(year: typed.year, month: mm, day: dd),
            sameCentury <= today
        {
            // The typed date's century (a disagreement in month or day is reported, not this).
            date = sameCentury
        } else {
            let thisCentury = today.year / 100 * 100
            guard
                let recent = CalendarDate(year: thisCentury + yy, month: mm, day: dd)
                    ?? CalendarDate(year: thisCentury - 100 + yy, month: mm, day: dd)
            else {
                throw .impossibleDate(String(digits.prefix(6)))
            }
            guard let born = recent <= today ? recent : CalendarDate(year: recent.year - 100, month: mm, day: dd) else {
                throw .impossibleDate(String(digits.prefix(6)))
            }
            date = born
        }
        let citizenship = digits[digits.index(digits.startIndex, offsetBy: 10)]
        guard citizenship == "0" || citizenship == "1" else { throw .badCitizenship(citizenship) }
        guard Self.luhnValid(values) else { throw .badCheckDigit }
        self.digits = digits
        dateOfBirth = date
        sex = values[6] * 1000 + values[7] * 100 + values[8] * 10 + values[9] >= 5000 ? .male : .female
        isCitizen = citizenship == "0"
    }

    /// The Luhn check over all digits, the last being the check digit.
    public static func luhnValid(_ values: [Int]) -> Bool {
        var sum = 0
        for (offset, value) in values.reversed().enumerated() {
            if offset % 2 == 1 {
                let doubled = value * 2
                sum += doubled > 9 ? doubled - 9 : doubled
            } else {
                sum += value
            }
        }
        return sum % 10 == 0
    }

    /// Ways the ID disagrees with a separately entered date of birth and sex.
    public func disagreements(dateOfBirth entered: CalendarDate?, sex enteredSex: Sex?) -> [String] {
        var problems: [String] = []
        if let entered, entered != dateOfBirth {
            problems.append("SA ID gives date of birth \(dateOfBirth), but \(entered) was entered")
        }
        if let enteredSex, enteredSex != .other, enteredSex != sex {
            let code = digits.dropFirst(6).prefix(4)
            problems.append("SA ID digits 7-10 (\(code)) mean \(sex.title), but \(enteredSex.title) was entered")
        }
        return problems
    }

    /// `800101 **** 087`-style masking for lists: date part and last three digits only.
    public var masked: String { String(digits.prefix(6)) + "****" + String(digits.suffix(3)) }

    public var description: String { digits }
}
