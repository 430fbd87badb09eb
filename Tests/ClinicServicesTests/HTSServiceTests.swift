import ClinicDomain
import ClinicServices
import ClinicStore
import GRDB
import XCTest

/// HIV testing services for a visit in nursing (SA HTS policy 2016): kits taken first
/// expiry first out, expired kits refused with nothing written, consent and its decline,
/// and the result readable only with `screening.hiv.read`.
final class HTSServiceTests: XCTestCase {
    var fixture: ServiceFixture!
    var hts: HTSService { HTSService(database: fixture.database, clock: fixture.clock) }
    var stock: StockService { StockService(database: fixture.database, clock: fixture.clock) }
    var visitID = ""
    let shell = Actor.shell(name: "seed")
    var today: CalendarDate { CalendarDate(fixture.clock.now()) }

    override func setUpWithError() throws {
        fixture = try ServiceFixture()
        let patient = try PatientService(database: fixture.database, clock: fixture.clock).register(
            PatientInput(["surname": "Ndlovu", "first_names": "Sipho", "document_number": "8001015009087"]), by: shell)
        visitID = try VisitService(database: fixture.database, clock: fixture.clock)
            .checkIn(patientId: patient.id, reason: "wellness day", by: shell).id
    }

    func actor(_ role: Role) throws -> Actor {
        .user(try fixture.auth.login(username: role.rawValue, password: fixture.password, terminal: "t"))
    }

    private func input(_ values: [HTSField: String]) -> HTSInput {
        HTSInput(Dictionary(uniqueKeysWithValues: values.map { ($0.key.rawValue, $0.value) }))
    }

    /// Two lots of each kit: the one expiring first is used.
    private func receiveKits(days first: Int = 30, _ second: Int = 90) throws {
        for kit in HTSKit.allCases {
            for (lot, days) in [("\(kit.rawValue)-LATE", second), ("\(kit.rawValue)-SOON", first)] {
                _ = try stock.receive(
                    itemCode: kit.rawValue, quantity: 10, batch: lot, expiry: today.adding(days: days), by: shell)
            }
        }
    }

    private func onHand(_ lot: String) throws -> Int {
        try fixture.database.pool.read { db in
            try Int.fetchOne(
                db, sql: "SELECT SUM(m.quantity) FROM movement m JOIN batch b ON b.id = m.batchId WHERE b.batchNumber = ?",
                arguments: [lot]) ?? 0
        }
    }

    func testAReactiveThenNonReactiveTestIsRepeatedAndInconclusiveTakesFourKitsFirstExpiryFirst() throws {
        try receiveKits()
        let social = try actor(.social), doctor = try actor(.doctor)
        let reading = try hts.record(
            visitId: visitID,
            input: input([
                .consent: "y", .test1: "r", .test2: "n", .repeat1: "r", .repeat2: "n", .postTest: "y", .labTo: "NHLS Polokwane",
            ]), by: social)
        XCTAssertEqual(reading.result, .inconclusive)
        XCTAssertEqual(try onHand("HIVRT1-SOON"), 8, "test 1 and its repeat from the lot expiring first")
        XCTAssertEqual(try onHand("HIVRT2-SOON"), 8)
        XCTAssertEqual(try onHand("HIVRT1-LATE"), 10)
        let view = try XCTUnwrap(try hts.test(visitId: visitID, by: doctor))
        XCTAssertEqual(view.line, "HIV test: inconclusive, blood sent to NHLS Polokwane")
        XCTAssertEqual(view.tests.map(\.lot), ["HIVRT1-SOON", "HIVRT2-SOON", "HIVRT1-SOON", "HIVRT2-SOON"])
        XCTAssertEqual(view.tests.map(\.reading), [.reactive, .nonReactive, .reactive, .nonReactive])
        let audit = try fixture.database.pool.read { try AuditLog.recent(limit: 2, in: $0) }
        XCTAssertEqual(audit.map(\.action), ["screening.hiv.read", "screening.hiv.record"])
        XCTAssertEqual(audit.last?.detail, "\(visitID): consent given, 4 rapid tests", "the audit never holds the result")
    }

    /// Bad input: a test when every kit in stock has expired is refused on the test's field,
    /// and nothing is written: no test row, no kit taken.
    func testExpiredKitsAreRefusedAndNothingIsWritten() throws {
        try receiveKits(days: 1, 2)
        fixture.clock.advance(3 * 86_400)
        XCTAssertThrowsError(
            try hts.record(
                visitId: visitID, input: input([.consent: "y", .test1: "n", .postTest: "y", .retest: "2027-12-01"]),
                by: try actor(.nurse))
        ) { error in
            guard case PatientError.invalid(let problems) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(
                problems[HTSField.test1],
                "The screening kits in stock expired (latest \(today.adding(days: -1))); expired kits are never used: receive new ones."
            )
        }
        XCTAssertNil(try hts.test(visitId: visitID, by: shell))
        XCTAssertEqual(try onHand("HIVRT1-SOON"), 10)
        XCTAssertEqual(try onHand("HIVRT1-LATE"), 10)
    }

