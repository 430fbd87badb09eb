import ClinicDomain
import ClinicServices
import ClinicStore
import XCTest

final class VisitServiceTests: XCTestCase {
    var fixture: ServiceFixture!
    var visits: VisitService { VisitService(database: fixture.database, clock: fixture.clock) }
    var patients: [String] = []

    func actor(_ user: String) throws -> Actor {
        .user(try fixture.auth.login(username: user, password: fixture.password, terminal: "t"))
    }

    override func setUpWithError() throws {
        fixture = try ServiceFixture()
        let service = PatientService(database: fixture.database, clock: fixture.clock)
        for (surname, id) in [("Ndlovu", "8001015009087"), ("Mokoena", "8801235111088"), ("Dlamini", "9001014800089")] {
            patients.append(
                try service.register(
                    PatientInput(["surname": surname, "first_names": "A", "document_number": id]),
                    by: .shell(name: "seed")
                ).id)
        }
    }

    static let fullSet = VitalsInput([
        "systolic": "120", "diastolic": "80", "heart_rate": "72", "resp_rate": "14",
        "temperature": "36.8", "spo2": "98", "mobility": "w", "avpu": "a", "trauma": "n",
    ])

    func testCheckInPutsThePatientInTheNursingQueueOnceAndRecordsTheTimeline() throws {
        let clerk = try actor("clerk")
        let visit = try visits.checkIn(patientId: patients[0], reason: "headache for 3 days", by: clerk)
        XCTAssertEqual(visit.stage, .nursing)
        XCTAssertEqual(try visits.queue(.nursing, by: clerk).map(\.visitId), [visit.id])
        XCTAssertThrowsError(try visits.checkIn(patientId: patients[0], reason: "again", by: clerk)) {
            XCTAssertEqual($0 as? VisitError, .alreadyOpen(stage: .nursing))
        }
        XCTAssertThrowsError(try visits.checkIn(patientId: patients[1], reason: " ", by: clerk)) {
            XCTAssertEqual($0 as? VisitError, .reasonRequired)
        }
        let history = try visits.history(patientId: patients[0], by: clerk)
        XCTAssertEqual(history.first?.steps.map(\.action), ["start", "complete-registration"])
    }

    func testDeactivatedPatientsCannotStartAVisitAndStockCannotStartAny() throws {
        _ = try PatientService(database: fixture.database, clock: fixture.clock)
            .setActive(false, id: patients[2], reason: "deceased", by: .shell(name: "t"))
        XCTAssertThrowsError(try visits.checkIn(patientId: patients[2], reason: "x", by: try actor("clerk"))) {
            XCTAssertEqual($0 as? VisitError, .inactivePatient)
        }
        XCTAssertThrowsError(try visits.checkIn(patientId: patients[0], reason: "x", by: try actor("stock"))) {
            XCTAssertEqual($0 as? AccessDenied, AccessDenied(role: .stock, permission: .visitStart))
        }
    }

    func testTakingMarksWhoHasThePatient() throws {
        let visit = try visits.checkIn(patientId: patients[0], reason: "cough", by: try actor("clerk"))
        let nurse = try actor("nurse"), doctor = try actor("doctor")
        _ = try visits.take(visitId: visit.id, stage: .nursing, by: nurse)
        XCTAssertEqual(try visits.queue(.nursing, by: nurse).first?.takenBy, "nurse")
        XCTAssertNoThrow(try visits.take(visitId: visit.id, stage: .nursing, by: nurse), "taking again is harmless")
        XCTAssertThrowsError(try visits.take(visitId: visit.id, stage: .nursing, by: doctor)) {
            XCTAssertEqual($0 as? VisitError, .takenByOther("nurse"))
        }
        try visits.release(visitId: visit.id, by: nurse)
        XCTAssertNoThrow(try visits.take(visitId: visit.id, stage: .nursing, by: doctor))
    }

