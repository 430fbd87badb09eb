@testable import ClinicTUI
import TerminalKit
import XCTest

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
