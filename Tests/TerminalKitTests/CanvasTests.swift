import Foundation
import XCTest

@testable import TerminalKit

final class CanvasTests: XCTestCase {
    override class func setUp() {
        // Display widths come from the C library, which needs a UTF-8 character type.
        setlocale(LC_ALL, "C.UTF-8")
    }

    func testWidthsOfNarrowWideAndCombiningCharacters() {
        XCTAssertEqual(DisplayWidth.of("Ndlovu"), 6)
        XCTAssertEqual(DisplayWidth.of("Zoë"), 3)
        XCTAssertEqual(DisplayWidth.of("Zoe\u{308}"), 3, "combining diaeresis adds no column")
        XCTAssertEqual(DisplayWidth.of("病院"), 4)
        XCTAssertEqual(DisplayWidth.of("🩺"), 2)
        XCTAssertEqual(DisplayWidth.of("a\u{301}"), 1, "precomposed or not, one column")
    }

    func testPutPlacesWideCharactersOverTwoCells() {
        var canvas = Canvas(width: 10, height: 1)
        XCTAssertEqual(canvas.put("a病b", x: 1, y: 0), 4)
        XCTAssertEqual(canvas[2, 0].text, "病")
        XCTAssertTrue(canvas[3, 0].isContinuation)
        XCTAssertEqual(canvas[4, 0].text, "b")
        XCTAssertEqual(canvas.line(0), " a病b")
    }

    func testCombiningMarksStayWithTheirBase() {
        var canvas = Canvas(width: 5, height: 1)
        canvas.put("Zoe\u{308}!", x: 0, y: 0)
        XCTAssertEqual(canvas[2, 0].text, "e\u{308}")
        XCTAssertEqual(canvas[3, 0].text, "!")
    }

    func testClippingAtTheEdgeNeverSplitsAWideCharacter() {
        var canvas = Canvas(width: 4, height: 1)
        canvas.put("ab病", x: 1, y: 0)
        XCTAssertEqual(canvas.line(0), " ab", "the wide character does not fit in the last column")
        canvas.put("xyz", x: 0, y: 0, maxWidth: 2)
        XCTAssertEqual(canvas.line(0), "xyb")
        canvas.put("far", x: 10, y: 0)
        canvas.put("far", x: 0, y: 5)
        XCTAssertEqual(canvas.line(0), "xyb")
    }

    func testOverwritingHalfOfAWideCharacterBlanksTheOtherHalf() {
        var canvas = Canvas(width: 4, height: 1)
        canvas.put("病院", x: 0, y: 0)
        canvas.put("x", x: 1, y: 0)
        XCTAssertEqual(canvas.line(0), " x院")
        canvas.put("y", x: 2, y: 0)
        XCTAssertEqual(canvas.line(0), " xy")
    }

    func testFitCutsWithAnEllipsisAndPads() {
        XCTAssertEqual(DisplayWidth.fit("Ndlovu", columns: 8), "Ndlovu  ")
        XCTAssertEqual(DisplayWidth.fit("Ndlovu", columns: 4), "Ndl…")
        XCTAssertEqual(DisplayWidth.fit("病院病院", columns: 4), "病… ")
        XCTAssertEqual(DisplayWidth.fit("x", columns: 0), "")
    }

    func testAStatusBarKeepsAGapAndMarksWhatItShortens() {
        var canvas = Canvas(width: 30, height: 1)
        StatusBar.render(left: "Nomvula Dlamini-Khumalo (n.dlamini) · Nurse", right: "Demo truck · 10:30", into: &canvas, y: 0)
        XCTAssertEqual(canvas.line(0), " Nomvula Dla…  Demo truck · …")
        XCTAssertEqual(canvas.clipped, [], "shortened with a marker, never cut bare")
        var short = Canvas(width: 30, height: 1)
        StatusBar.render(left: "Home", right: "F1 help", into: &short, y: 0)
        XCTAssertEqual(short.line(0), " Home                 F1 help")
    }

    func testBoxAndTextRendering() {
        var canvas = Canvas(width: 4, height: 3)
        canvas.box(x: 0, y: 0, width: 4, height: 3)
        XCTAssertEqual(canvas.text, "┌──┐\n│  │\n└──┘")
    }

