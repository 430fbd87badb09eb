import Foundation
import XCTest

/// The clerk's Today board in the real binary: a patient checked in shows in nursing, and
/// moves to consultation by itself when the nurse completes on another terminal.
final class TodayEndToEndTests: DemoDatabaseTestCase {
    override var patients: Int { 2 }

    func testTheClerksBoardFollowsThePatientFromNursingToConsultation() throws {
        let tmux = try Tmux(ClinicBinary.command(database))
        try tmux.addWindow("nurse", ClinicBinary.command(database))
        try tmux.logIn("clerk", in: "main")
        try tmux.logIn("nurse", in: "nurse")
        try tmux.type("1"); try tmux.waitFor("No patients seen today yet")
        try tmux.type("DEMO-000001"); try tmux.waitFor("DEMO-000001 ")
        try tmux.press("Enter"); try tmux.waitFor("Membership:")
        try tmux.press("F5"); try tmux.waitFor("Start visit: reason for the visit")
        try tmux.type("annual wellness check"); try tmux.press("Enter")
        try tmux.waitFor("Checked in: waiting in the nursing queue.")
        try tmux.press("Escape"); try tmux.press("Escape"); try tmux.waitFor("Welcome")
        try tmux.type("4"); try tmux.waitFor("1 visit today: 1 nursing.")

        try tmux.type("2", in: "nurse"); try tmux.waitFor("1 waiting for nursing", in: "nurse")
        try tmux.press("Enter", in: "nurse"); try tmux.waitFor("BP systolic", in: "nurse")
        for value in ["118", "76", "72", "14", "36.8", "98", "w", "a", "n"] {
            try tmux.type(value, in: "nurse"); try tmux.press("Enter", in: "nurse")
        }
        try tmux.press("F5", in: "nurse"); try tmux.waitFor("0 waiting for nursing", in: "nurse")
        let board = try tmux.waitFor("1 visit today: 1 consultation.", timeout: 3)
        XCTAssertTrue(board.contains("DEMO-000001") && board.contains("GREEN"), board)
    }
}