    func testNursingCannotCompleteWithoutAFullVitalsSetAndBadVitalsWriteNothing() throws {
        let visit = try visits.checkIn(patientId: patients[0], reason: "cough", by: try actor("clerk"))
        let nurse = try actor("nurse")
        XCTAssertThrowsError(try visits.perform(.completeNursing, visitId: visit.id, by: nurse)) {
            XCTAssertEqual($0 as? VisitError, .workflow(.missingVitals))
        }
        var bad = Self.fullSet
        bad.values["temperature"] = "52"
        XCTAssertThrowsError(try visits.recordVitals(visitId: visit.id, input: bad, by: nurse))
        XCTAssertEqual(try visits.file(visitId: visit.id, by: nurse).vitals.count, 0)
        var partial = Self.fullSet
        partial.values["spo2"] = ""
        _ = try visits.recordVitals(visitId: visit.id, input: partial, by: nurse)
        XCTAssertThrowsError(try visits.perform(.completeNursing, visitId: visit.id, by: nurse))
        _ = try visits.recordVitals(visitId: visit.id, input: Self.fullSet, by: nurse)
        XCTAssertEqual(try visits.perform(.completeNursing, visitId: visit.id, by: nurse).stage, .consultation)
        XCTAssertEqual(try visits.file(visitId: visit.id, by: nurse).vitals.count, 2, "both sets kept with their times")
        XCTAssertThrowsError(try visits.recordVitals(visitId: visit.id, input: Self.fullSet, by: try actor("clerk"))) {
            XCTAssertEqual($0 as? AccessDenied, AccessDenied(role: .clerk, permission: .vitalsWrite))
        }
    }

    func testQueuesOrderByColourThenArrival() throws {
        let clerk = try actor("clerk"), nurse = try actor("nurse")
        var ids: [String] = []
        for patient in patients {
            ids.append(try visits.checkIn(patientId: patient, reason: "r", by: clerk).id)
            fixture.clock.advance(60)
        }
        var sick = Self.fullSet
        sick.values["heart_rate"] = "135"  // 3
        sick.values["resp_rate"] = "31"  // 3
        sick.values["temperature"] = "39.2"  // 2: TEWS 8
        _ = try visits.recordVitals(visitId: ids[2], input: sick, by: nurse)  // red
        _ = try visits.recordVitals(visitId: ids[1], input: Self.fullSet, by: nurse)  // green
        XCTAssertEqual(
            try visits.queue(.nursing, by: nurse).map(\.visitId), [ids[2], ids[1], ids[0]],
            "red, then green, then not yet triaged")
        var raised = Self.fullSet
        raised.values["discriminator"] = "o"
        raised.values["discriminator_reason"] = "chest pain"
        _ = try visits.recordVitals(visitId: ids[0], input: raised, by: nurse)
        XCTAssertEqual(try visits.queue(.nursing, by: nurse).map(\.colour), [.red, .orange, .green])
    }

    func testDoctorSendsBackNurseLedGoesToClosureCancelNeedsAReason() throws {
        let clerk = try actor("clerk"), nurse = try actor("nurse"), doctor = try actor("doctor")
        let first = try visits.checkIn(patientId: patients[0], reason: "r", by: clerk)
        _ = try visits.recordVitals(visitId: first.id, input: Self.fullSet, by: nurse)
        _ = try visits.perform(.completeNursing, visitId: first.id, by: nurse)
        XCTAssertThrowsError(try visits.perform(.sendBackToNursing(reason: "x"), visitId: first.id, by: nurse))
        XCTAssertEqual(
            try visits.perform(.sendBackToNursing(reason: "re-check BP"), visitId: first.id, by: doctor).stage, .nursing)
        XCTAssertEqual(try visits.perform(.nurseLed(reason: "repeat script only"), visitId: first.id, by: nurse).stage, .closure)
        XCTAssertEqual(try visits.perform(.close(outcome: "treated"), visitId: first.id, by: clerk).stage, .closed)
        XCTAssertThrowsError(try visits.perform(.cancel(reason: "x"), visitId: first.id, by: clerk)) {
            XCTAssertEqual($0 as? VisitError, .workflow(.finished(.closed)))
        }
        let second = try visits.checkIn(patientId: patients[1], reason: "r", by: clerk)
        XCTAssertThrowsError(try visits.perform(.cancel(reason: ""), visitId: second.id, by: clerk))
        let cancelled = try visits.perform(.cancel(reason: "left without being seen"), visitId: second.id, by: clerk)
        XCTAssertEqual(cancelled.endReason, "left without being seen")
        XCTAssertNoThrow(try visits.checkIn(patientId: patients[1], reason: "back", by: clerk), "a new visit after cancelling")
        let audit = try fixture.database.pool.read { try AuditLog.recent(limit: 50, in: $0) }.map(\.action)
        XCTAssertTrue(audit.contains("visit.send-back-to-nursing") && audit.contains("visit.cancel"))
    }

