import Foundation
import XCTest

@testable import TerminalKit

final class TextAreaTests: XCTestCase {
    override class func setUp() { setlocale(LC_ALL, "C.UTF-8") }

    func render(_ area: inout TextArea, width: Int = 12, height: Int = 3) -> Canvas {
        var canvas = Canvas(width: width, height: height)
        area.render(into: &canvas, x: 0, y: 0, width: width, height: height, style: .plain, focused: true)
        return canvas
    }

    func testWordWrapAtSpacesHardNewlinesAndLongWords() {
        var area = TextArea("Cough for three days\nno fever Pneumonoultramicroscopic")
        let canvas = render(&area, height: 5)
        XCTAssertEqual(canvas.text, "Cough for\nthree days\nno fever\nPneumonoultr\namicroscopic")
    }

    func testTypingEnterAndDeletingAcrossLines() {
        var area = TextArea()
        for c in "BP high" { _ = area.handle(.character(c)) }
        _ = area.handle(.enter)
        for c in "recheck" { _ = area.handle(.character(c)) }
        XCTAssertEqual(area.text, "BP high\nrecheck")
        _ = area.handle(.home)
        _ = area.handle(.backspace)
        XCTAssertEqual(area.text, "BP highrecheck")
        XCTAssertFalse(area.handle(.function(2)), "commands are left to the screen")
    }

    func testUpDownMoveBetweenWrappedLinesAndTheViewScrolls() {
        var area = TextArea("one two three four five six seven eight")
        var canvas = render(&area, width: 10, height: 2)
        // Wrapped: "one two" / "three four" (fills the width exactly) / "five six" / "seven" / "eight".
        XCTAssertEqual(canvas.text, "seven\neight", "scrolled to the cursor at the end")
        for _ in 0..<4 { _ = area.handle(.up) }
        canvas = render(&area, width: 10, height: 2)
        XCTAssertEqual(canvas.line(0), "one two", "scrolled back up")
        XCTAssertEqual(canvas.cursor?.y, 0)
        _ = area.handle(.down)
        _ = area.handle(.end)
        canvas = render(&area, width: 10, height: 2)
        XCTAssertEqual(canvas.cursor?.y, 1)
    }

    func testWideCharactersWrapByColumnsAndLengthIsBounded() {
        var area = TextArea("病院病院病院")
        let canvas = render(&area, width: 5, height: 3)
        XCTAssertEqual(canvas.text, "病院\n病院\n病院")
        var small = TextArea(maxLength: 3)
        for c in "abcdef" { _ = small.handle(.character(c)) }
        _ = small.handle(.enter)
        XCTAssertEqual(small.text, "abc")
    }
}
