import ClinicDomain
import ClinicServices
import ClinicStore
import TerminalKit
import TestSupport
import XCTest

@testable import ClinicTUI

/// The dashboard, reports, claims and audit screens on a known day (ClinicDay from 10:30),
/// with Thandi back in the nursing queue 40 minutes later.
final class ReportScreensTests: XCTestCase {
    var harness: AppHarness!
    var day: ClinicDay!

    override func setUpWithError() throws {
        harness = try AppHarness()
        day = try ClinicDay(database: harness.database, clock: harness.clock, letters: harness.folder.file("letters"))
        _ = try VisitService(database: harness.database, clock: harness.clock)
            .checkIn(patientId: day.thandi, reason: "dizzy", by: .shell(name: "seed"))
        harness.clock.advance(40 * 60)
    }

    func testDashboardShowsTheDayAsFinance() throws {
        harness.logIn("finance")
        harness.openMenu("Dashboard and reports")
        let dashboard = try XCTUnwrap(harness.app.top as? DashboardScreen)
        let d = try XCTUnwrap(dashboard.dashboard)
        XCTAssertEqual(d.visits, 5)
        XCTAssertEqual(d.stages.first { $0.stage == .nursing }?.longestWait, 40)
        XCTAssertEqual(d.topDiagnoses.map(\.code), ["I10", "J06.9", "R51"])
        assertSnapshot(harness.snapshot(), named: "dashboard-finance-80x24")
    }

    func testDashboardFollowsAnotherTerminal() throws {
        harness.logIn("viewer")
        harness.openMenu("Dashboard and reports")
        let dashboard = try XCTUnwrap(harness.app.top as? DashboardScreen)
        XCTAssertEqual(dashboard.dashboard?.stages.first { $0.stage == .nursing }?.waiting, 1)
        let visits = VisitService(database: harness.database, clock: harness.clock)
        let waiting = try XCTUnwrap(try visits.queue(.nursing, by: .shell(name: "nurse")).first)
        _ = try visits.perform(.cancel(reason: "went home"), visitId: waiting.visitId, by: .shell(name: "nurse"))
        harness.app.tick()
        XCTAssertEqual(dashboard.dashboard?.stages.first { $0.stage == .nursing }?.waiting, 0)
        XCTAssertEqual(dashboard.dashboard?.cancelled, 2)
    }

    func testDailyAndMonthlyReportsFromTheDashboard() throws {
        harness.logIn("finance")
        harness.openMenu("Dashboard and reports")
        harness.press(.function(5))
        let report = try XCTUnwrap(harness.app.top as? ReportScreen)
        assertSnapshot(harness.snapshot(), named: "report-daily-80x24")
        harness.press(.right)
        XCTAssertEqual(report.period, .day(CalendarDate(iso: "2026-11-25")!))
        XCTAssertTrue(harness.screen().contains("No visits or dispensing in this period."))
        harness.press(.function(6))
        XCTAssertEqual(report.period, .month(CalendarDate(iso: "2026-11-01")!))
        XCTAssertEqual(report.report?.total("visits"), 5)
        harness.press(.function(4))
        let path = harness.folder.file("exports/report-2026-11.csv")
        XCTAssertEqual(report.message, "Written to \(path)")
        XCTAssertTrue(try String(contentsOfFile: path, encoding: .utf8).hasPrefix("day,site,measure"))
        harness.press(.function(4))
        XCTAssertEqual(
            report.message, "Written to \(harness.folder.file("exports/report-2026-11-2.csv"))",
            "a second export of the same month keeps the first file and takes the next free name")
    }

