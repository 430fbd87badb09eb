import Foundation
import TerminalKit
import XCTest

final class TextFieldTests: XCTestCase {
    override class func setUp() { setlocale(LC_ALL, "C.UTF-8") }

    func type(_ field: inout TextField, _ keys: [Key]) {
        for key in keys { XCTAssertTrue(field.handle(key), "\(key)") }
    }

    func testInsertMoveAndDeleteAnywhere() {
        var field = TextField()
        type(&field, "Ndlvu".map(Key.character))
        type(&field, [.left, .left, .character("o")])
        XCTAssertEqual(field.text, "Ndlovu")
        XCTAssertEqual(field.cursor, 4)
        type(&field, [.home, .delete, .character("n"), .end, .backspace])
        XCTAssertEqual(field.text, "ndlov")
        type(&field, [.home, .backspace, .end, .delete])
        XCTAssertEqual(field.text, "ndlov", "deleting past either end changes nothing")
        type(&field, [.left, .left, .control("k")])
        XCTAssertEqual(field.text, "ndl")
        type(&field, [.left, .control("u")])
        XCTAssertEqual(field.text, "l")
    }

    func testUTF8AndLengthLimitAndControlCharacters() {
        var field = TextField(maxLength: 5)
        type(&field, "Zoë 病院".map(Key.character))
        XCTAssertEqual(field.text, "Zoë 病")
        var other = TextField()
        type(&other, [.character("a"), .character("\u{7}"), .character("b")])
        XCTAssertEqual(other.text, "ab", "control characters are not inserted")
        XCTAssertFalse(other.handle(.function(1)), "commands are left to the screen")
        XCTAssertFalse(other.handle(.enter))
    }

    func testMaskedFieldShowsStarsAndScrollsToTheCursor() {
        var canvas = Canvas(width: 12, height: 1)
        let secret = TextField("clinic-demo", isMasked: true)
        secret.render(into: &canvas, x: 0, y: 0, width: 12, style: .plain, focused: true)
        XCTAssertEqual(canvas.line(0), "***********")
        XCTAssertEqual(canvas.cursor?.x, 11)

        var long = Canvas(width: 6, height: 1)
        TextField("abcdefghij").render(into: &long, x: 0, y: 0, width: 6, style: .plain, focused: true)
        XCTAssertEqual(long.line(0), "…ghij", "scrolled so the cursor (after j) is visible, marked")
        XCTAssertEqual(long.cursor?.x, 5)
    }

    /// A value typed to the field's exact width is shown whole, focused or not: `1988-04-12`
    /// in a 10-column date field, `09:00` in a 5-column time field.
    func testAValueThatFitsIsShownWhole() {
        for (text, width) in [("1988-04-12", 10), ("09:00", 5), ("2029-12-31", 10)] {
            for focused in [true, false] {
                var canvas = Canvas(width: width + 2, height: 1)
                TextField(text).render(into: &canvas, x: 0, y: 0, width: width, style: .plain, focused: focused)
                XCTAssertEqual(canvas.line(0), text, "\(text) focused: \(focused)")
                if focused { XCTAssertEqual(canvas.cursor?.x, width, "cursor just after the value") }
            }
        }
        var start = Canvas(width: 6, height: 1)
        var field = TextField("abcdefghij")
        _ = field.handle(.home)
        field.render(into: &start, x: 0, y: 0, width: 6, style: .plain, focused: true)
        XCTAssertEqual(start.line(0), "abcde…", "more to the right is marked")
        var unfocused = Canvas(width: 6, height: 1)
        TextField("abcdefghij").render(into: &unfocused, x: 0, y: 0, width: 6, style: .plain, focused: false)
        XCTAssertEqual(unfocused.line(0), "abcde…", "a field left shows its start, the rest marked")
    }

    func testListSelectionStaysInRangeAndScrolls() {
        var list = ListSelection(count: 20)
        XCTAssertTrue(list.handle(.pageDown, pageSize: 5))
        XCTAssertEqual(list.selected, 5)
        _ = list.handle(.end, pageSize: 5)
        XCTAssertEqual(list.visibleRange(rows: 5), 15..<20)
        _ = list.handle(.down, pageSize: 5)
        XCTAssertEqual(list.selected, 19)
        list.setCount(3)
        XCTAssertEqual(list.selected, 2)
        XCTAssertEqual(list.visibleRange(rows: 5), 0..<3)
        XCTAssertFalse(list.handle(.character("x"), pageSize: 5))
        var empty = ListSelection()
        _ = empty.handle(.down, pageSize: 1)
        XCTAssertEqual(empty.visibleRange(rows: 5), 0..<0)
    }

    func testKeyNamesRoundTrip() {
        let keys: [Key] = [
            .character("a"), .character("A"), .character("?"), .function(1), .function(12),
            .control("x"), .alt("x"), .enter, .escape, .tab, .backTab, .up, .down,
            .pageUp, .pageDown, .home, .end, .backspace, .delete, .character(" "),
        ]
        for key in keys { XCTAssertEqual(Key(name: key.name), key, key.name) }
        for bad in ["f13", "f0", "ctrl-", "ctrl-1", "ctrl-ab", "shift-x", "", "enterr", "F1"] {
            XCTAssertNil(Key(name: bad), bad)
        }
    }
}

extension TextFieldTests {
    func testEditTellsWhetherTheTextChanged() {
        var field = TextField(maxLength: 3)
        XCTAssertTrue(field.edit(.character("a")))
        XCTAssertFalse(field.edit(.left), "a cursor move changes no text")
        XCTAssertTrue(field.edit(.character("b")))
        XCTAssertTrue(field.edit(.character("c")))
        XCTAssertFalse(field.edit(.character("d")), "past the maximum length nothing changes")
        XCTAssertEqual(field.text, "bca")
        XCTAssertFalse(field.edit(.function(5)), "not an editing key")
    }
}

extension TextFieldTests {
    /// A suggested default ("routine") is replaced by typing, not appended to; Backspace or
    /// Delete clears it; a cursor move keeps it as text to edit; Tab and other keys leave it.
    func testASuggestionIsReplacedByTypingAndKeptByACursorMove() {
        let deleting: [Key] = [.backspace, .delete, .control("d"), .control("u"), .control("k")]
        let moving: [Key] = [.left, .right, .home, .end, .control("a"), .control("e")]
        var typed = TextField()
        typed.suggest("routine")
        for c in "urgent" { _ = typed.handle(.character(c)) }
        XCTAssertEqual(typed.text, "urgent")
        for key in deleting {
            var field = TextField()
            field.suggest("routine")
            XCTAssertTrue(field.handle(key), key.name)
            XCTAssertEqual(field.text, "", key.name)
            _ = field.handle(.character("x"))
            XCTAssertEqual(field.text, "x", "after \(key.name) typing is ordinary")
        }
        for key in moving {
            var field = TextField()
            field.suggest("routine")
            XCTAssertTrue(field.handle(key), key.name)
            XCTAssertFalse(field.isSuggestion, key.name)
            _ = field.handle(.end)
            _ = field.handle(.character("!"))
            XCTAssertEqual(field.text, "routine!", "after \(key.name) the suggestion is text to edit")
        }
        var tabbed = TextField()
        tabbed.suggest("routine")
        XCTAssertFalse(tabbed.handle(.tab))
        XCTAssertTrue(tabbed.isSuggestion, "moving between fields keeps the suggestion")
        tabbed.text = "set"
        XCTAssertFalse(tabbed.isSuggestion, "a value set by the program is not a suggestion")
    }
}
