import ClinicDomain
import ClinicServices
import ClinicStore
import TerminalKit
import XCTest

@testable import ClinicTUI

final class VisitScreensTests: XCTestCase {
    var harness: AppHarness!
    var visitID = ""

    override func setUpWithError() throws {
        harness = try AppHarness()
        let shell = Actor.shell(name: "seed")
        let patient = try PatientService(database: harness.database, clock: harness.clock)
            .register(PatientInput(["surname": "Ndlovu", "first_names": "Sipho", "document_number": "8001015009087"]), by: shell)
        try PatientService(database: harness.database, clock: harness.clock)
            .addBackground(.allergy, text: "Penicillin", to: patient.id, by: shell)
        visitID = try VisitService(database: harness.database, clock: harness.clock)
            .checkIn(patientId: patient.id, reason: "cough and fever", by: shell).id
        harness.clock.advance(12 * 60)
    }

    /// Records a full vitals set and completes nursing for the test's visit.
    @discardableResult
    func completeNursing() throws -> VisitService {
        let service = VisitService(database: harness.database, clock: harness.clock)
        let full = VitalsInput([
            "systolic": "120", "diastolic": "80", "heart_rate": "72", "resp_rate": "14", "temperature": "36.8",
            "spo2": "98", "mobility": "w", "avpu": "a", "trauma": "n",
        ])
        _ = try service.recordVitals(visitId: visitID, input: full, by: .shell(name: "nurse"))
        _ = try service.perform(.completeNursing, visitId: visitID, by: .shell(name: "nurse"))
        return service
    }

    /// Nursing done, then a consultation with `code` and `assessment` completed by `doctor`
    /// (the shell when nil), onward to counselling or closure.
    @discardableResult
    func completeConsultation(
        code: String, assessment: String, plan: String = "", toCounselling: Bool = false,
        doctor: Actor = .shell(name: "seed")
    ) throws -> VisitService {
        let service = try completeNursing()
        let consultation = ConsultationService(database: harness.database, clock: harness.clock)
        try consultation.addDiagnosis(visitId: visitID, code: code, primary: true, by: .shell(name: "seed"))
        try consultation.saveNote(
            visitId: visitID, subjective: "", objective: "", assessment: assessment, plan: plan, by: .shell(name: "seed"))
        _ = try consultation.complete(visitId: visitID, toCounselling: toCounselling, by: doctor)
        return service
    }

    /// Logs in as the nurse and takes the first patient of the nursing queue.
    func openNursingForm() {
        harness.logIn("nurse")
        harness.openMenu("Nursing queue: vitals and triage")
        harness.press(.enter)
    }

    func typeVitals(_ values: [String]) {
        for value in values {
            harness.type(value)
            harness.press(.tab)
        }
    }

    func testNurseTakesThePatientAndWatchesTheColourChangeAsTheyType() throws {
        harness.logIn("nurse")
        harness.openMenu("Nursing queue: vitals and triage")
        assertSnapshot(harness.snapshot(), named: "queue-nursing-80x24")
        harness.press(.enter)
        let nursing = try XCTUnwrap(harness.app.top as? NursingScreen)
        typeVitals(["120", "80", "72", "14", "36.8", "98", "w", "a"])
        XCTAssertTrue(nursing.reading.triage.isFloor, "6 of 7 TEWS values in")
        XCTAssertTrue(harness.screen().contains("TEWS 0 so far"))
        XCTAssertTrue(harness.screen().contains("at least GREEN"), harness.screen())
        harness.type("n")
        XCTAssertTrue(harness.screen().contains("GREEN (routine)"))
        nursing.entry.form.focus(on: "heart_rate")
        harness.press(.control("u"))
        harness.type("135")
        nursing.entry.form.focus(on: "resp_rate")
        harness.press(.control("u"))
        harness.type("31")
        XCTAssertTrue(harness.screen().contains("ORANGE (very urgent)"), harness.screen())
        assertSnapshot(harness.snapshot(), named: "nursing-orange-80x24")
        harness.press(.function(5))
        XCTAssertTrue(harness.app.top is QueueScreen, "completed to consultation:\n\(harness.screen())")
        XCTAssertTrue(harness.screen().contains("NDLOVU, Sipho → consultation queue."), "the queue says where the patient went")
        let queue = try VisitService(database: harness.database, clock: harness.clock).queue(.consultation, by: .shell(name: "t"))
        XCTAssertEqual(queue.map(\.colour), [.orange])
    }