    /// A decline is recorded and takes no kit, and is no "test done"; a client who changes
    /// their mind is tested the same visit (the decline replaced), and then only once.
    func testADeclineTakesNoKitAndMayBeTakenBackOnce() throws {
        try receiveKits()
        try hts.record(visitId: visitID, input: input([.consent: "n"]), by: try actor(.nurse))
        let view = try XCTUnwrap(try hts.test(visitId: visitID, by: shell))
        XCTAssertEqual(view.consent, .declined)
        XCTAssertEqual(view.tests, [])
        XCTAssertEqual(view.line, "HIV test declined (consent not given)")
        XCTAssertEqual(try hts.isDone(visitId: visitID, by: try actor(.clerk)), false, "a decline is not a test done")
        try hts.record(
            visitId: visitID, input: input([.consent: "y", .test1: "n", .postTest: "y", .retest: "2027-06-01"]), by: shell)
        XCTAssertEqual(try hts.test(visitId: visitID, by: shell)?.line, "HIV test: negative, retest 2027-06-01")
        XCTAssertEqual(try fixture.database.pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM hivTest") }, 1)
        XCTAssertThrowsError(try hts.record(visitId: visitID, input: input([.consent: "n"]), by: shell)) {
            XCTAssertEqual($0 as? HTSError, .alreadyRecorded)
        }
    }

    /// Bad input: no consent, and a positive result without its linkage decision.
    func testNoConsentAndAPositiveWithoutLinkageAreRefused() throws {
        try receiveKits()
        XCTAssertThrowsError(try hts.record(visitId: visitID, input: input([.test1: "n"]), by: shell)) { error in
            guard case PatientError.invalid(let problems) = error else { return XCTFail("\(error)") }
            XCTAssertNotNil(problems[HTSField.consent])
        }
        XCTAssertThrowsError(
            try hts.record(
                visitId: visitID, input: input([.consent: "y", .test1: "r", .test2: "r", .postTest: "y"]), by: shell)
        ) { error in
            guard case PatientError.invalid(let problems) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(problems[HTSField.linkage], "A positive result needs its linkage: S ART started here, R referred")
        }
        XCTAssertEqual(try onHand("HIVRT1-SOON"), 10, "nothing taken")
        XCTAssertNil(try hts.test(visitId: visitID, by: shell))
    }

    /// Every role: recording and reading the result need screening.hiv.read; the others
    /// learn only that a test was done.
    func testOnlyRolesWithScreeningHIVReadRecordOrReadTheResult() throws {
        try receiveKits()
        try hts.record(
            visitId: visitID,
            input: input([.consent: "y", .test1: "r", .test2: "r", .postTest: "y", .linkage: "s"]), by: shell)
        for role in Role.allCases {
            let allowed = AccessPolicy.allows(role, .screeningHIVRead)
            let user = try actor(role)
            if allowed {
                XCTAssertEqual(try hts.test(visitId: visitID, by: user)?.line, "HIV test: positive, ART started here", "\(role)")
            } else {
                XCTAssertThrowsError(try hts.test(visitId: visitID, by: user), "\(role)")
                XCTAssertThrowsError(try hts.nextKits(by: user), "\(role)")
                XCTAssertThrowsError(try hts.record(visitId: visitID, input: input([.consent: "n"]), by: user), "\(role)")
            }
            if AccessPolicy.allows(role, .patientRead) {
                XCTAssertEqual(try hts.isDone(visitId: visitID, by: user), true, "\(role)")
            } else {
                XCTAssertThrowsError(try hts.isDone(visitId: visitID, by: user), "\(role)")
            }
        }
        XCTAssertEqual(
            Set(Role.allCases.filter { AccessPolicy.allows($0, .screeningHIVRead) }), [.admin, .doctor, .nurse, .social])
    }
}

extension HTSServiceTests {
    /// The screening card in the visit summary says a test was done; the result is on it
    /// only when the member asks, and only a role with screening.hiv.read can print that.
    func testTheSummaryCarriesTheHIVResultOnlyWhenAskedAndAllowed() throws {
        try receiveKits()
        try hts.record(
            visitId: visitID, input: input([.consent: "y", .test1: "n", .postTest: "y", .retest: "2027-04-15"]), by: shell)
        let summaries = VisitSummary(database: fixture.database, clock: fixture.clock)
        let plain = try summaries.text(visitId: visitID, by: try actor(.clerk))
        XCTAssertTrue(plain.contains("HIV test done (the result is given to you in person)."), plain)
        XCTAssertFalse(plain.contains("negative"), plain)
        let asked = try summaries.text(visitId: visitID, hivResult: true, by: try actor(.nurse))
        XCTAssertTrue(asked.contains("HIV test: negative, retest 2027-04-15."), asked)
        XCTAssertThrowsError(try summaries.text(visitId: visitID, hivResult: true, by: try actor(.clerk)))
    }

