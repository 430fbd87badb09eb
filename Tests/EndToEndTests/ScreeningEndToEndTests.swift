import ClinicDomain
import ClinicServices
import ClinicStore
import Foundation
import XCTest

/// A wellness day at the station in a real terminal (issue 22): a nurse screens a member
/// (NCD, TB, PHQ-2, AUDIT-C) typing at most one field per value and Enter past the rest; a
/// second member's PHQ-9 item 9 makes the visit urgent, first in the social worker's
/// queue. Thresholds: SEMDSA 2017 (random glucose ≥ 11.1 mmol/L), WHO/IDF waist (men ≥ 102
/// cm), PHQ-9 item 9 (Kroenke 2001).
final class ScreeningEndToEndTests: DemoDatabaseTestCase {
    /// Keys sent to the terminal: each typed value and each named key counts one.
    var keystrokes = 0

    func checkIn(_ fields: [String: String]) throws -> String {
        let store = try ClinicDatabase.open(at: database)
        let patient = try PatientService(database: store).register(PatientInput(fields), by: Seed.shell)
        return try VisitService(database: store).checkIn(patientId: patient.id, reason: "wellness day", by: Seed.shell).id
    }

    /// Types each value (none for an empty one) and Enter after it.
    func answer(_ values: [String], in tmux: Tmux) throws {
        for value in values {
            if !value.isEmpty {
                try tmux.type(value)
                keystrokes += 1
            }
            try tmux.press("Enter")
            keystrokes += 1
        }
    }

    /// A full vitals set with weight and height (for the BMI), then Ctrl-T to the screening form.
    func vitalsThenScreening(_ tmux: Tmux) throws {
        try tmux.waitFor("BP systolic")
        try answer(["146", "92", "72", "14", "36.8", "98", "w", "a", "n", "96", "175"], in: tmux)
        try tmux.press("C-t")
        try tmux.waitFor("Glucose (mmol/L):")
    }

    func testANurseScreensAMemberAndSelfHarmRiskIsUrgentInTheSocialWorkersQueue() throws {
        let first = try checkIn(["surname": "Ndlovu", "first_names": "Sipho", "document_number": "8001015009087"])
        let second = try checkIn(["surname": "Mokoena", "first_names": "Thandi", "document_number": "8505250123080"])
        let tmux = try Tmux(ClinicBinary.command(database))
        try tmux.logIn("nurse")
        try tmux.type("2")
        try tmux.waitFor("waiting for nursing")
        try tmux.press("Enter")
        try vitalsThenScreening(tmux)
        keystrokes = 0
        // Glucose, fasting (Enter: random), cholesterol, waist; the four TB questions (no
        // sputum asked); PHQ-2 of 2 (no PHQ-9 asked); AUDIT-C: Enter on the last records.
        try answer(["11.4", "", "6.1", "104", "n", "n", "n", "n", "1", "1", "2", "1", "0"], in: tmux)
        let saved = try tmux.waitFor("Screening saved; raised:")
        XCTAssertTrue(saved.contains("Glucose") && saved.contains("Waist"), saved)
        XCTAssertLessThanOrEqual(keystrokes, 25, "12 values and 13 Enters at most: one field per value")
        try tmux.press("F5")
        try tmux.waitFor("1 waiting for nursing")
        try tmux.press("Enter")
        try vitalsThenScreening(tmux)
        try answer(["", "", "", "", "", "", "", ""], in: tmux)
        try answer(["3", "3"], in: tmux)
        try tmux.waitFor("PHQ-9 sleep")
        try answer(["0", "0", "0", "0", "0", "0", "1"], in: tmux)
        try tmux.waitFor("! URGENT: self-harm risk")
        try answer(["", "", ""], in: tmux)
        try tmux.waitFor("URGENT: thoughts of self-harm, the social worker today.")
        try tmux.press("F5")
        try tmux.waitFor("0 waiting for nursing")
        // The doctor sees both (the urgent one first within its colour) and sends both to counselling.
        let store = try ClinicDatabase.open(at: database)
        let consultation = ConsultationService(database: store)
        for visit in [first, second] {
            try consultation.addDiagnosis(visitId: visit, code: "Z00.0", primary: true, by: Seed.shell)
            try consultation.saveNote(visitId: visit, subjective: "s", objective: "o", assessment: "a", plan: "p", by: Seed.shell)
        }
        XCTAssertThrowsError(try consultation.complete(visitId: second, toCounselling: false, by: Seed.shell))
        for visit in [first, second] { _ = try consultation.complete(visitId: visit, toCounselling: true, by: Seed.shell) }
        try tmux.press("Escape", "F9")
        try tmux.logIn("social")
        try tmux.type("2")
        let queue = try tmux.waitFor("2 waiting for counselling")
        let rows = queue.split(separator: "\n").filter { $0.contains("DEMO-00000") }
        XCTAssertEqual(rows.count, 2, queue)
        XCTAssertTrue(rows.first?.contains("MOKOENA") == true && rows.first?.contains("URGENT") == true, queue)
        XCTAssertFalse(rows.last?.contains("URGENT") ?? true, queue)
    }
}