    /// The possible ranges are VitalsInput.limits (the same rule saving applies); the value is
    /// marked as the nurse leaves the field, and goes when it is corrected.
    func testAnImpossibleValueIsMarkedWhenItsFieldIsLeft() throws {
        harness.logIn("nurse")
        harness.openMenu("Nursing queue: vitals and triage")
        harness.press(.enter)
        let nursing = try XCTUnwrap(harness.app.top as? NursingScreen)
        let error = { (id: String) in nursing.entry.form.fields.first { $0.id == id }?.error }
        typeVitals(["120", "80", "400"])
        XCTAssertEqual(error("heart_rate"), "impossible: must be 0–300 /min", "marked on leaving, before any save")
        XCTAssertTrue(harness.screen().contains("impossible"), harness.screen())
        harness.press(.tab)
        XCTAssertNil(error("resp_rate"), "a field left empty waits for the save")
        typeVitals(["abc"])
        XCTAssertEqual(error("temperature"), "type a number, e.g. 36.8")
        nursing.entry.form.focus(on: "heart_rate")
        harness.press(.control("u"))
        harness.type("72")
        XCTAssertNil(error("heart_rate"), "correcting the value answers it")
    }

    /// RR 35, HR 140 and SBP 60 already total 9: RED shows before the other values are typed.
    func testAPartialSetShowsAtLeastRedAtOnce() throws {
        openNursingForm()
        typeVitals(["60", "40", "140", "35"])
        let screen = harness.screen()
        XCTAssertTrue(screen.contains("TEWS 9 so far") && screen.contains("at least RED"), screen)
        XCTAssertEqual(harness.styleAt(text: "at least RED"), VisitStyle.style(for: .red), "shown in red")
    }

    /// A very low value is put to the nurse first ("very low — confirm") and is RED at once;
    /// saving the same values again records them.
    func testPeriArrestValuesAreConfirmedBeforeTheyAreSaved() throws {
        openNursingForm()
        let nursing = try XCTUnwrap(harness.app.top as? NursingScreen)
        typeVitals(["120", "80", "72", "3"])
        harness.press(.function(5))
        XCTAssertEqual(nursing.entry.form.fields.first { $0.id == "resp_rate" }?.error, "very low — confirm")
        XCTAssertTrue(harness.screen().contains("RED (emergency)"), harness.screen())
        XCTAssertEqual(nursing.entry.message, "Very low: resp rate 3. Save again to confirm, or correct it.")
        XCTAssertNil(nursing.entry.note)
        let service = VisitService(database: harness.database, clock: harness.clock)
        XCTAssertEqual(try service.file(visitId: visitID, by: .shell(name: "t")).vitals.count, 0, "nothing saved yet")
        harness.press(.function(5))
        let saved = try service.file(visitId: visitID, by: .shell(name: "t")).vitals
        XCTAssertEqual(saved.map(\.vitals.respiratoryRate), [3])
        XCTAssertEqual(saved.first?.colour, .red)
        XCTAssertTrue(harness.app.top is NursingScreen, "not a full set: nursing stays open")
    }

    /// SpO2 below 92 % offers RED with the discriminator named; clearing it keeps the scored colour.
    func testADiscriminatorTheVitalsPointToIsOfferedNotApplied() throws {
        openNursingForm()
        let nursing = try XCTUnwrap(harness.app.top as? NursingScreen)
        typeVitals(["120", "80", "72", "14", "36.8", "88", "w", "a", "n"])
        XCTAssertTrue(harness.screen().contains("! SpO2 below 92 %"), harness.screen())
        XCTAssertTrue(harness.screen().contains("! SpO2 low"), "the flag names the field in words:\n\(harness.screen())")
        harness.press(.function(5))
        XCTAssertEqual(nursing.entry.form["discriminator_reason"], "SpO2 below 92 %")
        nursing.entry.form["discriminator"] = ""
        nursing.entry.form["discriminator_reason"] = ""
        harness.press(.function(5))
        XCTAssertTrue(harness.app.top is QueueScreen, "the nurse kept the scored colour:\n\(harness.screen())")
        let queue = try VisitService(database: harness.database, clock: harness.clock).queue(.consultation, by: .shell(name: "t"))
        XCTAssertEqual(queue.map(\.colour), [.green])
    }

    /// Esc on typed, unsaved vitals asks once: n keeps them, y (or Esc again) discards and
    /// puts the patient back in the queue.
    func testEscAsksBeforeTypedVitalsAreThrownAway() throws {
        openNursingForm()
        let nursing = try XCTUnwrap(harness.app.top as? NursingScreen)
        typeVitals(["120", "80"])
        harness.press(.escape)
        XCTAssertTrue(harness.app.top === nursing, "still open")
        XCTAssertEqual(nursing.entry.message, "Discard 2 typed values? y or Esc discards, n keeps them.")
        harness.press(.character("n"))
        XCTAssertTrue(harness.app.top === nursing)
        XCTAssertEqual(nursing.entry.form["systolic"], "120", "kept")
        harness.press(.escape)
        harness.press(.character("y"))
        XCTAssertTrue(harness.app.top is QueueScreen, harness.screen())
        let queue = try VisitService(database: harness.database, clock: harness.clock).queue(.nursing, by: .shell(name: "t"))
        XCTAssertNil(queue.first?.takenBy, "back in the queue for anyone")
    }