    /// The card sends a raised result to the doctor until the doctor has seen the visit.
    func testTheCardSaysARaisedResultWasSeenOnceTheDoctorSignedTheNote() throws {
        _ = try VisitService(database: fixture.database, clock: fixture.clock)
            .recordVitals(visitId: visitID, input: VisitServiceTests.fullSet, by: shell)
        try ScreeningService(database: fixture.database, clock: fixture.clock)
            .record(visitId: visitID, input: ScreeningInput(["cholesterol": "6.2"]), by: shell)
        let summaries = VisitSummary(database: fixture.database, clock: fixture.clock)
        XCTAssertTrue(
            try summaries.text(visitId: visitID, by: shell).contains("raised cholesterol. Next: refer to doctor today."))
        let visits = VisitService(database: fixture.database, clock: fixture.clock)
        _ = try visits.perform(.completeNursing, visitId: visitID, by: shell)
        let consultation = ConsultationService(database: fixture.database, clock: fixture.clock)
        try consultation.addDiagnosis(visitId: visitID, code: "E78.0", primary: true, by: shell)
        try consultation.saveNote(visitId: visitID, subjective: "", objective: "", assessment: "Raised", plan: "", by: shell)
        _ = try consultation.complete(visitId: visitID, toCounselling: false, by: shell)
        let card = try summaries.text(visitId: visitID, by: shell)
        XCTAssertTrue(card.contains("raised cholesterol. Next: seen by the doctor today."), card)
    }
}

extension HTSServiceTests {
    /// The report counts the day's HIV tests by result and the positives linked to ART for
    /// roles with screening.hiv.read; finance and viewers (report.clinical without it) see
    /// only how many tests were done.
    func testTheReportCountsHIVResultsOnlyForRolesThatMayReadThem() throws {
        try receiveKits()
        try hts.record(
            visitId: visitID, input: input([.consent: "y", .test1: "r", .test2: "r", .postTest: "y", .linkage: "s"]),
            by: shell)
        let reports = ReportService(database: fixture.database)
        let doctor = try reports.report(.day(today), by: try actor(.doctor))
        XCTAssertEqual(doctor.rows.filter { $0.measure == "hiv test" }.map(\.code), ["positive"])
        XCTAssertEqual(doctor.total("hiv linked"), 1)
        XCTAssertTrue(doctor.summary.hasSuffix("1 HIV test (1 positive, 1 linked to ART)"), doctor.summary)
        for role in [Role.finance, .viewer] {
            let report = try reports.report(.day(today), by: try actor(role))
            XCTAssertEqual(report.rows.filter { $0.measure == "hiv test" }.map(\.code), ["done"], "\(role)")
            XCTAssertEqual(report.total("hiv linked"), 0, "\(role)")
            XCTAssertFalse(report.csv.contains("positive") || report.summary.contains("positive"), "\(role)")
            XCTAssertTrue(report.summary.hasSuffix("1 HIV test"), report.summary)
        }
    }
}

extension HTSServiceTests {
    /// The HTS register: one CSV line per rapid test with its kit and lot, a decline as one
    /// line without a kit; only for roles with screening.hiv.read.
    func testTheRegisterHasOneLinePerRapidTestWithItsLot() throws {
        try receiveKits()
        try hts.record(
            visitId: visitID,
            input: input([.consent: "y", .test1: "r", .test2: "n", .repeat1: "r", .repeat2: "r", .postTest: "y", .linkage: "s"]),
            by: shell)
        let csv = try hts.register(.day(today), by: try actor(.nurse)).split(separator: "\n").map(String.init)
        XCTAssertEqual(csv.count, 5, csv.joined(separator: "\n"))
        XCTAssertEqual(
            csv.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false)[5] },
            [
                "HIVRT1-SOON", "HIVRT2-SOON", "HIVRT1-SOON", "HIVRT2-SOON",
            ])
        XCTAssertTrue(csv[4].contains(",reactive,given,positive,started here,"), csv[4])
        XCTAssertThrowsError(try hts.register(.day(today), by: try actor(.finance)))
    }
}