    func testClaimsScreenExportsOnce() throws {
        harness.logIn("finance")
        harness.openMenu("Claims export")
        let claims = try XCTUnwrap(harness.app.top as? ClaimsScreen)
        XCTAssertEqual(claims.since, CalendarDate(iso: "2026-10-01"))
        assertSnapshot(harness.snapshot(), named: "claims-finance-80x24")
        harness.press(.function(4))
        XCTAssertEqual(claims.claims.count, 0)
        XCTAssertTrue(
            claims.message?.hasPrefix("Exported 2 claims, 3 lines to \(harness.folder.file("exports"))/claims-2026-10-01-")
                ?? false,
            claims.message ?? "")
        harness.press(.function(4))
        XCTAssertTrue(claims.message?.hasPrefix("No new claims to export") ?? false)
    }

    func testAuditViewerFiltersVerifiesAndExports() throws {
        harness.logIn("admin")
        harness.openMenu("Audit log")
        let audit = try XCTUnwrap(harness.app.top as? AuditScreen)
        XCTAssertTrue(audit.verification.hasPrefix("F3 verifies"), "not run on opening: \(audit.verification)")
        harness.press(.function(3))
        let time = ClinicTime.clockText(harness.clock.now()).suffix(5)
        XCTAssertTrue(audit.verification.hasPrefix("Whole log verified at \(time):"), audit.verification)
        harness.press(.function(2))
        harness.fill("", "DEMO-000001", "visit.", "2026-11-30", "2026-11-01")
        let form = try XCTUnwrap(harness.app.top as? FormScreen)
        XCTAssertEqual(
            form.form.fields.first { $0.id == "to" }?.error, "The To date (2026-11-01) is before the From date (2026-11-30)")
        form.form["from"] = "2026-11-24"
        form.form["to"] = ""
        form.form.focus(on: "to")
        harness.press(.enter)
        XCTAssertTrue(harness.app.top === audit)
        XCTAssertFalse(audit.rows.isEmpty)
        XCTAssertEqual(Set(audit.rows.compactMap(\.folderNumber)), ["DEMO-000001"])
        XCTAssertEqual(
            audit.rows.map(\.action),
            [
                "visit.close", "visit.complete-consultation-closure", "visit.complete-nursing",
                "visit.complete-registration", "visit.start",
            ])
        assertSnapshot(harness.snapshot(), named: "audit-filtered-80x24")
        harness.press(.function(4))
        XCTAssertTrue(
            audit.message?.hasPrefix("\(audit.rows.count) rows written to \(harness.folder.file("exports"))/audit-") ?? false,
            audit.message ?? "")
        // The export is itself audited: the next tick reloads, and the verification no longer
        // claims to cover the whole log.
        harness.app.tick()
        XCTAssertEqual(audit.verification, "Verified at \(time); rows were added since: F3 verifies again.")
        harness.press(.function(2))
        let refilter = try XCTUnwrap(harness.app.top as? FormScreen)
        (refilter.form["patient"], refilter.form["action"], refilter.form["from"]) = ("", "audit.", "")
        refilter.form.focus(on: "to")
        harness.press(.enter)
        XCTAssertEqual(audit.rows.first?.action, "audit.export", "the new row is listed")
    }

    func testPatientRecordShowsVitalsTrends() throws {
        let visits = VisitService(database: harness.database, clock: harness.clock)
        let shell = Actor.shell(name: "nurse")
        for (systolic, weight) in [("150", "83"), ("135", "80")] {
            let visit = try visits.checkIn(patientId: day.sipho, reason: "BP check", by: shell)
            _ = try visits.recordVitals(
                visitId: visit.id, input: VitalsInput(["systolic": systolic, "diastolic": "88", "weight": weight]), by: shell)
            _ = try visits.perform(.cancel(reason: "seen"), visitId: visit.id, by: shell)
        }
        harness.logIn("nurse")
        harness.press(.enter)
        harness.type("DEMO-000001")
        harness.press(.enter)
        XCTAssertTrue(
            harness.screen().contains("Trends  BP ▄█▁ 135/88   Weight ▅█▁ 80 kg   Glucose ▄ 6.4 mmol/L"), harness.screen())
    }
}