    /// Enter on the last field saves a set once; Enter again does not save the same set twice.
    func testTheSameSetIsNotSavedTwice() throws {
        openNursingForm()
        let nursing = try XCTUnwrap(harness.app.top as? NursingScreen)
        typeVitals(["120", "80", "72", "14", "36.8", "98", "w", "a", "n"])
        nursing.entry.form.focus(on: "note")
        harness.press(.enter)
        harness.press(.enter)
        XCTAssertEqual(nursing.entry.message, "This set is already saved; change a value for a new set.")
        XCTAssertEqual(
            try VisitService(database: harness.database, clock: harness.clock)
                .file(visitId: visitID, by: .shell(name: "t")).vitals.count, 1)
    }

    func testRefusedValuesAndCompletingWithoutVitalsSayWhy() throws {
        openNursingForm()
        let nursing = try XCTUnwrap(harness.app.top as? NursingScreen)
        harness.press(.function(5))
        XCTAssertTrue(nursing.entry.message?.hasPrefix("Record one full set of vitals") ?? false, nursing.entry.message ?? "")
        typeVitals(["120", "130", "abc"])
        harness.press(.function(5))
        XCTAssertEqual(
            nursing.entry.form.fields.first { $0.id == "diastolic" }?.error, "diastolic must be lower than systolic (120)")
        XCTAssertEqual(nursing.entry.form.fields.first { $0.id == "heart_rate" }?.error, "type a whole number")
        XCTAssertTrue(harness.app.top is NursingScreen, "nothing moved")
        XCTAssertEqual(
            try VisitService(database: harness.database, clock: harness.clock)
                .file(visitId: visitID, by: .shell(name: "t")).vitals.count, 0, "nothing written")
    }

    /// F5 with a partial set saves it and says so, then says why the visit stays in nursing.
    func testCompletingWithAPartialSetSaysTheSetWasSavedAndWhyThePatientStays() throws {
        openNursingForm()
        let nursing = try XCTUnwrap(harness.app.top as? NursingScreen)
        typeVitals(["120", "80", "72"])
        harness.press(.function(5))
        let message = try XCTUnwrap(nursing.entry.message)
        XCTAssertTrue(message.hasPrefix("Vitals set 1 saved: "), message)
        XCTAssertTrue(message.contains("(not a full set). Record one full set of vitals"), message)
        XCTAssertTrue(harness.app.top is NursingScreen)
    }

    func testANurseLedVisitWithoutVitalsIsRefusedBeforeAnyReasonIsTyped() throws {
        openNursingForm()
        let nursing = try XCTUnwrap(harness.app.top as? NursingScreen)
        harness.press(.function(6))
        XCTAssertTrue(harness.app.top === nursing, "no reason form opens for what would be refused")
        XCTAssertTrue(nursing.entry.message?.hasPrefix("Record one full set of vitals") ?? false, nursing.entry.message ?? "")
    }

    func testTheSelectedQueueRowKeepsItsTriageColour() throws {
        try completeNursing()
        harness.logIn("doctor")
        harness.openMenu("Consultation queue")
        let queue = try XCTUnwrap(harness.app.top as? QueueScreen)
        XCTAssertEqual(queue.table.selection.selected, 0)
        XCTAssertEqual(harness.styleAt(text: "GREEN"), VisitStyle.style(for: .green), "the colour shows on the selected row too")
        XCTAssertEqual(harness.styleAt(text: "NDLOVU, Sipho"), .selected, "and the rest of the row shows the selection")
    }

    func testTheConsultationHelpSaysTheMovementKeysScrollTheSheet() throws {
        _ = try completeNursing()
        harness.logIn("doctor")
        harness.openMenu("Consultation queue")
        harness.press(.enter)
        XCTAssertTrue(harness.app.top is VisitScreen)
        harness.press(.function(1))
        // The consultation's keys fill the first page of the help; the movement keys follow.
        let firstPage = harness.screen()
        harness.press(.pageDown)
        let help = firstPage + harness.screen()
        XCTAssertTrue(help.contains("Scrolling the visit sheet:"), help)
        XCTAssertFalse(help.contains("Moving in the list"), "the consultation has no list to move in:\n\(help)")
    }

