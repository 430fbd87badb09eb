import ClinicDomain
import ClinicServices
import ClinicStore
import TerminalKit
import XCTest

@testable import ClinicTUI

/// The nurse's screening form after the vitals (issue 22): results beside the fields as they
/// are typed, questions that do not apply passed over, nothing written while a field is
/// refused. Thresholds are ClinicDomain's (SEMDSA 2017 glucose, WHO/IDF waist, WHO
/// four-symptom TB screen, PHQ-2/PHQ-9 Kroenke 2003/2001, AUDIT-C Bradley 2007).
final class ScreeningScreenTests: XCTestCase {
    var harness: AppHarness!
    var visitID = ""
    var patientID = ""

    override func setUpWithError() throws {
        harness = try AppHarness()
        let shell = Actor.shell(name: "seed")
        let patients = PatientService(database: harness.database, clock: harness.clock)
        patientID = try patients.register(
            PatientInput(["surname": "Ndlovu", "first_names": "Sipho", "document_number": "8001015009087"]), by: shell
        ).id
        let visits = VisitService(database: harness.database, clock: harness.clock)
        visitID = try visits.checkIn(patientId: patientID, reason: "wellness day", by: shell).id
        harness.clock.advance(5 * 60)
    }

    /// The nurse opens the first patient of the nursing queue, types a full vitals set
    /// (weight and height for the BMI) and opens the screening form with its key.
    func openScreening() throws -> ScreeningScreen {
        harness.logIn("nurse")
        harness.openMenu("Nursing queue: vitals and triage")
        harness.press(.enter)
        let nursing = try XCTUnwrap(harness.app.top as? NursingScreen)
        let vitals = [
            "systolic": "146", "diastolic": "92", "heart_rate": "72", "resp_rate": "14", "temperature": "36.8",
            "spo2": "98", "weight": "96", "height": "175", "mobility": "w", "avpu": "a", "trauma": "n",
        ]
        for (field, value) in vitals {
            nursing.entry.form.focus(on: field)
            harness.type(value)
        }
        harness.press(.control("t"))
        return try XCTUnwrap(harness.app.top as? ScreeningScreen, harness.screen())
    }

    func testTheNurseScreensAMemberAndSeesEachResultAsTyped() throws {
        let screening = try openScreening()
        XCTAssertTrue(harness.screen().contains("Blood pressure"), "BP from the vitals:\n\(harness.screen())")
        harness.fill("11.4", "", "6.1", "104")  // random glucose, cholesterol, waist
        harness.fill("n", "n", "n", "n")  // TB: no symptom, the sputum is passed over
        XCTAssertEqual(screening.entry.form.fields[screening.entry.form.focus].id, "phq1", "no sputum asked")
        harness.fill("1", "1")  // PHQ-2 of 2: the PHQ-9 is passed over
        XCTAssertEqual(screening.entry.form.fields[screening.entry.form.focus].id, "audit1", "no PHQ-9 asked")
        harness.fill("2", "1")
        harness.type("0")
        assertSnapshot(harness.snapshot(), named: "screening-80x24")
        XCTAssertEqual(harness.styleAt(text: "suggests diabetes"), .error, "a raised result is red")
        harness.press(.enter)
        XCTAssertTrue(harness.app.top is NursingScreen, "saved, back on the vitals:\n\(harness.screen())")
        XCTAssertTrue(harness.screen().contains("Screening saved; raised: Glucose"), harness.screen())
        let history = try harness.app.environment.screening.history(patientId: patientID, by: .shell(name: "t"))
        XCTAssertEqual(
            Set(history.map(\.outcome.test)), [.glucose, .bloodPressure, .cholesterol, .waist, .bmi, .tb, .phq2, .auditC])
    }