    func testChangeTokenMovesWithEveryCommit() throws {
        let before = try visits.changeToken()
        _ = try visits.checkIn(patientId: patients[0], reason: "r", by: try actor("clerk"))
        XCTAssertGreaterThan(try visits.changeToken(), before)
    }
}

/// Triage as the services apply it (SATS 2012 adult chart, DESIGN.md corrected table).
extension VisitServiceTests {
    func registerChild() throws -> String {
        try PatientService(database: fixture.database, clock: fixture.clock).register(
            PatientInput([
                "surname": "Khumalo", "first_names": "Lwazi", "document_type": "passport", "document_number": "P0001",
                "sex": "M", "date_of_birth": "2020-03-01",
            ]), by: .shell(name: "seed")
        ).id
    }

    /// A child (no TEWS chart) waits at the top of the nursing queue and leaves nursing only
    /// once the nurse has set a colour.
    func testAChildWaitsFirstAndNeedsAColourSetToLeaveNursing() throws {
        let clerk = try actor("clerk"), nurse = try actor("nurse")
        let adult = try visits.checkIn(patientId: patients[0], reason: "cough", by: clerk)
        let child = try visits.checkIn(patientId: try registerChild(), reason: "fever", by: clerk)
        XCTAssertEqual(try visits.queue(.nursing, by: nurse).map(\.visitId), [child.id, adult.id])
        var childSet = Self.fullSet
        childSet.values["heart_rate"] = "130"
        _ = try visits.recordVitals(visitId: child.id, input: childSet, by: nurse)
        XCTAssertEqual(try visits.queue(.nursing, by: nurse).map(\.visitId), [child.id, adult.id], "still waiting for a colour")
        XCTAssertThrowsError(try visits.perform(.completeNursing, visitId: child.id, by: nurse)) {
            XCTAssertEqual($0 as? VisitError, .workflow(.missingColour))
        }
        XCTAssertThrowsError(try visits.perform(.nurseLed(reason: "minor"), visitId: child.id, by: nurse)) {
            XCTAssertEqual($0 as? VisitError, .workflow(.missingColour))
        }
        childSet.values["discriminator"] = "G"
        childSet.values["discriminator_reason"] = "well child, clinical judgement"
        let record = try visits.recordVitals(visitId: child.id, input: childSet, by: nurse)
        XCTAssertEqual(record.colour, .green)
        XCTAssertNil(record.score)
        XCTAssertEqual(try visits.perform(.completeNursing, visitId: child.id, by: nurse).stage, .consultation)
        XCTAssertEqual(try visits.queue(.consultation, by: nurse).first?.colour, .green)
    }

    func testAPartialSetPutsTheVisitInTheQueueAtItsFloorColour() throws {
        let clerk = try actor("clerk"), nurse = try actor("nurse")
        let first = try visits.checkIn(patientId: patients[0], reason: "cough", by: clerk)
        let second = try visits.checkIn(patientId: patients[1], reason: "collapse", by: clerk)
        let record = try visits.recordVitals(
            visitId: second.id,
            input: VitalsInput([
                "resp_rate": "35", "heart_rate": "140",
                "systolic": "60",
            ]), by: nurse)
        XCTAssertEqual(record.colour, .red)
        XCTAssertEqual(record.score, 9)
        XCTAssertFalse(record.isFull)
        let queue = try visits.queue(.nursing, by: nurse)
        XCTAssertEqual(queue.map(\.visitId), [second.id, first.id])
        XCTAssertEqual(queue.first?.colour, .red)
    }

    func testPeriArrestValuesAreRefusedUntilConfirmed() throws {
        let visit = try visits.checkIn(patientId: patients[0], reason: "collapse", by: try actor("clerk"))
        let nurse = try actor("nurse")
        var input = Self.fullSet
        input.values["resp_rate"] = "3"
        XCTAssertThrowsError(try visits.recordVitals(visitId: visit.id, input: input, by: nurse)) {
            XCTAssertEqual($0 as? VisitError, .invalidVitals(FieldProblems([FieldProblem("resp_rate", "very low — confirm")])))
        }
        XCTAssertEqual(try visits.file(visitId: visit.id, by: nurse).vitals.count, 0, "nothing written")
        input.veryLowConfirmed = true
        XCTAssertEqual(try visits.recordVitals(visitId: visit.id, input: input, by: nurse).vitals.respiratoryRate, 3)
    }
}
