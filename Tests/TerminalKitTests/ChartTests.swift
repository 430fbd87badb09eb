import Foundation
import XCTest

@testable import TerminalKit

final class ChartTests: XCTestCase {
    override class func setUp() { setlocale(LC_ALL, "C.UTF-8") }

    func testSparklineScalesBetweenTheSeriesMinimumAndMaximum() {
        XCTAssertEqual(Sparkline.text([1, 2, 3, 4, 5, 6, 7, 8]), "▁▂▃▄▅▆▇█")
        XCTAssertEqual(Sparkline.text([120, 180, 150]), "▁█▅", "150 is halfway: level 3.5 rounds to 4")
        XCTAssertEqual(Sparkline.text([70, 70, 70]), "▄▄▄", "a flat series sits in the middle")
        XCTAssertEqual(Sparkline.text([0, 0, 0]), "▁▁▁", "fourteen days without a visit do not look like data")
        XCTAssertEqual(Sparkline.text([]), "")
        XCTAssertEqual(Sparkline.text([1, 9, 5, 1], columns: 2), "█▁", "only the newest values that fit, rescaled")
    }

    func testBarChartDrawsBarsInEighthsWithLabels() {
        var canvas = Canvas(width: 12, height: 4)
        BarChart.render([("a", 4), ("b", 1), ("c", 0), ("d", 3)], into: &canvas, x: 0, y: 0, height: 4, barWidth: 2)
        XCTAssertEqual(
            (0..<4).map(canvas.line),
            [
                "██       ▂▂",
                "██       ██",
                "██ ▆▆    ██",
                "a  b  c  d",
            ], "3 rows: 4 fills them, 1 is 6/8 of a row, 3 is 2 1/4 rows rounded to 2 rows and 2/8")
    }
}
