import Foundation
import XCTest

/// One visit from registration to closed through all five stages, four users on four
/// terminals of one database.
final class FullVisitEndToEndTests: XCTestCase {
    var folder = ""
    var database: String { folder + "/clinic.sqlite" }

    override func setUpWithError() throws {
        folder = try ClinicBinary.demoFolder()
        XCTAssertEqual(try ClinicBinary.run(["demo", "--db", database, "--patients", "2"]).status, 0)
    }

    override func tearDown() { try? FileManager.default.removeItem(atPath: folder) }

    func testRegistrationToClosedWithFourUsers() throws {
        let tmux = try Tmux(ClinicBinary.command(database))
        for window in ["nurse", "doctor", "social"] { try tmux.addWindow(window, ClinicBinary.command(database)) }
        try tmux.logIn("clerk", in: "main")
        try tmux.logIn("nurse", in: "nurse")
        try tmux.logIn("doctor", in: "doctor")
        try tmux.logIn("social", in: "social")

        // Clerk: find the patient, record a penicillin allergy, start the visit.
        try tmux.type("1"); try tmux.waitFor("Find:")
        try tmux.type("DEMO-000001"); try tmux.waitFor("DEMO-000001 ")
        try tmux.press("Enter"); try tmux.waitFor("No known allergies recorded")
        try tmux.press("F6"); try tmux.waitFor("Clinical background")
        try tmux.press("Tab"); try tmux.type("Penicillin"); try tmux.press("Enter")
        try tmux.type("anaphylaxis"); try tmux.press("Enter")
        try tmux.waitFor("ALLERGIES: Penicillin (anaphylaxis)")
        try tmux.press("F5"); try tmux.waitFor("Start visit")
        try tmux.type("sore throat and stress"); try tmux.press("Enter")
        try tmux.waitFor("Checked in")

        // Nurse: vitals, complete.
        try tmux.type("2", in: "nurse"); try tmux.waitFor("1 waiting for nursing", in: "nurse")
        try tmux.press("Enter", in: "nurse"); try tmux.waitFor("BP systolic", in: "nurse")
        for value in ["118", "76", "88", "16", "37.9", "98", "w", "a", "n"] {
            try tmux.type(value, in: "nurse"); try tmux.press("Enter", in: "nurse")
        }
        try tmux.waitFor("GREEN (routine)", in: "nurse")
        try tmux.press("F5", in: "nurse"); try tmux.waitFor("0 waiting for nursing", in: "nurse")

        // Doctor: note, diagnosis by search, amoxicillin with the allergy warning and a reason, referral, to counselling.
        try tmux.type("3", in: "doctor"); try tmux.waitFor("1 waiting for consultation", in: "doctor")
        try tmux.press("Enter", in: "doctor"); try tmux.waitFor("ALLERGIES: Penicillin", in: "doctor")
        try tmux.press("F2", in: "doctor"); try tmux.waitFor("Subjective", in: "doctor")
        for section in [
            "Sore throat 4 days, stressed at work", "Tonsils exudate", "Tonsillitis; work stress", "Antibiotic, counselling",
        ] {
            try tmux.type(section, in: "doctor"); try tmux.press("Tab", in: "doctor")
        }
        try tmux.press("F2", in: "doctor"); try tmux.waitFor("Note saved (draft).", in: "doctor")
        try tmux.press("F3", in: "doctor"); try tmux.type("tonsil", in: "doctor")
        try tmux.waitFor("J03.9", in: "doctor")
        try tmux.press("Down", "F2", in: "doctor"); try tmux.waitFor("Added J03.9 as primary", in: "doctor")
        try tmux.press("Escape", in: "doctor")
        try tmux.press("C-p", in: "doctor"); try tmux.type("amox", in: "doctor")
        try tmux.waitFor("AMOX500C", in: "doctor")
        try tmux.press("Down", "Enter", in: "doctor"); try tmux.waitFor("Dose (units)", in: "doctor")
        for value in ["1", "tds", "5"] { try tmux.type(value, in: "doctor"); try tmux.press("Tab", in: "doctor") }
        try tmux.waitFor("Quantity to dispense: 15", in: "doctor")
        try tmux.press("Enter", in: "doctor")
        try tmux.waitFor("ALLERGY: Penicillin (anaphylaxis). Amoxicillin needs an override reason.", in: "doctor")
        try tmux.type("tolerated amoxicillin 2023, monitored", in: "doctor"); try tmux.press("Enter", in: "doctor")
        try tmux.waitFor("(allergy override)", in: "doctor")
        try tmux.press("C-r", in: "doctor"); try tmux.waitFor("Referral", in: "doctor")
        try tmux.press("Tab", in: "doctor"); try tmux.type("Polokwane Hospital ENT", in: "doctor")
        try tmux.press("Tab", "Tab", in: "doctor"); try tmux.type("Recurrent tonsillitis", in: "doctor")
        try tmux.press("Enter", in: "doctor")
        try tmux.waitFor("Referral letter written to", in: "doctor")
        let letters = try FileManager.default.contentsOfDirectory(atPath: folder + "/summaries").filter {
            $0.hasPrefix("referral-DEMO-000001")
        }
        XCTAssertEqual(letters.count, 1)
        let letter = try String(contentsOfFile: folder + "/summaries/" + letters[0], encoding: .utf8)
        XCTAssertTrue(letter.contains("To:   Polokwane Hospital ENT") && letter.contains("Recurrent tonsillitis"), letter)
        try tmux.press("F7", in: "doctor"); try tmux.waitFor("0 waiting for consultation", in: "doctor")

        // Social worker: confidential session, complete counselling.
        try tmux.type("2", in: "social"); try tmux.waitFor("1 waiting for counselling", in: "social")
        try tmux.press("Enter", in: "social"); try tmux.waitFor("Counselling · DEMO-000001", in: "social")
        try tmux.press("F2", in: "social"); try tmux.waitFor("Session type", in: "social")
        for value in ["work stress", "Conflict with supervisor", "coping plan"] {
            try tmux.type(value, in: "social"); try tmux.press("Tab", in: "social")
        }
        try tmux.press("F2", in: "social"); try tmux.waitFor("Session recorded.", in: "social")
        // The sessions come after the doctor's part of the sheet: End scrolls to them.
        try tmux.press("End", in: "social"); try tmux.waitFor("work stress: coping plan", in: "social")
        try tmux.press("F5", in: "social"); try tmux.waitFor("0 waiting for counselling", in: "social")

        // Clerk at closure: summary file, close with an outcome.
        try tmux.press("Escape"); try tmux.press("Escape"); try tmux.waitFor("Welcome")
        try tmux.type("2"); try tmux.waitFor("1 waiting for closure")
        try tmux.press("Enter"); try tmux.waitFor("Reason for visit")
        let closure = try tmux.screen()
        XCTAssertFalse(closure.contains("Conflict with supervisor"), "counselling notes are not for the clerk:\n\(closure)")
        try tmux.press("F4"); try tmux.waitFor("Summary written to")
        try tmux.press("F5"); try tmux.waitFor("Close visit")
        try tmux.type("treated, referred to ENT"); try tmux.press("Enter")
        try tmux.waitFor("0 waiting for closure")

        let summaries = try FileManager.default.contentsOfDirectory(atPath: folder + "/summaries")
        let summary = try String(
            contentsOfFile: folder + "/summaries/" + summaries.first { !$0.hasPrefix("referral") }!, encoding: .utf8)
        XCTAssertTrue(summary.contains("J03.9"), summary)
        XCTAssertFalse(summary.contains("Conflict with supervisor"), summary)
        let printed = try ClinicBinary.run(["visit", "summary", "demo-000001", "--db", database])
        XCTAssertEqual(printed.status, 0, printed.stderr)
        XCTAssertTrue(printed.stdout.contains("Status: closed") && printed.stdout.contains("Acute tonsillitis"), printed.stdout)
        let audit = try ClinicBinary.run(["audit", "verify", "--db", database])
        XCTAssertEqual(audit.status, 0, audit.stdout)
        // Four users' sessions left log lines, and none of what they typed in confidence.
        let log = try String(contentsOfFile: database + ".log", encoding: .utf8)
        XCTAssertTrue(log.contains("user=social"), log)
        for typed in [
            "clinic-demo", "Conflict with supervisor", "coping plan", "sore throat and stress", "anaphylaxis",
            "tolerated amoxicillin",
        ] {
            XCTAssertFalse(log.contains(typed), "'\(typed)' is in the log:\n\(log)")
        }
    }
}
