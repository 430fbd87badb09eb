import ClinicDomain
import Foundation
import XCTest

final class SchedulingTests: XCTestCase {
    let today = CalendarDate(year: 2026, month: 11, day: 24)!
    let good = ["date": "2026-11-25", "opens": "08:00", "closes": "10:00", "slot_minutes": "15", "capacity": "3", "truck": "T03"]

    func plan(_ changes: [String: String] = [:]) -> Result<StopPlan, FieldProblems> {
        StopPlan.validate(good.merging(changes) { $1 }, today: today)
    }

    func testSlotsFillTheOpeningHoursAndNeverRunPastClosing() throws {
        XCTAssertEqual(
            try plan().get().slots.map(\.description),
            ["08:00", "08:15", "08:30", "08:45", "09:00", "09:15", "09:30", "09:45"])
        XCTAssertEqual(
            try plan(["closes": "09:10", "slot_minutes": "20"]).get().slots.map(\.description), ["08:00", "08:20", "08:40"])
        XCTAssertEqual(try plan(["closes": "08:05", "slot_minutes": "5"]).get().slots.map(\.description), ["08:00"])
    }

    func testEveryBadStopIsExplainedAtItsField() {
        let cases: [([String: String], String, String)] = [
            (["date": "2026-11-23"], "date", "2026-11-23 is in the past; plan stops from today on"),
            (["date": "2026-02-30"], "date", "The date must be a real date, YYYY-MM-DD"),
            (["opens": "8"], "opens", "Opening time must be HH:MM, e.g. 08:00"),
            (["closes": "24:00"], "closes", "Closing time must be HH:MM, e.g. 15:30"),
            (["closes": "08:00"], "closes", "The stop must close after it opens (08:00)"),
            (["slot_minutes": "0"], "slot_minutes", "Slot length must be 5 to 240 minutes"),
            (["slot_minutes": "-15"], "slot_minutes", "Slot length must be 5 to 240 minutes"),
            (["closes": "08:10"], "slot_minutes", "A 15-minute slot does not fit between 08:00 and 08:10"),
            (["capacity": "0"], "capacity", "Capacity must be 1 to 50 patients per slot"),
            (["capacity": "-1"], "capacity", "Capacity must be 1 to 50 patients per slot"),
            (["capacity": "three"], "capacity", "Capacity must be 1 to 50 patients per slot"),
            (["truck": " "], "truck", "The truck is required"),
        ]
        for (change, field, message) in cases {
            guard case .failure(let problems) = plan(change) else { XCTFail("accepted \(change)"); continue }
            XCTAssertEqual(problems[field], message, "\(change)")
        }
        XCTAssertNoThrow(try plan(["date": "2026-11-24"]).get(), "today is allowed")
    }

    func testStopsOverlapOnlyForTheSameTruckOnTheSameDayAtTheSameTime() throws {
        let base = try plan().get()
        let cases: [([String: String], Bool)] = [
            ([:], true),
            (["opens": "09:59", "closes": "12:00"], true),
            (["opens": "10:00", "closes": "12:00"], false),
            (["opens": "06:00", "closes": "08:00"], false),
            (["opens": "06:00", "closes": "08:01"], true),
            (["opens": "08:30", "closes": "09:00"], true),
            (["truck": "t03"], true),
            (["truck": "T04"], false),
            (["date": "2026-11-26"], false),
        ]
        for (change, expected) in cases {
            let other = try plan(change).get()
            XCTAssertEqual(base.overlaps(other), expected, "\(change)")
            XCTAssertEqual(other.overlaps(base), expected, "symmetric: \(change)")
        }
    }

    func testClockTimesAsTypedAndSASTInstantsInUTC() {
        XCTAssertEqual(ClockTime(typed: "8:05")?.description, "08:05")
        XCTAssertEqual(ClockTime(typed: "0830")?.description, "08:30")
        XCTAssertEqual(ClockTime(typed: "14h30")?.description, "14:30")
        for bad in ["", "8", "24:00", "12:60", "12:5", "ab:cd", "-1:00"] { XCTAssertNil(ClockTime(typed: bad), bad) }
        // 08:00 SAST is 06:00 UTC; 01:00 SAST on the 25th is still the 24th in UTC.
        XCTAssertEqual(
            ClinicTime.instant(today, ClockTime(typed: "08:00")!), Date(timeIntervalSince1970: 1_795_500_000 + 3_600 * 0))
        let early = ClinicTime.instant(CalendarDate(year: 2026, month: 11, day: 25)!, ClockTime(typed: "01:00")!)
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(secondsFromGMT: 0)!
        XCTAssertEqual(utc.component(.day, from: early), 24)
        XCTAssertEqual(CalendarDate(early), CalendarDate(year: 2026, month: 11, day: 25), "the SAST date")
        XCTAssertEqual(ClinicTime.timeOfDay(early).description, "01:00")
    }

    /// Every pair of states: a booking changes to anything else; a no-show can still be
    /// checked in (late), set back to booked or rescheduled; cancelled, rescheduled and
    /// checked-in are final.
    func testBookingsChangeOnceAndANoShowCanStillBeCheckedInRestoredOrMoved() {
        for from in AppointmentStatus.allCases {
            for to in AppointmentStatus.allCases {
                let expected =
                    (from == .booked && to != .booked)
                    || (from == .noShow && [.checkedIn, .booked, .rescheduled].contains(to))
                XCTAssertEqual(from.canBecome(to), expected, "\(from) → \(to)")
            }
        }
    }

