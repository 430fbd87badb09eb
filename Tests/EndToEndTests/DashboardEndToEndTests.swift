import ClinicDomain
import ClinicServices
import ClinicStore
import Foundation
import XCTest

/// Finance and a viewer open the dashboard on two terminals; a visit closed by a third
/// process shows on both; finance opens the daily report.
final class DashboardEndToEndTests: XCTestCase {
    var folder = ""
    var database: String { folder + "/clinic.sqlite" }

    override func setUpWithError() throws { folder = try ClinicBinary.demoFolder() }
    override func tearDown() { try? FileManager.default.removeItem(atPath: folder) }

    func testFinanceAndViewerWatchTheDashboardAndFinanceOpensTheDailyReport() throws {
        let store = try ClinicDatabase.open(at: database)
        let visit = try Seed.visitInConsultation(store)
        try Seed.completeConsultation(visit, store)
        let tmux = try Tmux(ClinicBinary.command(database))
        try tmux.addWindow("viewer", ClinicBinary.command(database))
        try tmux.logIn("finance")
        try tmux.logIn("viewer", in: "viewer")
        for window in ["main", "viewer"] {
            try tmux.type("5", in: window)
            try tmux.waitFor("Arrivals per hour", in: window)
            try tmux.waitFor("R51 Headache", in: window)
            try tmux.waitFor("1 visit, 0 closed", in: window)
        }
        _ = try VisitService(database: store).perform(.close(outcome: "treated"), visitId: visit, by: .shell(name: "nurse"))
        for window in ["main", "viewer"] { try tmux.waitFor("1 visit, 1 closed", in: window) }
        try tmux.press("F5")
        try tmux.waitFor("Daily report")
        let report = try tmux.waitFor("diagnosis    R51")
        XCTAssertTrue(report.contains("1 visit, 1 closed, 0 cancelled"), report)
    }

    func testAnExportShowsProgressOnATerminalAndEndsWithASummary() throws {
        let store = try ClinicDatabase.open(at: database)
        let visit = try Seed.visitInConsultation(store)
        try Seed.completeConsultation(visit, store)
        let tmux = try Tmux("env PS1='ready$ ' bash --norc --noprofile")
        try tmux.waitFor("ready$")
        try tmux.type("\(ClinicBinary.path) export fhir --db \(database) --since 2020-01-01 --out \(folder)/fhir")
        try tmux.press("Enter")
        let screen = try tmux.waitFor("Exported 1 Patient, 1 Condition, 1 Encounter, 5 Observation")
        XCTAssertTrue(screen.contains("FHIR [" + String(repeating: "#", count: 30) + "] 100% 6/6"), screen)
    }
}
