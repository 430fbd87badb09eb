import ClinicServices
import TerminalKit
import XCTest

@testable import ClinicTUI

/// Every form of the screen catalogue (`Screens/*.yaml`) asks before Esc throws typed
/// values away, and closes at once when nothing was typed.
final class DiscardSweepTests: XCTestCase {
    func testEveryFormAsksBeforeDiscardingTypedValues() throws {
        let harness = try AppHarness()
        let environment = harness.app.environment
        for id in ScreenCatalog.knownFields.keys.sorted() {
            let definition = environment.screens[id]
            guard let field = definition.fields.first else { continue }
            let empty = FormScreen(definition: definition) { _, _ in nil }
            guard case .pop = empty.handle(Input(key: .escape, action: .back), environment: environment) else {
                XCTFail("\(id): Esc on an untouched form closes it"); continue
            }
            let form = FormScreen(definition: definition) { _, _ in nil }
            form.form.focus(on: field.id)
            _ = form.handle(Input(key: .character("7"), action: nil), environment: environment)
            guard case .none = form.handle(Input(key: .escape, action: .back), environment: environment) else {
                XCTFail("\(id): Esc with a typed value asks first"); continue
            }
            XCTAssertEqual(form.message, "Discard 1 typed value? y or Esc discards, n keeps them.", id)
            _ = form.handle(Input(key: .character("n"), action: nil), environment: environment)
            XCTAssertEqual(form.form[field.id], "7", "\(id): n keeps the value")
            _ = form.handle(Input(key: .escape, action: .back), environment: environment)
            guard case .pop = form.handle(Input(key: .character("y"), action: nil), environment: environment) else {
                XCTFail("\(id): y discards"); continue
            }
        }
    }
}

/// The screens that hold typed work outside a catalogue form ask the same way.
final class TypedWorkDiscardTests: XCTestCase {
    func testEscOnAStockTakeWithCountsAsksFirst() throws {
        let harness = try AppHarness()
        XCTAssertTrue(try DemoStock(database: harness.database, clock: harness.clock).seed())
        harness.logIn("stock")
        harness.openMenu("Stock: scan in, items, stock take")
        harness.press(.function(8))
        let sheet = try XCTUnwrap(harness.app.top as? StockTakeScreen)
        harness.type("12")
        harness.press(.enter)
        harness.type("30")
        harness.press(.escape)
        XCTAssertTrue(harness.app.top === sheet, "Esc does not throw two counts away")
        XCTAssertTrue(harness.screen().contains("Discard 2 typed values? y or Esc discards, n keeps them."), harness.screen())
        harness.press(.character("n"))
        XCTAssertEqual(sheet.counts.count, 2, "n keeps counting")
        harness.press(.escape, .character("y"))
        XCTAssertTrue(harness.app.top is StockScreen, "y discards")
        harness.press(.function(8), .escape)
        XCTAssertTrue(harness.app.top is StockScreen, "an untouched sheet closes at once")
    }

    func testEscOnAChangedNoteAsksFirst() throws {
        let harness = try AppHarness()
        let editor = NoteEditorScreen(
            definition: harness.app.environment.screens["consultation-note"],
            values: ["subjective": "cough"]
        ) { _, _ in nil }
        harness.logIn("doctor")
        harness.app.apply(.push(editor))
        harness.press(.escape)
        XCTAssertFalse(harness.app.top === editor, "unchanged: Esc closes")
        harness.app.apply(.push(editor))
        harness.type(" for 3 weeks")
        harness.press(.escape)
        XCTAssertTrue(harness.app.top === editor)
        XCTAssertEqual(editor.message, "Discard 1 changed section? y or Esc discards, n keeps them.")
        harness.press(.escape)
        XCTAssertFalse(harness.app.top === editor, "Esc again discards")
    }
}
