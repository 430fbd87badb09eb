import ClinicDomain
import ClinicServices
import ClinicStore
import Foundation
import XCTest

/// Long work in a real terminal: audit verify of a large log runs while the screen keeps
/// drawing (its elapsed time counts up) and Esc stops it; F1 on the stock list fits at
/// 80x24 and turns its pages.
final class LongWorkEndToEndTests: DemoDatabaseTestCase {
    /// Adds `count` chained audit rows, as a long-used truck would have.
    func growAuditLog(_ count: Int) throws {
        let store = try ClinicDatabase.open(at: database)
        try store.pool.write { db in
            for index in 0..<count {
                try AuditLog.append(actor: "nurse", action: .patientView, detail: "row \(index)", at: Date(), in: db)
            }
        }
    }

    func testAuditVerifyOfALargeLogKeepsTheScreenAliveAndEscStopsIt() throws {
        try growAuditLog(120_000)
        let tmux = try Tmux(ClinicBinary.command(database))
        try tmux.logIn("admin")
        for _ in 0..<11 { try tmux.type("j") }
        try tmux.pressAndSee("Enter", "F3 verifies")
        let later = try tmux.pressAndSee("F3", "Verifying the audit log", "of 120,", "1 s so far", "2 s so far")
        XCTAssertTrue(later.contains("Esc cancels."), later)
        try tmux.pressAndSee("Escape", "Verification stopped before the end")
        try tmux.pressAndSee("F9", "Log in with your own username")
    }

    /// Every line of the help box drawn whole inside its border.
    func assertInsideItsBox(_ screens: String..., file: StaticString = #filePath, line: UInt = #line) {
        for row in screens.joined(separator: "\n").split(separator: "\n") where row.contains("│") {
            XCTAssertEqual(row.filter { $0 == "│" }.count, 2, "a help line inside its box: \(row)", file: file, line: line)
        }
    }

    func testHelpOnTheStockListAndTheDayListFitsAndPages() throws {
        let shell = Actor.shell(name: "setup")
        let schedule = ScheduleService(database: try ClinicDatabase.open(at: database))
        try schedule.addLocation(["name": "Sunnyside SAPS", "type": "p", "province": "GP"], by: shell)
        try schedule.addStop(
            location: "Sunnyside SAPS",
            [
                "date": CalendarDate(Date()).adding(days: 1).description, "opens": "08:00",
                "closes": "12:00", "slot_minutes": "30", "capacity": "2", "truck": "DEMO",
            ], by: shell)
        let tmux = try Tmux(ClinicBinary.command(database))
        try tmux.logIn("stock")
        try tmux.type("1")
        try tmux.waitFor("Scan:")
        // Home and End move in the scan field here, so they are not listed; with F2 (no
        // barcode) the keys take two pages, this screen's own on the first.
        let stock = try tmux.pressAndSee("F1", "Stock take", "No barcode", "page 1 of 2")
        XCTAssertFalse(stock.contains("Daily report"), "this screen's keys only:\n\(stock)")
        XCTAssertTrue(stock.contains("Pieter Botha (stock)"), "the status line stays clear of the box:\n\(stock)")
        let rest = try tmux.pressAndSee("NPage", "page 2 of 2", "Ctrl-C quits from anywhere.")
        assertInsideItsBox(stock, rest)
        try tmux.pressAndSee("x", "Scan:")
        try tmux.press("F9")
        try tmux.logIn("clerk")
        try tmux.type("3")
        try tmux.waitFor("Sunnyside SAPS")
        try tmux.pressAndSee("Enter", "places free")
        let first = try tmux.pressAndSee("F1", "page 1 of 2")
        let second = try tmux.pressAndSee("NPage", "page 2 of 2")
        XCTAssertTrue((first + second).contains("No-shows") && second.contains("Ctrl-C quits from anywhere."), first + second)
        assertInsideItsBox(first, second)
        try tmux.pressAndSee("x", "places free")
    }
}