    /// The 21:30 slot of a 30-minute stop runs to 22:00: not a no-show at 21:34, nor until
    /// the 15-minute grace after its end has passed (checked minute by minute).
    func testABookingIsANoShowOnlyAfterItsSlotAndTheGrace() {
        let start = ClinicTime.instant(CalendarDate(year: 2026, month: 11, day: 24)!, ClockTime(typed: "21:30")!)
        for minute in 0...60 {
            let now = start.addingTimeInterval(Double(minute) * 60)
            XCTAssertEqual(
                NoShowRule.isDue(startsAt: start, slotMinutes: 30, now: now, graceMinutes: NoShowRule.defaultGraceMinutes),
                minute >= 45, "at +\(minute) min")
            XCTAssertEqual(
                NoShowRule.isDue(startsAt: start, slotMinutes: 30, now: now, graceMinutes: 0), minute >= 30,
                "no grace, at +\(minute) min")
        }
    }

    /// The slot picker takes a time as typed off a clock: with or without its colon (the
    /// fresh-eyes walk typed "1740" and found nothing).
    func testATimeMatchesWhatIsTypedWithOrWithoutItsColon() {
        let time = ClockTime(typed: "17:40")!, morning = ClockTime(typed: "09:30")!
        for typed in ["", "1", "17", "174", "1740", "17:", "17:4", "17:40", "17h40", " 1740 "] {
            XCTAssertTrue(time.matches(typed: typed), "'\(typed)' matches 17:40")
        }
        for typed in ["18", "1741", "7:40", "17:5", "x"] { XCTAssertFalse(time.matches(typed: typed), "'\(typed)'") }
        for typed in ["9:3", "09", "0930", "9h30"] { XCTAssertTrue(morning.matches(typed: typed), "'\(typed)' matches 09:30") }
    }

    /// A stop's grace: empty is the 15-minute default; 0 to 120 minutes, a whole number.
    func testAStopSetsItsNoShowGraceWithinTwoHours() {
        let base = [
            "date": "2026-11-25", "opens": "08:00", "closes": "12:00", "slot_minutes": "30", "capacity": "2", "truck": "T1",
        ]
        let today = CalendarDate(year: 2026, month: 11, day: 24)!
        for (typed, expected) in [("", 15), ("0", 0), ("45", 45), ("120", 120), ("121", nil), ("-1", nil), ("ten", nil)] {
            let result = StopPlan.validate(base.merging(["no_show_grace": typed]) { $1 }, today: today)
            switch result {
            case .success(let plan): XCTAssertEqual(plan.noShowGraceMinutes, expected, "'\(typed)'")
            case .failure(let problems):
                XCTAssertNil(expected, "'\(typed)' refused")
                XCTAssertEqual(problems["no_show_grace"], "The no-show grace must be 0 to 120 minutes after the slot")
            }
        }
    }

    func testLocationsNeedNameTypeAndProvinceAndAPlausibleGPS() {
        guard
            case .failure(let problems) = LocationDetails.validate([
                "name": "", "type": "shop", "province": "XX", "gps": "25.7, 28.2",
            ])
        else {
            return XCTFail("accepted")
        }
        XCTAssertEqual(problems.problems.map(\.field), ["name", "type", "province", "gps"])
        let ok = try? LocationDetails.validate([
            "name": "Sunnyside SAPS", "type": "p", "province": "gauteng", "gps": "-25.7479, 28.2293",
        ]).get()
        XCTAssertEqual(ok?.type, .policeStation)
        XCTAssertEqual(ok?.province, .GP)
        XCTAssertEqual(ok?.gps?.latitude, -25.7479)
    }
}

/// Every form reads a date the same way: ISO, or day/month/year as South Africans write it
/// (the date of birth took 12/04/1988 while an expiry refused 31/12/2029: fresh-eyes walk).
final class TypedDateTests: XCTestCase {
    func testADateIsReadAsISOOrDayMonthYear() {
        XCTAssertEqual(CalendarDate(typed: "1988-04-12"), CalendarDate(year: 1988, month: 4, day: 12))
        XCTAssertEqual(CalendarDate(typed: " 12/04/1988 "), CalendarDate(year: 1988, month: 4, day: 12))
        XCTAssertEqual(CalendarDate(typed: "31/12/2029"), CalendarDate(year: 2029, month: 12, day: 31))
        for text in ["31/02/2029", "12/04/88", "2029-12-32", "yesterday", "", "04-12-1988"] {
            XCTAssertNil(CalendarDate(typed: text), text)
        }
        if case .success(let plan) = StopPlan.validate(
            [
                "date": "31/12/2099", "opens": "08:00", "closes": "12:00", "truck": "T1",
                "slot_minutes": "30", "capacity": "4",
            ], today: CalendarDate(year: 2026, month: 12, day: 2)!)
        {
            XCTAssertEqual(plan.date, CalendarDate(year: 2099, month: 12, day: 31))
        } else {
            XCTFail("a stop date typed day/month/year")
        }
    }
}
