import ClinicDomain
import ClinicServices
import ClinicStore
import Foundation
import XCTest

/// Triage at the nursing bay in a real terminal (SATS 2012 adult chart as corrected in
/// DESIGN.md: RR < 9 and HR < 41 score 2; children are not scored on it).
final class NursingTriageEndToEndTests: DemoDatabaseTestCase {
    /// Registers and checks in a patient through the services; returns the folder number.
    func checkIn(_ fields: [String: String], reason: String) throws -> String {
        let store = try ClinicDatabase.open(at: database)
        let patient = try PatientService(database: store).register(PatientInput(fields), by: Seed.shell)
        _ = try VisitService(database: store).checkIn(patientId: patient.id, reason: reason, by: Seed.shell)
        return patient.folderNumber
    }

    /// Types `values` into the nursing form, Enter after each.
    func typeVitals(_ values: [String], in tmux: Tmux) throws {
        for value in values {
            try tmux.type(value)
            try tmux.press("Enter")
        }
    }

    func testLowBreathingAndPulseShowYellowAndAPartialSetShowsAtLeastRed() throws {
        _ = try checkIn(["surname": "Ndlovu", "first_names": "Sipho", "document_number": "8001015009087"], reason: "dizzy")
        let tmux = try Tmux(ClinicBinary.command(database))
        try tmux.logIn("nurse")
        try tmux.type("2")
        try tmux.waitFor("1 waiting for nursing")
        try tmux.press("Enter")
        try tmux.waitFor("BP systolic")
        try typeVitals(["60", "40", "140"], in: tmux)
        try tmux.type("35")
        let partial = try tmux.waitFor("at least RED")
        XCTAssertTrue(partial.contains("TEWS 9 so far"), partial)
        // Back to the queue without saving (Esc asks first; y discards), and in again with a fresh form.
        try tmux.press("Escape")
        try tmux.waitFor("Discard 4 typed values?")
        try tmux.type("y")
        try tmux.waitFor("1 waiting for nursing")
        try tmux.press("Enter")
        try tmux.waitFor("BP systolic")
        try typeVitals(["120", "80", "40", "8", "36.8", "98", "w", "a"], in: tmux)
        try tmux.type("n")
        let full = try tmux.waitFor("YELLOW (urgent)")
        XCTAssertTrue(full.contains("TEWS 4") && !full.contains("TEWS 4 so far"), full)
    }

    func testAChildWaitsAtTheTopAndCannotLeaveNursingWithoutAColour() throws {
        _ = try checkIn(["surname": "Ndlovu", "first_names": "Sipho", "document_number": "8001015009087"], reason: "cough")
        let child = try checkIn(
            [
                "surname": "Khumalo", "first_names": "Lwazi", "document_type": "passport",
                "document_number": "P0001", "sex": "M", "date_of_birth": "2020-03-01",
            ], reason: "fever")
        let tmux = try Tmux(ClinicBinary.command(database))
        try tmux.logIn("nurse")
        try tmux.type("2")
        let queue = try tmux.waitFor("2 waiting for nursing")
        let rows = queue.split(separator: "\n").filter { $0.contains("cough") || $0.contains("fever") }
        XCTAssertEqual(rows.count, 2, queue)
        XCTAssertTrue(rows.first?.contains(child) ?? false, "the child first, though checked in last:\n\(queue)")
        try tmux.press("Enter")
        try tmux.waitFor("Child: no TEWS chart.")
        try typeVitals(["100", "60", "130", "30", "37.9", "97", "w", "a", "n"], in: tmux)
        try tmux.waitFor("Colour needed to complete")
        try tmux.press("F5")
        // The typed set is saved and said so; then why the child stays (the line wraps after "or").
        try tmux.waitFor("Vitals set 1 saved: no colour yet. Child: set the colour first (R, O, Y or")
        // Raise colour is the 14th field: four more Enters past weight, height, glucose and pain.
        try tmux.press("Enter", "Enter", "Enter", "Enter")
        try tmux.type("Y")
        try tmux.press("Enter")
        try tmux.type("fever in a child, clinical judgement")
        try tmux.waitFor("YELLOW (urgent)")
        try tmux.press("F5")
        try tmux.waitFor("1 waiting for nursing")
        let store = try ClinicDatabase.open(at: database)
        let consultation = try VisitService(database: store).queue(.consultation, by: Seed.shell)
        XCTAssertEqual(consultation.map(\.folderNumber), [child])
        XCTAssertEqual(consultation.first?.colour, .yellow)
    }
}