    /// A category is refused at the pick (the claim rule needs a full-length code); a
    /// diagnosis added by mistake is taken off, and another made primary, from F3's list.
    func testADiagnosisPickedByMistakeIsCorrectedFromTheDiagnosisList() throws {
        _ = try completeNursing()
        harness.logIn("doctor")
        harness.openMenu("Consultation queue")
        harness.press(.enter, .function(3))
        let picker = try XCTUnwrap(harness.app.top as? SearchPickerScreen)
        harness.type("J06")
        harness.press(.function(2))
        XCTAssertEqual(picker.message, "J06 is a category; pick a full-length code below it (type J06. to see them).")
        harness.press(.control("u"))
        harness.type("J06.9")
        harness.press(.function(2))
        harness.press(.control("u"))
        harness.type("I10")
        harness.press(.enter)
        harness.press(.escape)
        let visit = try XCTUnwrap(harness.app.top as? VisitScreen)
        XCTAssertEqual(visit.sheet?.diagnoses.map { $0.code + ($0.isPrimary ? "*" : "") }, ["J06.9*", "I10"])

        harness.press(.function(3))
        XCTAssertTrue(harness.app.top is VisitLinesScreen, "with diagnoses, F3 lists them")
        harness.press(.down, .function(4))
        XCTAssertEqual(visit.sheet?.diagnoses.map { $0.code + ($0.isPrimary ? "*" : "") }, ["I10*", "J06.9"])
        XCTAssertTrue(harness.screen().contains("I10 is now the primary diagnosis."), harness.screen())
        XCTAssertTrue(harness.screen().contains("I10*"), harness.screen())
        harness.press(.up, .function(4))
        XCTAssertTrue(harness.screen().contains("I10 is the primary diagnosis already."), harness.screen())
        harness.press(.down, .function(8))
        XCTAssertEqual(visit.sheet?.diagnoses.map(\.code), ["I10"])
        XCTAssertTrue(harness.screen().contains("J06.9 is off this visit."), harness.screen())
        harness.press(.function(2))
        XCTAssertTrue(harness.app.top is SearchPickerScreen, "Add opens the ICD-10 list")
    }

    /// The doctor sees what the nurse wrote, not only the TEWS values (fresh-eyes walk).
    func testTheConsultationShowsTheNursesNoteRaisedColourAndMeasurements() throws {
        let service = VisitService(database: harness.database, clock: harness.clock)
        _ = try service.recordVitals(
            visitId: visitID,
            input: VitalsInput([
                "systolic": "186", "diastolic": "80", "heart_rate": "72", "resp_rate": "14", "temperature": "36.8", "spo2": "93",
                "mobility": "w", "avpu": "a", "trauma": "n", "weight": "70", "height": "170", "glucose": "5.6", "pain": "3",
                "discriminator": "o", "discriminator_reason": "severe headache", "note": "Ankles pitting oedema ++",
            ]), by: .shell(name: "nurse"))
        _ = try service.perform(.completeNursing, visitId: visitID, by: .shell(name: "nurse"))
        harness.logIn("doctor")
        harness.openMenu("Consultation queue")
        harness.press(.enter)
        let screen = harness.screen()
        XCTAssertTrue(screen.contains("Weight 70 kg  Height 170 cm  BMI 24.2  Glucose 5.6 mmol/L  Pain 3/10"), screen)
        // What the nurse's screen flagged is marked here too, in the error style.
        XCTAssertTrue(screen.contains("! systolic high, SpO2 low"), screen)
        XCTAssertEqual(harness.styleAt(text: "! systolic high"), .error)
        XCTAssertTrue(screen.contains("Raised to ORANGE: severe headache"), screen)
        XCTAssertTrue(screen.contains("Nursing note: Ankles pitting oedema ++"), screen)
    }

    func testDoctorCannotCompleteWithoutASignedNoteButCanSendBack() throws {
        let service = try completeNursing()
        harness.logIn("doctor")
        harness.openMenu("Consultation queue")
        harness.press(.enter)
        let visit = try XCTUnwrap(harness.app.top as? VisitScreen)
        harness.press(.function(5))
        XCTAssertEqual(visit.message, "Add at least one diagnosis.")
        assertSnapshot(harness.snapshot(), named: "consultation-80x24")
        harness.press(.function(6))
        harness.press(.enter)
        XCTAssertTrue(harness.app.top is FormScreen, "a reason is needed")
        harness.type("re-check BP")
        harness.press(.enter)
        XCTAssertTrue(harness.app.top is QueueScreen)
        XCTAssertEqual(try service.file(visitId: visitID, by: .shell(name: "t")).visit.stage, .nursing)
    }