    func testMonochromeKeepsBarsVisibleByReverseVideo() {
        let bar = Style.bar.monochrome
        XCTAssertTrue(bar.reverse)
        XCTAssertEqual(bar.background, .standard)
        XCTAssertEqual(Style.error.monochrome, Style(bold: true))
    }
}

final class WrapTests: XCTestCase {
    func testWrapBreaksAtSpacesAndCutsLongWords() {
        XCTAssertEqual(
            DisplayWidth.wrap("Peri-arrest: very low resp rate, heart rate", columns: 20),
            ["Peri-arrest: very", "low resp rate, heart", "rate"])
        XCTAssertEqual(DisplayWidth.wrap("abcdefghij", columns: 4), ["abcd", "efgh", "ij"])
        XCTAssertEqual(DisplayWidth.wrap("", columns: 5), [])
    }

    /// The key bar spaces keys two apart, one apart when that fits them all, and otherwise
    /// says how many are left out and that F1 lists them (fresh-eyes walk: keys vanished).
    func testTheKeyBarSaysWhenKeysAreLeftOut() {
        let keys = [("F1", "Help"), ("F2", "Note"), ("F3", "Diagnosis"), ("F5", "Complete")]
        func bar(_ width: Int, _ items: [(String, String)]) -> String {
            var canvas = Canvas(width: width, height: 1)
            KeyBar.render(items.map { (key: $0.0, label: $0.1) }, into: &canvas, y: 0)
            return canvas.line(0).trimmingCharacters(in: .whitespaces)
        }
        XCTAssertEqual(bar(43, keys), "F1 Help  F2 Note  F3 Diagnosis  F5 Complete")
        XCTAssertEqual(bar(40, keys), "F1 Help F2 Note F3 Diagnosis F5 Complete")
        XCTAssertEqual(bar(39, keys), "F1 Help F2 Note +2 more, F1")
        XCTAssertEqual(bar(20, keys), "F1 Help +3 more, F1")
    }

    /// A line break typed in a note starts a new line; a blank line between paragraphs stays
    /// (fresh-eyes walk: a counselling note's lines ran together).
    func testWrapKeepsTypedLineBreaks() {
        XCTAssertEqual(
            DisplayWidth.wrap("Feels low since the incident.\nSleeps badly\n\nPlan: follow up", columns: 20),
            ["Feels low since the", "incident.", "Sleeps badly", "", "Plan: follow up"])
        XCTAssertEqual(DisplayWidth.wrap("one\n\n", columns: 10), ["one"], "no blank lines at the end")
    }

}

/// Colours the terminal may lack, and a form sharing its rows with something drawn beside it.
final class ColourAndFormEdgeTests: XCTestCase {
    /// SATS ORANGE is drawn orange where the terminal has 256 colours, and magenta (not
    /// yellow or red, which mean other triage colours) where it has only eight.
    func testOrangeFallsBackToMagentaOnAnEightColourTerminal() {
        XCTAssertEqual(TerminalColor.orange.number(onTerminalWith: 256), 208)
        XCTAssertEqual(TerminalColor.orange.number(onTerminalWith: 8), Int16(TerminalColor.magenta.rawValue))
        XCTAssertEqual(TerminalColor.red.number(onTerminalWith: 8), 1)
    }

    /// A field's error beside it stops before the column the caller keeps for something else
    /// (the nursing screen's triage panel), wrapped and marked rather than drawn under it.
    func testAFormDrawsNothingPastItsRightEdge() {
        var form = Form(fields: [
            FormField(id: "mobility", label: "Mobility", width: 5), FormField(id: "avpu", label: "AVPU", width: 5),
        ])
        form.setError("W walking, H with help, I immobile/stretcher", on: "mobility")
        form.focus(on: "avpu")
        var canvas = Canvas(width: 80, height: 4)
        form.render(into: &canvas, x: 2, y: 0, labelWidth: 10, rowStep: 1, right: 40)
        for y in 0..<4 {
            XCTAssertEqual(
                String(canvas.line(y).dropFirst(40)).trimmingCharacters(in: .whitespaces), "", "row \(y): \(canvas.line(y))")
        }
        XCTAssertTrue(canvas.line(0).contains("W walking"), canvas.line(0))
        XCTAssertTrue(canvas.line(0).contains("…"), "what does not fit is marked: \(canvas.line(0))")
    }
}
