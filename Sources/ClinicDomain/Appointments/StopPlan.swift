import Foundation

/// A route stop as planned: the truck at a location on a date, open for certain hours,
/// seeing patients in fixed slots of a set capacity.
public struct StopPlan: Equatable, Sendable {
    public let truck: String
    public let date: CalendarDate
    public let opens: ClockTime
    public let closes: ClockTime
    public let slotMinutes: Int
    public let capacity: Int
    /// Minutes after a slot's end before a booking nobody checked in counts as a no-show.
    public let noShowGraceMinutes: Int

    /// The form's fields (the location's, then the plan's).
    public typealias Field = StopField
    /// Slot lengths allowed, in minutes.
    public static let slotRange = 5...240
    /// Patients per slot allowed.
    public static let capacityRange = 1...50
    /// No-show grace allowed, in minutes: up to two hours after the slot.
    public static let graceRange = 0...120

    public init(
        truck: String, date: CalendarDate, opens: ClockTime, closes: ClockTime, slotMinutes: Int, capacity: Int,
        noShowGraceMinutes: Int = NoShowRule.defaultGraceMinutes
    ) {
        self.truck = truck
        self.date = date
        self.opens = opens
        self.closes = closes
        self.slotMinutes = slotMinutes
        self.capacity = capacity
        self.noShowGraceMinutes = noShowGraceMinutes
    }

    /// Checks typed values against `today`: a real date not in the past, opening before
    /// closing, a slot length of 5 to 240 minutes that fits at least once, and a capacity of
    /// 1 to 50 per slot, and a no-show grace of 0 to 120 minutes (empty: the default 15).
    /// Every problem is reported at once.
    public static func validate(_ values: [String: String], today: CalendarDate) -> Result<StopPlan, FieldProblems> {
        func value(_ id: Field) -> String { (values[id.rawValue] ?? "").trimmingCharacters(in: .whitespaces) }
        var problems: [FieldProblem] = []
        let date = CalendarDate(typed: value(.date))
        if date == nil {
            problems.append(FieldProblem(StopField.date, "The date must be a real date, YYYY-MM-DD"))
        } else if let date, date < today {
            problems.append(FieldProblem(StopField.date, "\(date) is in the past; plan stops from today on"))
        }
        let opens = ClockTime(typed: value(.opens)), closes = ClockTime(typed: value(.closes))
        if opens == nil { problems.append(FieldProblem(StopField.opens, "Opening time must be HH:MM, e.g. 08:00")) }
        if closes == nil { problems.append(FieldProblem(StopField.closes, "Closing time must be HH:MM, e.g. 15:30")) }
        if let opens, let closes, closes <= opens {
            problems.append(FieldProblem(StopField.closes, "The stop must close after it opens (\(opens))"))
        }
        let slot = Int(value(.slotMinutes))
        if slot.map({ !slotRange.contains($0) }) ?? true {
            problems.append(
                FieldProblem(
                    StopField.slotMinutes, "Slot length must be \(slotRange.lowerBound) to \(slotRange.upperBound) minutes"))
        } else if let slot, let opens, let closes, closes > opens, closes.minutes - opens.minutes < slot {
            problems.append(
                FieldProblem(StopField.slotMinutes, "A \(slot)-minute slot does not fit between \(opens) and \(closes)"))
        }
        let capacity = Int(value(.capacity))
        if capacity.map({ !capacityRange.contains($0) }) ?? true {
            problems.append(
                FieldProblem(
                    StopField.capacity,
                    "Capacity must be \(capacityRange.lowerBound) to \(capacityRange.upperBound) patients per slot"))
        }
        if value(.truck).isEmpty { problems.append(FieldProblem(StopField.truck, "The truck is required")) }
        let grace = value(.noShowGrace).isEmpty ? NoShowRule.defaultGraceMinutes : Int(value(.noShowGrace))
        if grace.map({ !graceRange.contains($0) }) ?? true {
            problems.append(
                FieldProblem(
                    StopField.noShowGrace,
                    "The no-show grace must be \(graceRange.lowerBound) to \(graceRange.upperBound) minutes after the slot"))
        }
        guard problems.isEmpty, let date, let opens, let closes, let slot, let capacity, let grace else {
            return .failure(FieldProblems(problems))
        }
        return .success(
            StopPlan(
                truck: value(.truck), date: date, opens: opens, closes: closes, slotMinutes: slot, capacity: capacity,
                noShowGraceMinutes: grace))
    }

    /// The slots' start times: from opening, every `slotMinutes`, each ending by closing.
    public var slots: [ClockTime] {
        stride(from: opens.minutes, through: closes.minutes - slotMinutes, by: slotMinutes).compactMap(ClockTime.init(minutes:))
    }

    /// Whether this stop and `other` need the same truck at the same time.
    public func overlaps(_ other: StopPlan) -> Bool {
        truck.caseInsensitiveCompare(other.truck) == .orderedSame && date == other.date
            && opens < other.closes && other.opens < closes
    }
}

/// Where an appointment stands. Booked is the only open state.
public enum AppointmentStatus: String, CaseIterable, Codable, Sendable {
    case booked
    case cancelled
    /// Moved to another slot; the new booking is a new appointment pointing back.
    case rescheduled
    case checkedIn = "checked in"
    case noShow = "no-show"

    /// Whether an appointment in this state may become `next`: booked ones change to any
    /// other state; a no-show may still be checked in (a late arrival), set back to booked,
    /// or moved to another slot (the patient phoned after missing it).
    public func canBecome(_ next: AppointmentStatus) -> Bool {
        switch self {
        case .booked: next != .booked
        case .noShow: next == .checkedIn || next == .booked || next == .rescheduled
        case .cancelled, .rescheduled, .checkedIn: false
        }
    }

    /// "This appointment was already marked as a no-show": why it cannot change, in words.
    public var alreadyText: String {
        switch self {
        case .booked: "This appointment is still booked"
        case .cancelled: "This appointment was cancelled already"
        case .rescheduled: "This appointment was moved to another slot already"
        case .checkedIn: "This patient was checked in already"
        case .noShow: "This appointment was already marked as a no-show"
        }
    }
}

/// When a booking that nobody checked in counts as a no-show: once its slot has ended and
/// the grace after it has passed, so a patient late within their slot is never turned away.
public enum NoShowRule {
    /// Minutes after the slot's end before it counts, unless the stop sets its own (the
    /// clinic's own rule of thumb).
    public static let defaultGraceMinutes = 15

    /// Whether a booking starting at `startsAt` in `slotMinutes`-long slots is due at `now`,
    /// `graceMinutes` after its slot.
    public static func isDue(startsAt: Date, slotMinutes: Int, now: Date, graceMinutes: Int) -> Bool {
        now >= startsAt.addingTimeInterval(Double(slotMinutes + graceMinutes) * 60)
    }
}