    func testDoctorWritesTheNoteAddsDiagnosesBySearchAndCompletes() throws {
        let service = try completeNursing()
        harness.logIn("doctor")
        harness.openMenu("Consultation queue")
        harness.press(.enter, .function(2))
        let note = try XCTUnwrap(harness.app.top as? NoteEditorScreen)
        harness.type("Cough and fever 3 days,")
        harness.press(.enter)
        harness.type("worse at night"); harness.press(.tab)
        harness.type("Throat red, chest clear"); harness.press(.tab)
        harness.type("Viral URTI"); harness.press(.tab)
        harness.type("Paracetamol, fluids")
        assertSnapshot(harness.snapshot(), named: "note-editor-80x24")
        harness.press(.function(2))
        XCTAssertFalse(harness.app.top === note, "saved and closed")
        harness.press(.function(3))
        XCTAssertTrue(harness.app.top is SearchPickerScreen)
        harness.type("upper resp")
        harness.press(.down)
        assertSnapshot(harness.snapshot(), named: "icd10-search-80x24")
        harness.press(.function(2))
        XCTAssertEqual(
            (harness.app.top as? SearchPickerScreen)?.rows.first { $0.key == "J06.9" }?.text.hasPrefix("(on this visit) "), true,
            "a code already added says so, rather than vanishing from the list")
        harness.press(.escape)
        let visit = try XCTUnwrap(harness.app.top as? VisitScreen)
        XCTAssertTrue(harness.screen().contains("J06.9* Acute upper respiratory infection, unspecified"), harness.screen())
        assertSnapshot(harness.snapshot(), named: "consultation-ready-80x24")
        harness.press(.function(5))
        XCTAssertTrue(harness.app.top is QueueScreen, visit.message ?? "")
        XCTAssertEqual(harness.app.notice, "NDLOVU, Sipho → closure queue.")
        XCTAssertEqual(try service.file(visitId: visitID, by: .shell(name: "t")).visit.stage, .closure)
        let sheet = try ConsultationService(database: harness.database, clock: harness.clock).sheet(
            visitId: visitID, by: .shell(name: "t"))
        XCTAssertEqual(sheet.note?.signedBy, "doctor")
        XCTAssertEqual(sheet.note?.subjective, "Cough and fever 3 days,\nworse at night")
    }

    func testAClerkCannotTakeFromTheNursingQueueItIsNotOnTheirMenu() throws {
        harness.logIn("clerk")
        let home = try XCTUnwrap(harness.app.top as? HomeScreen)
        XCTAssertFalse(home.entries.contains { $0.title.hasPrefix("Nursing queue") })
    }

    func testQueueRefreshesWhenAnotherTerminalChangesSomething() throws {
        harness.logIn("nurse")
        harness.openMenu("Nursing queue: vitals and triage")
        let queue = try XCTUnwrap(harness.app.top as? QueueScreen)
        XCTAssertEqual(queue.entries.count, 1)
        _ = try VisitService(database: harness.database, clock: harness.clock)
            .perform(.cancel(reason: "left without being seen"), visitId: visitID, by: .shell(name: "clerk-terminal"))
        harness.app.tick()
        XCTAssertEqual(queue.entries.count, 0)
    }

    /// RR 35, HR 140 and SBP 60 make RED (SATS TEWS adult chart): the queue re-sorts, and the
    /// selection moves with the patient rather than staying on the row (fresh-eyes walk).
    func testTheSelectionFollowsThePatientWhenTheQueueResorts() throws {
        let shell = Actor.shell(name: "seed")
        let second = try PatientService(database: harness.database, clock: harness.clock)
            .register(PatientInput(["surname": "Mokoena", "first_names": "Neo", "document_number": "8801235111088"]), by: shell)
        let service = VisitService(database: harness.database, clock: harness.clock)
        let secondVisit = try service.checkIn(patientId: second.id, reason: "headache", by: shell).id
        harness.logIn("nurse")
        harness.openMenu("Nursing queue: vitals and triage")
        let queue = try XCTUnwrap(harness.app.top as? QueueScreen)
        XCTAssertEqual(queue.entries.map(\.visitId), [visitID, secondVisit], "longest waiting first")
        harness.type("j")
        _ = try service.recordVitals(
            visitId: secondVisit,
            input: VitalsInput(
                ["systolic": "60", "heart_rate": "140", "resp_rate": "35"],
                veryLowConfirmed: true), by: .shell(name: "other-terminal"))
        harness.app.tick()
        XCTAssertEqual(queue.entries.map(\.visitId), [secondVisit, visitID], "RED first")
        XCTAssertEqual(queue.table.selection.selected, 0, "still on Mokoena")
    }

    func testRecordScreenStartsAVisitAndShowsTheTimeline() throws {
        _ = try VisitService(database: harness.database, clock: harness.clock)
            .perform(.cancel(reason: "left"), visitId: visitID, by: .shell(name: "clerk-terminal"))
        harness.logIn("clerk")
        harness.openMenu("Patients: find and register")
        harness.type("N9087")
        harness.press(.enter, .function(5), .enter)
        XCTAssertTrue((harness.app.top as? FormScreen)?.form.fields.first?.error != nil, "a reason is required")
        harness.type("follow-up of cough")
        harness.press(.enter)
        let record = try XCTUnwrap(harness.app.top as? PatientRecordScreen)
        XCTAssertEqual(record.visits.first?.visit.stage, .nursing)
        XCTAssertEqual(record.visits.count, 2)
        assertSnapshot(harness.snapshot(), named: "record-with-visits-80x24")
        harness.press(.function(5))
        XCTAssertTrue(harness.app.top === record, "no reason form for a patient whose visit is open")
        XCTAssertEqual(record.message, "This patient already has an open visit (in nursing).")
        harness.press(.down)
        XCTAssertNil(record.message, "the message goes with the next key")
    }
}

