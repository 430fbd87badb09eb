import TerminalKit
import XCTest

@testable import ClinicTUI

/// Every screen of every role, drawn at 80x24 over long realistic data, shows its texts
/// whole: nothing cut off at an edge, no text drawn over another.
final class LayoutSweepTests: XCTestCase {
    func testEveryScreenOfEveryRoleFitsAt80x24WithLongData() throws {
        let harness = try AppHarness()
        try LongData.seed(harness)
        var problems: [String] = []
        let visited = try ScreenWalk(harness: harness).each { place in
            let canvas = place.app.frame(columns: 80, rows: 24)
            let found = canvas.clipped.map { "cut: \($0)" } + canvas.overlapping.map { "over: \($0)" }
            if !found.isEmpty {
                problems.append("\(place.path) [\(type(of: place.app.top))]\n  " + found.joined(separator: "\n  "))
            }
        }
        XCTAssertGreaterThan(visited, 150, "places walked")
        XCTAssertTrue(
            problems.isEmpty, "\(problems.count) screens with cut or overlapping text:\n" + problems.joined(separator: "\n"))
    }
}
