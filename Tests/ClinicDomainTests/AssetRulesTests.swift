import ClinicDomain
import Foundation
import XCTest

final class AssetRulesTests: XCTestCase {
    let today = CalendarDate(year: 2026, month: 11, day: 24)!

    func testEveryStatusChangeExceptLeavingRetirementOrStayingPut() {
        for from in AssetStatus.allCases {
            for to in AssetStatus.allCases {
                XCTAssertEqual(from.canChange(to: to), from != .retired && from != to, "\(from) → \(to)")
            }
        }
    }

    func testTypedStatusNamesAndInitials() {
        XCTAssertEqual(AssetStatus(typed: "u"), .underRepair)
        XCTAssertEqual(AssetStatus(typed: " Under Repair "), .underRepair)
        XCTAssertEqual(AssetStatus(typed: "I"), .inService)
        XCTAssertEqual(AssetStatus(typed: "retired"), .retired)
        XCTAssertNil(AssetStatus(typed: "broken"))
        XCTAssertNil(AssetStatus(typed: ""))
    }

    func testRegisterFormReportsEveryProblemAtOnce() {
        let result = AssetDetails.validate(["type": " ", "serial": "", "location": "", "next_service": "2027-02-30"])
        guard case .failure(let problems) = result else { return XCTFail("accepted \(result)") }
        XCTAssertEqual(problems.problems.map(\.field), ["type", "serial", "location", "next_service"])
        XCTAssertEqual(problems["next_service"], "Next service must be a real date, YYYY-MM-DD")
        let good = try? AssetDetails.validate([
            "type": "ECG machine", "make": "Schiller", "serial": " S1 ", "location": "Truck 1",
        ]).get()
        XCTAssertEqual(good?.serial, "S1")
        XCTAssertNil(good?.nextService)
    }

    func testAPastNextServiceRegistersOverdueEquipmentButIsRefusedForAServiceJustDone() {
        let base = ["type": "ECG machine", "serial": "S1", "location": "Truck 1"]
        let overdue = try? AssetDetails.validate(base.merging(["next_service": "2026-11-01"]) { $1 }).get()
        XCTAssertEqual(overdue?.nextService, CalendarDate(iso: "2026-11-01"), "equipment can arrive overdue")
        guard case .failure(let refused) = AssetDetails.nextService("2026-11-23", today: today) else {
            return XCTFail("past accepted")
        }
        XCTAssertEqual(
            refused["next_service"], "The next service date 2026-11-23 is in the past; a service sets the next one ahead")
        XCTAssertEqual(
            try AssetDetails.nextService("24/11/2026", today: today).get(), today, "day/month/year, as every date field reads")
        guard case .failure(let badFormat) = AssetDetails.nextService("next week", today: today) else { return XCTFail("format") }
        XCTAssertEqual(badFormat["next_service"], "Next service must be a real date, YYYY-MM-DD")
        XCTAssertEqual(try AssetDetails.nextService(" 2026-11-24 ", today: today).get(), today, "today is not past")
        XCTAssertEqual(try AssetDetails.nextService("", today: today).get(), nil)
    }

    func testServiceAlertsAtTheWindowEdgeAndNeverForRetiredEquipment() {
        let assets: [(name: String, status: AssetStatus, nextService: CalendarDate?)] = [
            ("in 31 days", .inService, today.adding(days: 31)),
            ("in 30 days", .inService, today.adding(days: 30)),
            ("today", .underRepair, today),
            ("overdue 10", .inService, today.adding(days: -10)),
            ("overdue 2", .inService, today.adding(days: -2)),
            ("retired overdue", .retired, today.adding(days: -100)),
            ("no date", .inService, nil),
        ]
        let alerts = AssetAlertRules.alerts(assets, today: today)
        XCTAssertEqual(alerts.map(\.asset), ["overdue 10", "overdue 2", "today", "in 30 days"])
        XCTAssertEqual(alerts.first?.description, "SERVICE OVERDUE  overdue 10: due 2026-11-14 (10 days ago)")
        XCTAssertEqual(alerts.last?.description, "SERVICE DUE ≤30d  in 30 days: due 2026-12-24")
    }

    func testRandsAsTyped() {
        let cases: [(String, Int?)] = [
            ("12", 1200), ("12.5", 1250), ("12.50", 1250), ("R12.50", 1250), ("r 1 250,05", 125_005),
            ("0.45", 45), ("", nil), ("12.345", nil), ("-3", nil), ("1e3", nil), ("R", nil), (".5", nil),
            ("12.", nil), ("1.2.3", nil),
        ]
        for (text, cents) in cases { XCTAssertEqual(Rands(typed: text)?.cents, cents, text) }
        XCTAssertEqual(Rands(cents: 1205).description, "R12.05")
        XCTAssertEqual(Rands(cents: 7).description, "R0.07")
    }
}

final class CalendarArithmeticTests: XCTestCase {
    func testDayNumbersAgreeWithFoundationOverFourCenturies() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0)!
        var date = calendar.date(from: DateComponents(year: 1900, month: 1, day: 1))!
        var expected = CalendarDate(year: 1900, month: 1, day: 1)!.dayNumber
        let end = calendar.date(from: DateComponents(year: 2300, month: 1, day: 1))!
        while date < end {
            let parts = calendar.dateComponents([.year, .month, .day, .weekday], from: date)
            let day = CalendarDate(year: parts.year!, month: parts.month!, day: parts.day!)!
            XCTAssertEqual(day.dayNumber, expected, "\(day)")
            XCTAssertEqual(CalendarDate(dayNumber: expected), day)
            XCTAssertEqual(day.weekday, (parts.weekday! + 5) % 7 + 1, "\(day): Foundation counts Sunday as 1")
            expected += 1
            date = calendar.date(byAdding: .day, value: 1, to: date)!
        }
    }

    func testAddingAndCountingDays() {
        let leap = CalendarDate(year: 2028, month: 2, day: 28)!
        XCTAssertEqual(leap.adding(days: 1).description, "2028-02-29")
        XCTAssertEqual(leap.adding(days: 2).description, "2028-03-01")
        XCTAssertEqual(leap.adding(days: -59).description, "2027-12-31")
        XCTAssertEqual(leap.days(until: CalendarDate(year: 2029, month: 2, day: 28)!), 366)
        XCTAssertEqual(CalendarDate(year: 1970, month: 1, day: 1)!.dayNumber, 0)
    }
}