extension VisitScreensTests {
    func testSocialWorkerRecordsAConfidentialSessionAndCompletesCounselling() throws {
        let shell = Actor.shell(name: "seed")
        let service = try completeConsultation(code: "F43.2", assessment: "Adjustment disorder", toCounselling: true)
        harness.logIn("social")
        harness.openMenu("Counselling queue")
        harness.press(.enter, .function(2))
        let editor = try XCTUnwrap(harness.app.top as? NoteEditorScreen)
        harness.press(.function(2))
        XCTAssertTrue(harness.screen().contains("say what kind of session this was"), harness.screen())
        XCTAssertTrue(harness.app.top === editor, "nothing saved, the editor stays")
        // The notes run over several lines, as a session's do.
        harness.type("trauma debriefing")
        harness.press(.tab)
        harness.type("Disclosed incident at work.")
        harness.press(.enter)
        harness.type("Sleeping badly since; supervisor aware.")
        harness.press(.tab)
        harness.type("coping plan")
        harness.press(.function(2))
        let visit = try XCTUnwrap(harness.app.top as? VisitScreen)
        XCTAssertEqual(visit.sessions.first?.notes, "Disclosed incident at work.\nSleeping badly since; supervisor aware.")
        XCTAssertEqual(visit.sessions.map(\.sessionType), ["trauma debriefing"])
        XCTAssertTrue(harness.screen().contains("trauma debriefing: coping plan"))
        harness.press(.function(5))
        XCTAssertTrue(harness.app.top is QueueScreen)
        XCTAssertEqual(try service.file(visitId: visitID, by: shell).visit.stage, .closure)
        // The clerk at closure sees the visit but not the counselling notes.
        harness.press(.escape, .function(9))
        harness.logIn("clerk")
        harness.openMenu("Closure queue")
        harness.press(.enter)
        XCTAssertFalse(harness.screen().contains("trauma debriefing"))
        XCTAssertFalse(harness.screen().contains("Disclosed"))
        harness.press(.function(4))
        let written = try XCTUnwrap((harness.app.top as? VisitScreen)?.message)
        XCTAssertTrue(written.hasPrefix("Summary written to \(harness.folder.path)/summaries/DEMO-000001-"), written)
        harness.press(.function(5), .enter)
        XCTAssertTrue(harness.app.top is FormScreen, "an outcome is required to close")
        XCTAssertTrue(harness.screen().contains("Outcome:"), "the field says what it asks for: \(harness.screen())")
        harness.type("counselled, follow-up in 2 weeks")
        harness.press(.enter)
        XCTAssertTrue(harness.app.top is QueueScreen)
        let closed = try service.file(visitId: visitID, by: shell).visit
        XCTAssertEqual(closed.stage, .closed)
        XCTAssertEqual(closed.endReason, "counselled, follow-up in 2 weeks")
    }
}

extension VisitScreensTests {
    func testPrescribingShowsTheQuantityAndNeedsAReasonAgainstAnAllergy() throws {
        let shell = Actor.shell(name: "seed")
        let service = try completeNursing()
        harness.logIn("doctor")
        harness.openMenu("Consultation queue")
        harness.press(.enter, .control("p"))
        harness.type("amox")
        harness.press(.down, .enter)
        let form = try XCTUnwrap(harness.app.top as? FormScreen)
        harness.type("1"); harness.press(.tab)
        harness.type("tds"); harness.press(.tab)
        harness.type("5")
        XCTAssertEqual(form.note, "Quantity to dispense: 15")
        harness.press(.enter, .enter)
        XCTAssertEqual(form.message, "ALLERGY: Penicillin. Amoxicillin needs an override reason.")
        XCTAssertEqual(form.form.focusedID, "override_reason")
        assertSnapshot(harness.snapshot(), named: "prescription-allergy-80x24")
        harness.type("tolerated amoxicillin in 2023")
        harness.press(.enter)
        let visit = try XCTUnwrap(harness.app.top as? VisitScreen)
        XCTAssertEqual(visit.prescribed.map(\.quantity), [15])
        XCTAssertTrue(
            harness.screen().contains("Amoxicillin 500 mg capsule  1 tds × 5d = 15  (allergy override)"), harness.screen())
    }

