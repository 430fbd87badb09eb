import ClinicDomain
import ClinicServices
import ClinicStore
import GRDB
import XCTest

/// Recording a screen for a visit in nursing: what is stored, replaced, refused and audited.
final class ScreeningServiceTests: XCTestCase {
    var fixture: ServiceFixture!
    var screening: ScreeningService { ScreeningService(database: fixture.database, clock: fixture.clock) }
    var visitID = ""
    let shell = Actor.shell(name: "seed")

    /// Sipho Ndlovu (male, born 1980) checked in with a full vitals set, still in nursing.
    override func setUpWithError() throws {
        fixture = try ServiceFixture()
        let patient = try PatientService(database: fixture.database, clock: fixture.clock).register(
            PatientInput(["surname": "Ndlovu", "first_names": "Sipho", "document_number": "8001015009087"]), by: shell)
        let visits = VisitService(database: fixture.database, clock: fixture.clock)
        visitID = try visits.checkIn(patientId: patient.id, reason: "wellness day", by: shell).id
        _ = try visits.recordVitals(visitId: visitID, input: VisitServiceTests.fullSet, by: shell)
    }

    private func input(_ values: [ScreeningField: String]) -> ScreeningInput {
        ScreeningInput(Dictionary(uniqueKeysWithValues: values.map { ($0.key.rawValue, $0.value) }))
    }

    private func rows() throws -> [ScreeningRecord] {
        try fixture.database.pool.read { try ScreeningRepository.results(of: self.visitID, in: $0) }
    }

    func actor(_ role: Role) throws -> Actor {
        .user(try fixture.auth.login(username: role.rawValue, password: fixture.password, terminal: "t"))
    }

    func testAScreenIsStoredOneRowPerTestWithBPFromTheVitals() throws {
        try screening.record(
            visitId: visitID,
            input: input([.glucose: "11.4", .cholesterol: "4.2", .waist: "99", .phq1: "1", .phq2: "0"]),
            by: try actor(.nurse))
        let stored = try rows()
        XCTAssertEqual(stored.map(\.test), [.glucose, .bloodPressure, .cholesterol, .waist, .phq2])
        XCTAssertEqual(stored.first?.finding, .raised, "random 11.4 suggests diabetes (SEMDSA 2017)")
        XCTAssertEqual(stored.first?.recordedBy, "nurse")
        let audit = try XCTUnwrap(try fixture.database.pool.read { try AuditLog.recent(limit: 1, in: $0) }.first)
        XCTAssertEqual(audit.action, "screening.record")
        XCTAssertEqual(audit.detail, "\(visitID): glucose,bp,cholesterol,waist,phq2; raised glucose")
    }

    /// Doing a test again in the same visit replaces its result: still one row, same key.
    func testATestDoneAgainReplacesItsRow() throws {
        try screening.record(visitId: visitID, input: input([.cholesterol: "4.2"]), by: shell)
        let first = try XCTUnwrap(try rows().first { $0.test == .cholesterol })
        try screening.record(visitId: visitID, input: input([.cholesterol: "5.6"]), by: shell)
        let again = try rows().filter { $0.test == .cholesterol }
        XCTAssertEqual(again.map(\.id), [first.id])
        XCTAssertEqual(again.first?.value, 5.6)
        let sheet = try screening.sheet(visitId: visitID, by: shell)
        XCTAssertEqual(sheet.values["cholesterol"], "5.6", "the form opens again with what was recorded")
    }

    func testARefusedFieldWritesNothing() throws {
        XCTAssertThrowsError(
            try screening.record(visitId: visitID, input: input([.glucose: "6.0", .cholesterol: "12"]), by: shell)
        ) { error in
            guard case PatientError.invalid(let problems) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(problems["cholesterol"], "the meter shows 3.88–7.76 mmol/L; type HI if it showed HI")
        }
        XCTAssertEqual(try rows(), [])
        XCTAssertThrowsError(try screening.record(visitId: visitID, input: input([:]), by: shell)) {
            XCTAssertEqual($0 as? ScreeningError, .nothingToRecord)
        }
    }

    /// The thresholds and questionnaires are adults': a child's visit is refused, nothing written.
    func testAChildIsNotScreenedWithAdultThresholds() throws {
        let child = try PatientService(database: fixture.database, clock: fixture.clock).register(
            PatientInput([
                "surname": "Ndlovu", "first_names": "Lwazi", "document_type": "other", "document_number": "CHILD-1",
                "sex": "m", "date_of_birth": "2019-03-01",
            ]), by: shell)
        let visit = try VisitService(database: fixture.database, clock: fixture.clock)
            .checkIn(patientId: child.id, reason: "wellness day", by: shell).id
        XCTAssertThrowsError(try screening.sheet(visitId: visit, by: shell)) {
            XCTAssertEqual($0 as? ScreeningError, .adultsOnly)
        }
        XCTAssertThrowsError(try screening.record(visitId: visit, input: input([.waist: "60"]), by: shell)) {
            XCTAssertEqual($0 as? ScreeningError, .adultsOnly)
        }
        XCTAssertEqual(try fixture.database.pool.read { try ScreeningRepository.results(of: visit, in: $0) }, [])
    }

