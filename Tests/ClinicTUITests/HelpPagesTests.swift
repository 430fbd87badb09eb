import XCTest

@testable import ClinicTUI

/// The help's pages: groups move whole to the next page, so no page starts with a stray line.
final class HelpPagesTests: XCTestCase {
    private let lines = [
        "On this screen:", "  Open  Enter", "  New  F2",
        "Moving in the list:", "  Up  Up", "  Down  Down", "  Page up  PgUp",
        "Everywhere:", "  Help  F1", "  Quit  F10", "Ctrl-C quits from anywhere.",
    ]

    /// Every action has its own words, distinct from every other's in the same context.
    func testEveryActionHasWordsOfItsOwnInItsContext() {
        for action in KeyAction.allCases {
            XCTAssertNotNil(HelpText.labels[action], "\(action) has no words")
        }
        for context in KeyContext.allCases {
            let words = context.actions.map(HelpText.label)
            XCTAssertEqual(Set(words).count, words.count, "\(context): \(words)")
        }
    }

    func testEverythingOnOnePageWhenItFits() {
        XCTAssertEqual(HelpPages.split(lines, capacity: 11), [lines])
    }

    func testAGroupThatDoesNotFitMovesWholeWithTheClosingLine() {
        // One line too many for a page: the last group and the closing line go together to
        // page 2 rather than the closing line alone (the viewer's stock help before).
        let pages = HelpPages.split(lines, capacity: 10)
        XCTAssertEqual(pages, [Array(lines[0..<7]), Array(lines[7...])])
    }

    func testAGroupLongerThanAPageIsSplitLineByLine() {
        let long = ["Everywhere:"] + (1...6).map { "  key \($0)" }
        let pages = HelpPages.split(long, capacity: 4)
        XCTAssertEqual(pages.map(\.count), [4, 3])
        XCTAssertEqual(pages.flatMap { $0 }, long)
    }
}
