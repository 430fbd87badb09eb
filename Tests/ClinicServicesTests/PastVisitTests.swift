import ClinicDomain
import ClinicServices
import ClinicStore
import GRDB
import XCTest

/// A demo truck's past (DemoHistory): visits read back, the last visit for a repeat
/// prescription, and what the patient's summary says.
final class PastVisitTests: XCTestCase {
    var fixture: ServiceFixture!
    var visits: VisitService { VisitService(database: fixture.database, clock: fixture.clock) }

    func actor(_ user: String) throws -> Actor {
        .user(try fixture.auth.login(username: user, password: fixture.password, terminal: "t"))
    }

    override func setUpWithError() throws {
        fixture = try ServiceFixture()
        try DemoStock(database: fixture.database, clock: fixture.clock).seed()
        try DemoPatients(database: fixture.database, clock: fixture.clock).seed(60, background: true)
        try DemoHistory(database: fixture.database, clock: fixture.clock).seed(password: fixture.password)
    }

    /// The patient with the most visits, and those visits newest first.
    func regular() throws -> (patient: String, visits: [VisitHistoryEntry]) {
        let ids = try fixture.database.pool.read { try PatientRecord.fetchAll($0) }.map(\.id)
        let histories = try ids.map { ($0, try visits.history(patientId: $0, by: .shell(name: "t"))) }
        return try XCTUnwrap(histories.max { $0.1.count < $1.1.count })
    }

    func testTheDemoHasClosedWeeksBehindItStopsAheadAndPeopleOfAllAges() throws {
        let today = CalendarDate(fixture.clock.now())
        let weekdaysBack = (1...21).filter { (2...6).contains(today.adding(days: -$0).weekday) }.count
        let all = try fixture.database.pool.read { try VisitRecord.fetchAll($0) }
        // Five a weekday behind; this morning two closed, one waiting for the doctor, one for the nurse.
        XCTAssertEqual(all.count, weekdaysBack * 5 + 4)
        XCTAssertEqual(all.filter { $0.stage == .closed }.count, weekdaysBack * 5 + 2)
        XCTAssertEqual(
            all.filter { $0.stage.isOpen }.map(\.stage).sorted { $0.rawValue < $1.rawValue }, [.consultation, .nursing])
        let board = try VisitService(database: fixture.database, clock: fixture.clock).today(by: .shell(name: "t"))
        XCTAssertEqual(board.map(\.stage), [.nursing, .consultation, .closed, .closed], "the Today board, open first")
        XCTAssertGreaterThan(Set(all.map(\.colourRank)).count, 1, "not every visit is the same colour")
        let (_, history) = try regular()
        XCTAssertGreaterThan(history.count, 1, "regulars come back")
        XCTAssertEqual(
            history[0].steps.map(\.toStage), [.registration, .nursing, .consultation, .closure, .closed],
            "each visit went through every stage")
        let planned = try ScheduleService(database: fixture.database, clock: fixture.clock)
            .upcomingStops(truck: nil, by: .shell(name: "t"))
        XCTAssertGreaterThan(
            try fixture.database.pool.read { try AppointmentRecord.fetchCount($0) }, planned.count, "stops have bookings")
        XCTAssertEqual(planned.count, 1 + (1...14).filter { (2...6).contains(today.adding(days: $0).weekday) }.count)
        let todays = try XCTUnwrap(planned.first, "a stop today, where today's visits are")
        XCTAssertEqual(todays.stop.date, today)
        XCTAssertGreaterThan(todays.booked, 0, "with bookings")
        let undispensed = try fixture.database.pool.read { db in
            try PrescriptionRecord.fetchAll(db).filter { prescription in
                try prescription.dispensedAt == nil && VisitRecord.fetchOne(db, key: prescription.visitId)?.stage == .closed
            }
        }
        XCTAssertEqual(undispensed.map(\.itemCode), [], "every closed visit's medicines were handed over")
        let ages = try fixture.database.pool.read { try PatientRecord.fetchAll($0) }
            .compactMap { CalendarDate(iso: $0.dateOfBirth)?.age(on: today) }
        XCTAssertLessThan(ages.min() ?? 99, 5, "children")
        XCTAssertGreaterThan(ages.max() ?? 0, 80, "the very old")
        let kinds = try fixture.database.pool.read { try BackgroundItem.fetchAll($0) }.map(\.kind)
        XCTAssertEqual(Set(kinds), [.allergy, .condition, .medication])
    }

