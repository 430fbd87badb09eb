import ClinicDomain
import ClinicServices
import TerminalKit
import XCTest

@testable import ClinicTUI

/// Forms whose rules were judged only at submit (found on a fresh-eyes walk) judge a field
/// as it is left, like registration and nursing: the location, the audit filter and the
/// clinical background. Each field is marked with the same words the submit would use.
final class FieldCheckOnLeaveTests: XCTestCase {
    private var harness: AppHarness!

    override func setUpWithError() throws { harness = try AppHarness() }

    private func key(_ action: KeyAction) -> Key { harness.app.environment.keymap.keys(for: action, in: action.context)[0] }

    private func error(_ id: String) throws -> String? {
        try XCTUnwrap(harness.app.top as? FormScreen, harness.screen()).form.fields.first { $0.id == id }?.error
    }

    /// Types `value` into field `id` of the open form and leaves it with Tab.
    private func leave(_ id: String, with value: String) throws {
        try XCTUnwrap(harness.app.top as? FormScreen).form.focus(on: id)
        harness.type(value)
        harness.press(.tab)
    }

    func testTheLocationFormMarksAProvinceAsItIsLeft() throws {
        harness.logIn("clerk")
        harness.openMenu("Appointments and routes")
        harness.press(key(.locations), key(.new))
        try leave("province", with: "XX")
        XCTAssertEqual(try error("province"), Province.problem)
        XCTAssertNil(try error("name"), "a field not left yet is not judged")
    }

    func testTheAuditFilterMarksADateAsItIsLeft() throws {
        harness.logIn("admin")
        harness.openMenu("Audit log")
        harness.press(key(.filter))
        try leave("from", with: "2026-13-45")
        XCTAssertEqual(try error("from"), "The From date must be a real date, YYYY-MM-DD (got '2026-13-45')")
    }

    func testTheBackgroundFormMarksAKindAsItIsLeft() throws {
        _ = try PatientService(database: harness.database, clock: harness.clock)
            .register(
                PatientInput(["surname": "Ndlovu", "first_names": "Sipho", "document_number": "8001015009087"]),
                by: .shell(name: "seed"))
        harness.logIn("nurse")
        harness.openMenu(MenuEntry.entries(for: .nurse).first { $0.destination == .patients }!.title)
        harness.type("ndlovu")
        harness.press(.enter, key(.addBackground))
        try XCTUnwrap(harness.app.top as? FormScreen).form["kind"] = ""
        try leave("kind", with: "foo")
        XCTAssertEqual(try error("kind"), "kind must be allergy, condition or medication")
    }

    /// The count under the form follows the marks: a corrected field takes one off.
    func testTheCountOfMarkedFieldsFollowsTheCorrections() throws {
        harness.logIn("clerk")
        harness.openMenu("Appointments and routes")
        harness.press(key(.locations), key(.new))
        let form = try XCTUnwrap(harness.app.top as? FormScreen)
        form.form["province"] = "XX"
        form.form["type"] = "church"
        form.form.focus(on: form.form.fields.last!.id)
        harness.press(.enter)
        let marked = form.form.fields.filter { $0.error != nil }.count
        XCTAssertGreaterThan(marked, 2, harness.screen())
        XCTAssertEqual(form.message, "Please correct the \(marked) marked fields.")
        form.form.focus(on: "name")
        harness.type("Mamelodi East Hall")
        XCTAssertEqual(
            form.message, marked - 1 > 1 ? "Please correct the \(marked - 1) marked fields." : nil, "one fewer to correct")
    }
}
