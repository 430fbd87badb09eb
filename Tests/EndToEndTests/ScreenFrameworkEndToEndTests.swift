import Foundation
import XCTest

/// What every screen does alike, in a real terminal: a nurse who steps away can lock the
/// terminal from wherever they are (Ctrl-L on an open patient record and on the nursing
/// form; the same user unlocks back to that screen), and fields show what was typed.
final class ScreenFrameworkEndToEndTests: DemoDatabaseTestCase {
    func lockAndResume(_ tmux: Tmux, showing text: String) throws {
        try tmux.press("C-l")
        try tmux.waitFor("Locked")
        try tmux.type("clinic-demo")
        try tmux.press("Enter")
        try tmux.waitFor(text)
    }

    /// From Home: finds `folder`, opens the record (then runs `onRecord`), starts a visit and
    /// comes back to Home.
    func checkIn(_ folder: String, in tmux: Tmux, onRecord: () throws -> Void = {}) throws {
        try tmux.type("1")
        try tmux.waitFor("Find:")
        try tmux.type(folder)
        try tmux.waitFor(folder + " ")
        try tmux.press("Enter")
        try tmux.waitFor("Membership:")
        try onRecord()
        try tmux.press("F5")
        try tmux.waitFor("Start visit: reason for the visit")
        try tmux.type("cough")
        try tmux.press("Enter")
        try tmux.waitFor("Checked in")
        try tmux.press("Escape")
        try tmux.waitFor("Find:")
        try tmux.press("Escape")
        try tmux.waitFor("Welcome")
    }

    func testCtrlLLocksTheRecordAndTheNursingFormAndF9LogsOut() throws {
        let tmux = try Tmux(ClinicBinary.command(database))
        try tmux.logIn("nurse")
        try checkIn("DEMO-000001", in: tmux) { try self.lockAndResume(tmux, showing: "Membership:") }
        try tmux.type("2")
        try tmux.waitFor("1 waiting for nursing")
        try tmux.press("Enter")
        try tmux.waitFor("BP systolic")
        try tmux.type("120")
        try lockAndResume(tmux, showing: "BP systolic (mmHg): 120")
        try tmux.press("F9")
        try tmux.waitFor("Log out and discard 1 typed value? y logs out, any other key keeps them.")
        try tmux.type("y")
        try tmux.waitFor("Log in with your own username")
    }

    /// A date of birth typed to the field's full width (10 columns) is shown whole, while
    /// focused and after moving on.
    func testADateTypedToTheFieldsWidthIsShownWhole() throws {
        let tmux = try Tmux(ClinicBinary.command(database))
        try tmux.logIn("clerk")
        try tmux.type("1")
        try tmux.waitFor("Find:")
        try tmux.press("F2")
        try tmux.waitFor("Date of birth")
        // Surname, first names, document type, number, sex, then the date of birth.
        for value in ["Mokoena", "Thabo", "passport", "P123", "M"] {
            try tmux.type(value)
            try tmux.press("Enter")
        }
        try tmux.type("1988-04-12")
        let focused = try tmux.waitFor("1988-04-12")
        XCTAssertFalse(focused.contains(": 988-04-12"), focused)
        try tmux.press("Enter")
        try tmux.waitFor("1988-04-12")
    }

    /// The line of the coloured screen (`capture-pane -e`) that shows `text`.
    func styledLine(_ tmux: Tmux, containing text: String) throws -> String {
        try tmux.run(["capture-pane", "-p", "-e", "-t", "main"]).split(separator: "\n").first { $0.contains(text) }.map(
            String.init) ?? ""
    }

    /// j and k move the selection on a queue, as the arrows do.
    func testJAndKMoveTheQueueSelection() throws {
        let seeded = try ClinicBinary.run(["demo", "--db", database, "--patients", "2"])
        XCTAssertEqual(seeded.status, 0, seeded.stderr)
        let tmux = try Tmux(ClinicBinary.command(database))
        try tmux.logIn("nurse")
        for folder in ["DEMO-000001", "DEMO-000002"] { try checkIn(folder, in: tmux) }
        try tmux.type("2")
        try tmux.waitFor("2 waiting for nursing")
        let reverse = "\u{1B}[7m"
        XCTAssertTrue(try styledLine(tmux, containing: "DEMO-000001").contains(reverse), "first row selected")
        try tmux.type("j")
        try tmux.waitFor("2 waiting for nursing")
        Thread.sleep(forTimeInterval: 0.3)
        XCTAssertTrue(try styledLine(tmux, containing: "DEMO-000002").contains(reverse), "j selects the second row")
        XCTAssertFalse(try styledLine(tmux, containing: "DEMO-000001").contains(reverse))
        try tmux.type("k")
        Thread.sleep(forTimeInterval: 0.3)
        XCTAssertTrue(try styledLine(tmux, containing: "DEMO-000001").contains(reverse), "k selects the first row again")
    }
}
