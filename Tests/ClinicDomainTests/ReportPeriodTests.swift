import ClinicDomain
import Foundation
import XCTest

final class ReportPeriodTests: XCTestCase {
    let date = { (text: String) in CalendarDate(iso: text)! }

    func testParsingDaysAndMonths() {
        XCTAssertEqual(ReportPeriod.parse("2026-11-24", monthly: false), .day(date("2026-11-24")))
        XCTAssertEqual(ReportPeriod.parse("2026-11-24", monthly: true), .month(date("2026-11-01")))
        XCTAssertEqual(ReportPeriod.parse("2026-11", monthly: true), .month(date("2026-11-01")))
        for bad in ["2026-11", "2026-02-30", "24/11/2026", ""] { XCTAssertNil(ReportPeriod.parse(bad, monthly: false), bad) }
        for bad in ["2026-13", "2026-1", "2026-02-30", "november"] { XCTAssertNil(ReportPeriod.parse(bad, monthly: true), bad) }
    }

    func testEndsAndMovesAcrossMonthAndYearBoundaries() {
        XCTAssertEqual(ReportPeriod.day(date("2026-12-31")).end, date("2027-01-01"))
        XCTAssertEqual(ReportPeriod.month(date("2028-02-01")).end, date("2028-03-01"))
        XCTAssertEqual(ReportPeriod.month(date("2026-12-01")).moved(by: 1), .month(date("2027-01-01")))
        XCTAssertEqual(ReportPeriod.month(date("2027-01-01")).moved(by: -1), .month(date("2026-12-01")))
        XCTAssertEqual(ReportPeriod.day(date("2028-03-01")).moved(by: -1), .day(date("2028-02-29")))
        XCTAssertEqual("\(ReportPeriod.month(date("2026-11-01")))", "2026-11")
    }

    func testASASTDayStartsAt22UTCTheDayBefore() {
        let (start, end) = ReportPeriod.day(date("2026-11-24")).instants
        XCTAssertEqual(start, ISO8601DateFormatter().date(from: "2026-11-23T22:00:00Z"))
        XCTAssertEqual(end.timeIntervalSince(start), 86_400)
    }
}