    /// The same medicine twice is refused in words at the pick (marked in the list), before
    /// any dose is typed; a line prescribed by mistake is taken off
    /// from Ctrl-P's list, so it is neither dispensed nor claimed (fresh-eyes walk).
    func testAPrescriptionIsNotWrittenTwiceAndCanBeTakenOff() throws {
        try openPrescriptionForm("ibu")
        harness.fill("1", "tds", "5", "")
        let visit = try XCTUnwrap(harness.app.stack.first { $0 is VisitScreen } as? VisitScreen)
        XCTAssertEqual(visit.prescribed.count, 1, harness.screen())
        harness.press(.control("p"))
        XCTAssertTrue(harness.app.top is VisitLinesScreen, "with a prescription, Ctrl-P lists them")
        harness.press(.function(2))
        harness.type("ibu")
        XCTAssertTrue(harness.screen().contains("(on this visit) Ibuprofen"), harness.screen())
        harness.press(.down, .enter)
        XCTAssertTrue(harness.app.top is SearchPickerScreen, "refused at the pick:\n\(harness.screen())")
        XCTAssertTrue(harness.screen().contains("is already prescribed on this visit"), harness.screen())
        harness.press(.escape)
        XCTAssertTrue(harness.app.top is VisitLinesScreen, harness.screen())
        harness.press(.function(8))
        XCTAssertEqual(visit.prescribed.count, 0)
        XCTAssertTrue(harness.screen().contains("is off this visit."), harness.screen())
        harness.press(.function(8))
        XCTAssertTrue(harness.screen().contains("Nothing here to act on yet: Add picks one."), harness.screen())
        harness.press(.escape)
        XCTAssertNil(visit.message, "the sheet no longer says what was prescribed")
    }

    /// As the doctor, takes the patient into consultation and opens the prescription form
    /// of the first medicine matching `query`.
    private func openPrescriptionForm(_ query: String) throws {
        _ = try completeNursing()
        harness.logIn("doctor")
        harness.openMenu("Consultation queue")
        harness.press(.enter, .control("p"))
        harness.type(query)
        harness.press(.down, .enter)
    }

    func testAFrequencyThatIsNotOneOfTheListIsMarkedOnLeavingIt() throws {
        try openPrescriptionForm("amox")
        let form = try XCTUnwrap(harness.app.top as? FormScreen)
        harness.type("1"); harness.press(.tab)
        XCTAssertNil(form.form.fields.first { $0.id == "dose" }?.error)
        harness.type("thrice"); harness.press(.tab)
        let error = try XCTUnwrap(form.form.fields.first { $0.id == "frequency" }?.error, "marked before the save")
        XCTAssertTrue(error.hasPrefix("frequency must be one of "), error)
        XCTAssertEqual(form.form.focusedID, "days", "focus still moves on: the mark does not trap the doctor")
    }
}

extension VisitScreensTests {
    func testDoctorRefersAndTheLetterIsWritten() throws {
        let shell = Actor.shell(name: "seed")
        let service = try completeNursing()
        harness.logIn("doctor")
        harness.openMenu("Consultation queue")
        harness.press(.enter, .control("r"))
        let form = try XCTUnwrap(harness.app.top as? FormScreen)
        form.form["destination"] = "Polokwane Hospital"
        form.form.focus(on: "urgency")
        harness.type("urgent")
        XCTAssertEqual(form.form["urgency"], "urgent", "typing replaces the suggested 'routine'")
        form.form.focus(on: "reason")
        harness.press(.enter)
        XCTAssertEqual(form.form.fields.first { $0.id == "reason" }?.error, "the reason for the referral is required")
        harness.type("Chest X-ray for suspected pneumonia")
        harness.press(.enter)
        let message = try XCTUnwrap((harness.app.top as? VisitScreen)?.message)
        XCTAssertTrue(
            message.hasPrefix("Referral letter written to \(harness.folder.path)/summaries/referral-DEMO-000001-"), message)
        let path = String(message.dropFirst("Referral letter written to ".count))
        let letter = try String(contentsOfFile: path, encoding: .utf8)
        XCTAssertTrue(letter.contains("To:   Polokwane Hospital (hospital)"), letter)
        XCTAssertTrue(letter.hasPrefix("REFERRAL LETTER — URGENT"), letter)
    }
}

extension VisitScreensTests {
    func testADoctorCorrectsASignedNoteWithAnAddendumShownWithAuthorAndTime() throws {
        let shell = Actor.shell(name: "seed")
        let service = try completeConsultation(
            code: "J06.9", assessment: "URTI", plan: "Rest",
            doctor: .user(
                try harness.app.environment.auth
                    .login(username: "doctor", password: harness.password, terminal: "t")))
        try PatientService(database: harness.database, clock: harness.clock)
            .addBackground(
                .condition, text: "Hypertension", to: try service.file(visitId: visitID, by: shell).patient.id, by: shell)
        harness.clock.advance(600)
        harness.logIn("doctor")
        harness.openMenu("Closure queue")
        harness.press(.enter)
        XCTAssertTrue(harness.screen().contains("Chronic: Hypertension"), harness.screen())
        // Each written part of the signed note on its own line, under who signed it and when.
        for line in ["Note, signed by doctor Tue 24 Nov 10:42:", "A: URTI", "P: Rest"] {
            XCTAssertTrue(harness.screen().contains(line), harness.screen())
        }
        harness.press(.control("n"))
        // An empty addendum is refused at its own field (the form has no other).
        harness.press(.enter)
        let form = try XCTUnwrap(harness.app.top as? FormScreen)
        XCTAssertEqual(form.form.fields.first { $0.id == AddendumField.text.rawValue }?.error, "The addendum is empty.")
        harness.type("Also advised salt restriction")
        harness.press(.enter)
        XCTAssertTrue(
            harness.screen().contains("Addendum, doctor Tue 24 Nov 10:52: Also advised salt restriction"), harness.screen())
    }
}