    func testASymptomAsksWhereTheSputumWentAndNothingIsSavedWithoutIt() throws {
        let screening = try openScreening()
        harness.fill("", "", "", "")
        harness.fill("y", "n", "n", "n")
        XCTAssertEqual(screening.entry.form.fields[screening.entry.form.focus].id, "sputum_to", "presumptive TB")
        XCTAssertTrue(harness.screen().contains("presumptive TB"), harness.screen())
        harness.fill("", "0", "0", "0", "0", "0")
        XCTAssertTrue(harness.app.top is ScreeningScreen, "refused: the form stays\n\(harness.screen())")
        XCTAssertTrue(harness.screen().contains("Sputum sent to"), harness.screen())
        let history = try harness.app.environment.screening.history(patientId: patientID, by: .shell(name: "t"))
        XCTAssertEqual(history, [], "nothing half-written")
    }

    func testAPositivePHQ2AsksThePHQ9AndItem9MakesItUrgent() throws {
        let screening = try openScreening()
        harness.fill("", "", "", "", "n", "n", "n", "n")
        harness.fill("2", "2")
        XCTAssertEqual(screening.entry.form.fields[screening.entry.form.focus].id, "phq3", "PHQ-2 of 4 asks the PHQ-9")
        harness.fill("1", "1", "1", "1", "1", "1", "1")
        XCTAssertTrue(harness.screen().contains("URGENT"), harness.screen())
        XCTAssertEqual(harness.styleAt(text: "! URGENT"), .error)
        // AUDIT-C "never": questions 2 and 3 are passed over and Enter records.
        harness.fill("0")
        XCTAssertTrue(harness.screen().contains("URGENT: thoughts of self-harm"), harness.screen())
    }

    /// Opens the patient's record as `role` from Find patient.
    func openRecord(as role: String) throws -> String {
        harness.logIn(role)
        let home = try XCTUnwrap(harness.app.top as? HomeScreen)
        harness.openMenu(try XCTUnwrap(home.entries.first { $0.destination == .patients }).title)
        harness.type("DEMO-000001")
        harness.press(.enter)
        XCTAssertTrue(harness.app.top is PatientRecordScreen, harness.screen())
        return harness.screen()
    }

    /// The record shows trends and the latest results to roles that screen, flags a raised
    /// result until a doctor sees the visit, and shows nothing of it to a clerk.
    func testTheRecordShowsTheScreeningAndFlagsARaisedResultUntilADoctorSeesIt() throws {
        let shell = Actor.shell(name: "t")
        let visits = VisitService(database: harness.database, clock: harness.clock)
        let vitals = VitalsInput([
            "systolic": "120", "diastolic": "80", "heart_rate": "72", "resp_rate": "14", "temperature": "36.8",
            "spo2": "98", "mobility": "w", "avpu": "a", "trauma": "n",
        ])
        _ = try visits.recordVitals(visitId: visitID, input: vitals, by: shell)
        _ = try harness.app.environment.screening.record(
            visitId: visitID,
            input: ScreeningInput([
                "glucose": "12.2", "cholesterol": "4.1", "cough": "n", "fever": "n", "night_sweats": "n",
                "weight_loss": "n",
            ]), by: shell)
        let nurse = try openRecord(as: "nurse")
        for text in [
            "! screening raised", "Screening Tue 24 Nov: Chol ", "Glucose suggests diabetes; BP normal",
            "! Raised at screening",
        ] {
            XCTAssertTrue(nurse.contains(text), "\(text) missing:\n\(nurse)")
        }
        XCTAssertEqual(harness.styleAt(text: "! Raised at screening"), .error)
        let rows = nurse.split(separator: "\n", omittingEmptySubsequences: false)
        let heading = try XCTUnwrap(rows.firstIndex { $0.contains("newest first (Enter opens)") }, nurse)
        XCTAssertTrue(rows[heading + 2].contains("nursing"), "the visit list keeps its rows under the screening:\n\(nurse)")
        harness.press(.function(9))
        let clerk = try openRecord(as: "clerk")
        XCTAssertFalse(clerk.contains("Screening") || clerk.contains("screening raised"), clerk)
        harness.press(.function(9))
        _ = try visits.perform(.completeNursing, visitId: visitID, by: shell)
        XCTAssertFalse(try openRecord(as: "nurse").contains("! Raised at screening"), "the doctor's queue has it now")
    }
}
