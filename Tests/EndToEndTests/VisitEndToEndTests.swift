import Foundation
import XCTest

/// A visit across three terminals (three processes on one database): the clerk starts it,
/// the nurse sees it arrive, records vitals and completes, the doctor's queue shows it.
final class VisitEndToEndTests: DemoDatabaseTestCase {
    override var patients: Int { 3 }

    func testClerkNurseAndDoctorOnThreeTerminals() throws {
        let tmux = try Tmux(ClinicBinary.command(database))
        try tmux.addWindow("nurse", ClinicBinary.command(database))
        try tmux.addWindow("doctor", ClinicBinary.command(database))
        try tmux.logIn("clerk", in: "main")
        try tmux.logIn("nurse", in: "nurse")
        try tmux.logIn("doctor", in: "doctor")
        try tmux.type("2", in: "nurse")
        try tmux.waitFor("0 waiting for nursing", in: "nurse")
        try tmux.type("3", in: "doctor")
        try tmux.waitFor("0 waiting for consultation", in: "doctor")

        // The clerk checks DEMO-000001 in.
        try tmux.type("1")
        try tmux.waitFor("Find:")
        try tmux.type("DEMO-000001")
        try tmux.waitFor("DEMO-000001 ")
        try tmux.press("Enter")
        try tmux.waitFor("Membership:")
        try tmux.press("F5")
        try tmux.waitFor("Start visit: reason for the visit")
        try tmux.type("chest pain since morning")
        try tmux.press("Enter")
        try tmux.waitFor("Checked in: waiting in the nursing queue.")

        // The nurse's open queue shows it without a keypress.
        try tmux.waitFor("1 waiting for nursing", in: "nurse", timeout: 2)
        try tmux.press("Enter", in: "nurse")
        try tmux.waitFor("BP systolic", in: "nurse")
        for value in ["85", "60", "125", "24", "38.9", "93", "h", "v"] {
            try tmux.type(value, in: "nurse")
            try tmux.press("Enter", in: "nurse")
        }
        try tmux.waitFor("TEWS 9 so far", in: "nurse")
        try tmux.type("n", in: "nurse")
        try tmux.waitFor("RED (emergency)", in: "nurse")
        try tmux.press("F5", in: "nurse")
        let started = Date()
        try tmux.waitFor("0 waiting for nursing", in: "nurse")

        // The doctor's queue, in a third process, shows the patient as red within 2 seconds.
        let doctor = try tmux.waitFor("1 waiting for consultation", in: "doctor", timeout: 2)
        XCTAssertLessThan(Date().timeIntervalSince(started), 2.5)
        XCTAssertTrue(doctor.contains("RED") && doctor.contains("DEMO-000001") && doctor.contains("chest pain"), doctor)
        try tmux.press("Enter", in: "doctor")
        try tmux.waitFor("RED (emergency)", in: "doctor")
        try tmux.press("F5", in: "doctor")
        try tmux.waitFor("Add at least one diagnosis.", in: "doctor")
        // The doctor writes the note, finds a diagnosis by words, marks it primary and completes.
        try tmux.press("F2", in: "doctor")
        try tmux.waitFor("Consultation note", in: "doctor")
        for section in ["Chest pain since morning", "BP 85/60, HR 125", "Suspected pneumonia", "Refer to hospital"] {
            try tmux.type(section, in: "doctor"); try tmux.press("Tab", in: "doctor")
        }
        try tmux.press("F2", in: "doctor")
        try tmux.waitFor("Note saved (draft).", in: "doctor")
        try tmux.press("F3", in: "doctor")
        try tmux.type("pneumonia", in: "doctor")
        try tmux.waitFor("J18.9", in: "doctor")
        try tmux.press("Down", "F2", in: "doctor")
        try tmux.waitFor("Added J18.9 as primary", in: "doctor")
        try tmux.press("Escape", in: "doctor")
        try tmux.press("F5", in: "doctor")
        try tmux.waitFor("0 waiting for consultation", in: "doctor")
        let audit = try ClinicBinary.run(["audit", "verify", "--db", database])
        XCTAssertEqual(audit.status, 0, audit.stdout)
    }

    func testTwoNursesCannotTakeTheSamePatient() throws {
        let tmux = try Tmux(ClinicBinary.command(database))
        try tmux.addWindow("second", ClinicBinary.command(database))
        try tmux.logIn("clerk", in: "main")
        let added = try ClinicBinary.run(
            ["user", "add", "nurse2", "--role", "nurse", "--name", "Sr Two", "--db", database],
            input: "second-nurse\nsecond-nurse\n")
        XCTAssertEqual(added.status, 0, added.stderr)
        try tmux.type("1"); try tmux.waitFor("Find:")
        try tmux.type("DEMO-000002"); try tmux.waitFor("DEMO-000002 ")
        try tmux.press("Enter"); try tmux.waitFor("Membership:")
        try tmux.press("F5"); try tmux.type("rash"); try tmux.press("Enter")
        try tmux.waitFor("Checked in")
        // The clerk logs out and a nurse takes this terminal; a second nurse uses the other.
        try tmux.press("Escape"); try tmux.waitFor("Find:")
        try tmux.press("Escape"); try tmux.waitFor("Welcome")
        try tmux.press("F9")
        try tmux.logIn("nurse", in: "main")
        try tmux.waitFor("Log in with your own username", in: "second")
        try tmux.type("nurse2", in: "second"); try tmux.press("Enter", in: "second")
        try tmux.type("second-nurse", in: "second"); try tmux.press("Enter", in: "second")
        try tmux.waitFor("Welcome", in: "second")
        try tmux.type("2"); try tmux.type("2", in: "second")
        try tmux.waitFor("1 waiting for nursing"); try tmux.waitFor("1 waiting for nursing", in: "second")
        try tmux.press("Enter")
        try tmux.waitFor("BP systolic")
        try tmux.waitFor("rash           0m    nurse", in: "second", timeout: 3)
        try tmux.press("Enter", in: "second")
        try tmux.waitFor("nurse is already seeing this patient.", in: "second")
    }
}