    /// A demo child's measurements are a child's: a BMI of 14 to 22, not an adult's
    /// (fresh-eyes walk: a one-year-old weighed 6 kg at 56 cm).
    func testADemoChildsMeasurementsAreAChilds() throws {
        let readings = try fixture.database.pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT v.*, p.dateOfBirth FROM vitalsSet v JOIN visit x ON x.id = v.visitId
                    JOIN patient p ON p.id = x.patientId
                    """
            ).map { (try VitalsRecord(row: $0), CalendarDate(iso: $0["dateOfBirth"])!) }
        }
        let children = readings.filter { (1...17).contains($0.1.age(on: CalendarDate(fixture.clock.now()))) }
        XCTAssertFalse(children.isEmpty, "the demo has children's readings")
        for (reading, born) in children {
            let bmi = try XCTUnwrap(reading.vitals.bmi)
            XCTAssertTrue((14.0...22.0).contains(bmi), "BMI \(bmi) of a child born \(born)")
        }
    }

    func testOpeningAPastVisitIsAuditedAndRefusedToRolesWithoutPatientRead() throws {
        let visit = try regular().visits[1].visit
        let before = try fixture.auditActions().filter { $0 == AuditAction.visitView.rawValue }.count
        let file = try visits.open(visitId: visit.id, by: try actor("doctor"))
        XCTAssertEqual(file.visit.stage, .closed)
        XCTAssertEqual(file.vitals.count, 1)
        XCTAssertEqual(try fixture.auditActions(actor: "doctor").last, AuditAction.visitView.rawValue)
        XCTAssertThrowsError(try visits.open(visitId: visit.id, by: try actor("stock"))) {
            XCTAssertEqual($0 as? AccessDenied, AccessDenied(role: .stock, permission: .patientRead))
        }
        XCTAssertThrowsError(try visits.open(visitId: "no-such-visit", by: try actor("doctor"))) {
            XCTAssertEqual($0 as? VisitError, .notFound)
        }
        let after = try fixture.auditActions().filter { $0 == AuditAction.visitView.rawValue }.count
        XCTAssertEqual(after, before + 1, "only the opening that succeeded is audited")
    }

    func testTheConsultationFindsTheLastClosedVisitWithItsDiagnosesAndMedicines() throws {
        let (patient, history) = try regular()
        let consultation = ConsultationService(database: fixture.database, clock: fixture.clock)
        let doctor = try actor("doctor")
        XCTAssertNil(try consultation.previousVisit(before: history.last!.visit.id, by: doctor), "a first visit has none")
        let now = try visits.checkIn(patientId: patient, reason: "review", by: .shell(name: "t"))
        let previous = try XCTUnwrap(try consultation.previousVisit(before: now.id, by: doctor))
        XCTAssertEqual(previous.visit.id, history[0].visit.id)
        let sheet = try consultation.sheet(visitId: previous.visit.id, by: doctor)
        XCTAssertEqual(previous.diagnoses, sheet.diagnoses)
        XCTAssertEqual(
            previous.prescriptions,
            try PrescriptionService(database: fixture.database, clock: fixture.clock)
                .prescriptions(visitId: previous.visit.id, by: doctor))
    }

    func testTheSummarySaysTheMedicinesInWordsAndTheNextAppointment() throws {
        let prescribed = try fixture.database.pool.read {
            try PrescriptionRecord.fetchAll($0).first { $0.itemCode == "AMLO5T" && $0.dispensedAt != nil }
        }
        let visitId = try XCTUnwrap(prescribed).visitId
        let text = try VisitSummary(database: fixture.database, clock: fixture.clock).text(
            visitId: visitId, by: try actor("clerk"))
        XCTAssertTrue(
            text.contains("Medicines given:\n  Amlodipine 5 mg tablet — 1 tablet once a day for 30 days (30 tablets)"), text)
        let visit = try XCTUnwrap(try fixture.database.pool.read { try VisitRecord.fetchOne($0, key: visitId) })
        let next = try fixture.database.pool.read { try ScheduleRepository.appointments(patientId: visit.patientId, in: $0) }
            .filter { $0.appointment.appointmentStatus == .booked }
        XCTAssertEqual(
            text.contains("Next appointment: "), !next.isEmpty, "the next booking is named when there is one:\n\(text)")
        XCTAssertFalse(text.contains("Counselling"), text)
        // The paper names the year, the height and weight, and who printed it by name.
        let visitDay = try XCTUnwrap(visit.arrivedAt.date)
        XCTAssertTrue(text.contains("Visit:     \(ClinicTime.dayText(visitDay))"), text)
        XCTAssertTrue(text.contains("  weight ") && text.contains(" height 1"), text)
        XCTAssertTrue(text.hasSuffix("by Johan van der Merwe.\n"), text)
        // Printed again later, it is the same file: named by the visit's day, not today's.
        let path = try VisitSummary(database: fixture.database, clock: fixture.clock)
            .write(visitId: visitId, into: fixture.folder.file("summaries"), by: try actor("clerk"))
        XCTAssertTrue(path.hasSuffix("-\(CalendarDate(visitDay))-\(visitId.prefix(8)).txt"), path)
    }

    /// A medicine the truck did not hand over is still on the patient's paper, as one to get.
    func testTheSummaryListsWhatWasPrescribedButNotDispensed() throws {
        let waiting = try XCTUnwrap(
            try fixture.database.pool.read { try VisitRecord.fetchAll($0) }.first { $0.stage == .consultation })
        let doctor = try actor("doctor")
        _ = try visits.take(visitId: waiting.id, stage: .consultation, by: doctor)
        let consultation = ConsultationService(database: fixture.database, clock: fixture.clock)
        try consultation.addDiagnosis(visitId: waiting.id, code: "I10", primary: true, by: doctor)
        try consultation.saveNote(visitId: waiting.id, subjective: "s", objective: "o", assessment: "a", plan: "p", by: doctor)
        _ = try PrescriptionService(database: fixture.database, clock: fixture.clock).prescribe(
            visitId: waiting.id, itemCode: "AMLO5T", dose: "1", frequency: "od", days: "30", overrideReason: "reviewed",
            by: doctor)
        _ = try consultation.complete(visitId: waiting.id, toCounselling: false, by: doctor)
        _ = try visits.perform(.close(outcome: "treated"), visitId: waiting.id, by: try actor("clerk"))
        let text = try VisitSummary(database: fixture.database, clock: fixture.clock).text(
            visitId: waiting.id, by: try actor("clerk"))
        XCTAssertTrue(
            text.contains(
                "Prescribed, not dispensed here (get them at a pharmacy or clinic):\n"
                    + "  Amlodipine 5 mg tablet — 1 tablet once a day for 30 days (30 tablets)"), text)
        XCTAssertFalse(text.contains("Medicines given:"), text)
    }

    func testTheSummaryNamesTheReferralWhereWhyAndHowSoon() throws {
        let other = try ServiceFixture()
        let visitID = try other.visitInConsultation(reason: "chest pain on exertion")
        _ = try ReferralService(database: other.database, clock: other.clock).refer(
            visitId: visitID,
            ReferralInput(
                kind: "hospital", destination: "Steve Biko Academic Hospital", urgency: "urgent", reason: "ECG changes"),
            letterFolder: other.folder.file("letters"), by: .shell(name: "t"))
        let text = try VisitSummary(database: other.database, clock: other.clock).text(visitId: visitID, by: .shell(name: "t"))
        XCTAssertTrue(text.contains("Referred to:\n  Steve Biko Academic Hospital (urgent): ECG changes"), text)
    }
}
