import TerminalKit
import XCTest

@testable import ClinicTUI

/// Wherever a table at 80x24 cuts a cell of the selected row to fit its column (a long
/// name, a diagnosis, a batch's supplier), the whole-row key shows every cell in full;
/// where nothing is cut it says so. Swept over every screen of every role, long data.
final class WholeRowSweepTests: XCTestCase {
    func testEveryCutRowOpensInFullWhereverItIs() throws {
        let harness = try AppHarness()
        try LongData.seed(harness)
        var problems: [String] = []
        var cutPlaces = 0
        let keys = harness.app.environment.keymap.keys(for: .wholeRow, in: .list)
        XCTAssertEqual(keys, [.control("w"), .character("w")], "bound in the default keymap")
        try ScreenWalk(harness: harness, withActions: false).each { place in
            guard place.app.top.contexts.contains(.list) else { return }
            let canvas = place.app.frame(columns: 80, rows: 24)
            place.app.process(.control("w"))
            guard let cut = canvas.cutSelectedRow else {
                if place.app.detail != nil || place.app.notice?.hasPrefix("Nothing is cut off") != true {
                    problems.append("\(place.path): nothing was cut, yet no 'nothing is cut off' notice")
                }
                return
            }
            cutPlaces += 1
            guard let detail = place.app.detail else { return problems.append("\(place.path): no whole row shown") }
            for cell in cut where !cell.value.isEmpty && !detail.text.contains("\(cell.label): \(cell.value)") {
                problems.append("\(place.path): \(cell.label) '\(cell.value)' not shown whole")
            }
            let shown = place.app.frame(columns: 80, rows: 24)
            if !shown.clipped.isEmpty { problems.append("\(place.path): the whole-row box cuts \(shown.clipped)") }
            place.app.process(.character("x"))
            XCTAssertNil(place.app.detail, "any key closes the box")
        }
        XCTAssertGreaterThan(cutPlaces, 5, "the long data cuts rows on several screens")
        XCTAssertTrue(problems.isEmpty, problems.joined(separator: "\n"))
    }
}