    /// WHO W4SS: a presumptive screen stores where the sputum went; PHQ-9 item 9 marks the
    /// result urgent.
    func testPresumptiveTBKeepsTheSputumDestinationAndSelfHarmIsUrgent() throws {
        try screening.record(
            visitId: visitID,
            input: input([
                .cough: "y", .fever: "n", .nightSweats: "n", .weightLoss: "n", .sputumTo: "NHLS Tshwane",
                .phq1: "2", .phq2: "1", .phq3: "0", .phq4: "0", .phq5: "0", .phq6: "0", .phq7: "0", .phq8: "0",
                .phq9: "1",
            ]), by: shell)
        let stored = try rows()
        XCTAssertEqual(stored.first { $0.test == .tb }?.sampleSentTo, "NHLS Tshwane")
        XCTAssertEqual(stored.first { $0.test == .phq9 }?.urgent, true)
        XCTAssertEqual(stored.first { $0.test == .phq2 }?.urgent, false)
        // A later screen answering item 9 with 0 does not take the social worker off the visit.
        try screening.record(
            visitId: visitID,
            input: input([
                .phq1: "2", .phq2: "1", .phq3: "0", .phq4: "0", .phq5: "0", .phq6: "0", .phq7: "0", .phq8: "0", .phq9: "0",
            ]), by: shell)
        XCTAssertEqual(try rows().first { $0.test == .phq9 }?.value, 3, "the new answers are kept")
        XCTAssertEqual(try fixture.database.pool.read { try ScreeningRepository.isUrgent(visitId: self.visitID, in: $0) }, true)
    }

    /// Recording needs `vitals.write` (nurse, doctor, administrator) or `counselling.write`
    /// (the social worker's PHQ in counselling) and a visit in nursing or counselling.
    func testOnlyVitalsOrCounsellingWriteRolesRecordAndOnlyInNursingOrCounselling() throws {
        for role in Role.allCases {
            let attempt = {
                try self.screening.record(visitId: self.visitID, input: self.input([.waist: "90"]), by: try self.actor(role))
            }
            if AccessPolicy.allows(role, .vitalsWrite) || AccessPolicy.allows(role, .counsellingWrite) {
                XCTAssertNoThrow(try attempt(), role.rawValue)
            } else {
                XCTAssertThrowsError(try attempt(), role.rawValue) {
                    XCTAssertEqual($0 as? AccessDenied, AccessDenied(role: role, permission: .vitalsWrite))
                }
            }
        }
        _ = try VisitService(database: fixture.database, clock: fixture.clock).perform(
            .completeNursing, visitId: visitID, by: shell)
        XCTAssertThrowsError(try screening.record(visitId: visitID, input: input([.waist: "90"]), by: shell)) {
            XCTAssertEqual($0 as? VisitError, .notInStage(.nursing))
        }
    }

    /// The rows are sealed (an edit with another tool shows in `clinic audit verify`) and
    /// queued for head office like every clinical row.
    func testResultsAreSealedAndQueuedForSync() throws {
        try screening.record(visitId: visitID, input: input([.waist: "90"]), by: shell)
        try fixture.database.pool.read { db in
            let id = try XCTUnwrap(try Int64.fetchOne(db, sql: "SELECT id FROM screeningResult"))
            XCTAssertEqual(
                try Int.fetchOne(
                    db, sql: "SELECT count(*) FROM seal WHERE tableName = 'screeningResult' AND rowKey = ?", arguments: ["\(id)"]),
                1)
            XCTAssertEqual(
                try Int.fetchOne(db, sql: "SELECT count(*) FROM syncOutbox WHERE tableName = 'screeningResult'"), 2,
                "the waist and the BP of the vitals")
        }
        let audit = AuditService(database: fixture.database, clock: fixture.clock)
        guard case .intact = try audit.verify(by: shell) else { return XCTFail("a fresh result verifies") }
        try fixture.database.pool.write { db in
            try db.execute(sql: "DROP TRIGGER screeningResult_seal_update")
            try db.execute(sql: "UPDATE screeningResult SET value = 200, finding = 'raised' WHERE test = 'bp'")
        }
        guard case .tampered = try audit.verify(by: shell) else { return XCTFail("an edited result shows") }
    }

    /// Thoughts of self-harm send the visit to the social worker: the doctor cannot close
    /// it past counselling, and the counselling queue puts it first.
    func testSelfHarmRiskPutsTheVisitFirstInCounsellingAndItCannotSkipIt() throws {
        let visits = VisitService(database: fixture.database, clock: fixture.clock)
        let other = try PatientService(database: fixture.database, clock: fixture.clock).register(
            PatientInput(["surname": "Mokoena", "first_names": "Thandi", "document_number": "8505250123080"]), by: shell)
        let first = try visits.checkIn(patientId: other.id, reason: "stress", by: shell).id
        let phq = input([
            .phq1: "2", .phq2: "1", .phq3: "0", .phq4: "0", .phq5: "0", .phq6: "0", .phq7: "0", .phq8: "0", .phq9: "1",
        ])
        try screening.record(visitId: visitID, input: phq, by: shell)
        let consultation = ConsultationService(database: fixture.database, clock: fixture.clock)
        for visit in [first, visitID] {
            if visit == first { _ = try visits.recordVitals(visitId: visit, input: VisitServiceTests.fullSet, by: shell) }
            _ = try visits.perform(.completeNursing, visitId: visit, by: shell)
            try consultation.addDiagnosis(visitId: visit, code: "Z00.0", primary: true, by: shell)
            try consultation.saveNote(visitId: visit, subjective: "s", objective: "o", assessment: "a", plan: "p", by: shell)
        }
        XCTAssertEqual(
            try visits.queue(.consultation, by: shell).map(\.urgent), [true, false], "same colour: the urgent one first")
        XCTAssertThrowsError(try consultation.complete(visitId: visitID, toCounselling: false, by: shell)) {
            XCTAssertEqual($0 as? VisitError, .workflow(.counsellingNeeded))
        }
        for visit in [first, visitID] { _ = try consultation.complete(visitId: visit, toCounselling: true, by: shell) }
        XCTAssertEqual(try visits.queue(.counselling, by: shell).map(\.visitId), [visitID, first], "urgent first")
    }
}