extension VisitScreensTests {
    func testClosureBooksTheFollowUpAtTheNearestNextStop() throws {
        let shell = Actor.shell(name: "seed")
        try completeConsultation(code: "J06.9", assessment: "URTI", plan: "Review")
        let schedule = ScheduleService(database: harness.database, clock: harness.clock)
        try schedule.addLocation(["name": "Durban Central", "type": "p", "province": "KZN"], by: shell)
        try schedule.addLocation(["name": "Sunnyside SAPS", "type": "p", "province": "GP"], by: shell)
        for (place, date) in [
            ("Durban Central", "2026-11-30"), ("Sunnyside SAPS", "2026-11-24"), ("Sunnyside SAPS", "2026-12-08"),
        ] {
            try schedule.addStop(
                location: place,
                [
                    "date": date, "opens": "12:00", "closes": "13:00", "slot_minutes": "30", "capacity": "1",
                    "truck": "DEMO",
                ], by: shell)
        }
        harness.logIn("nurse")
        harness.openMenu("Closure queue")
        harness.press(.enter)
        let visit = try XCTUnwrap(harness.app.top as? VisitScreen)
        harness.press(.control("b"))
        let stops = try XCTUnwrap(harness.app.top as? SearchPickerScreen, harness.screen())
        XCTAssertEqual(
            stops.rows.map(\.key), ["2026-12-08", "2026-11-30"], "today's place again first, today's stop itself not offered")
        harness.press(.enter, .down, .enter)
        XCTAssertTrue(harness.app.top === visit, harness.screen())
        XCTAssertEqual(visit.message, "Follow-up booked: 2026-12-08 at 12:30 (stop #3).")
    }
}

/// A visit sheet longer than the screen scrolls under a banner that stays.
final class VisitSheetScrollTests: XCTestCase {
    func testALongSheetScrollsAndTheAllergyBannerStays() throws {
        let harness = try AppHarness()
        try LongData.seed(harness)
        harness.logIn("social")
        harness.openMenu("Counselling queue")
        harness.press(.enter)
        let visit = try XCTUnwrap(harness.app.top as? VisitScreen)
        for index in 1...4 {
            try CounsellingService(database: harness.database, clock: harness.clock).record(
                visitId: visit.file.visit.id, sessionType: "trauma", notes: "session \(index)",
                outcome: "outcome of session \(index) " + LongData.reason,
                referral: "", by: .shell(name: "seed"))
        }
        harness.press(.escape, .enter)
        let first = harness.screen()
        XCTAssertTrue(first.contains("↓ more (PgDn)"), first)
        XCTAssertTrue(first.contains("ALLERGIES: Penicillin"), first)
        XCTAssertFalse(first.contains("trauma: outcome of session 4"), "the last session is below the fold:\n\(first)")
        harness.press(.pageDown, .pageDown)
        let last = harness.screen()
        XCTAssertTrue(last.contains("trauma: outcome of session 4"), last)
        XCTAssertTrue(last.contains("ALLERGIES: Penicillin"), "the banner does not scroll away:\n\(last)")
        harness.press(.end)
        XCTAssertTrue(harness.screen().contains("↑ (PgUp)"), harness.screen())
        harness.press(.home)
        XCTAssertEqual(harness.screen(), first)
    }
}

/// Counselling sessions on the sheet: their notes readable, a missing key said in words (issue 19).
final class CounsellingSheetTests: XCTestCase {
    func testTheNotesShowAndAMissingKeyIsSaidNotHiddenAsNoneYet() throws {
        let harness = try AppHarness()
        try LongData.seed(harness)
        harness.logIn("social")
        harness.openMenu("Counselling queue")
        harness.press(.enter)
        let visit = try XCTUnwrap(harness.app.top as? VisitScreen)
        let service = CounsellingService(database: harness.database, clock: harness.clock)
        try service.record(
            visitId: visit.file.visit.id, sessionType: "trauma", notes: "Disclosed incident at work",
            outcome: "coping plan", referral: "", by: .shell(name: "seed"))
        harness.press(.escape, .enter, .pageDown)
        XCTAssertTrue(harness.screen().contains("Disclosed incident at work"), harness.screen())
        try FileManager.default.removeItem(atPath: service.keyPath)
        harness.press(.escape, .enter, .pageDown)
        let locked = harness.screen()
        XCTAssertFalse(locked.contains("none yet"), locked)
        XCTAssertTrue(locked.contains("The counselling notes are locked: their key file"), locked)
    }
}
