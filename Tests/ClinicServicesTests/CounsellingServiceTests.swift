import ClinicDomain
import ClinicServices
import ClinicStore
import XCTest

final class CounsellingServiceTests: XCTestCase {
    var fixture: ServiceFixture!
    var counselling: CounsellingService { CounsellingService(database: fixture.database, clock: fixture.clock) }
    var visitID = ""

    override func setUpWithError() throws {
        fixture = try ServiceFixture()
        let shell = Actor.shell(name: "seed")
        visitID = try fixture.visitInConsultation(reason: "stress at work")
        let consultation = ConsultationService(database: fixture.database, clock: fixture.clock)
        try consultation.addDiagnosis(visitId: visitID, code: "F43.2", primary: true, by: shell)
        try consultation.saveNote(
            visitId: visitID, subjective: "", objective: "", assessment: "Adjustment disorder", plan: "Counselling", by: shell)
        _ = try consultation.complete(visitId: visitID, toCounselling: true, by: shell)
    }

    func actor(_ role: Role) throws -> Actor {
        .user(try fixture.auth.login(username: role.rawValue, password: fixture.password, terminal: "t"))
    }

    func testOnlyCounsellingReadRolesSeeTheNotesForAllEightRoles() throws {
        try counselling.record(
            visitId: visitID, sessionType: "trauma debriefing", notes: "Disclosed incident at work",
            outcome: "coping plan", referral: "EAP", by: try actor(.social))
        for role in Role.allCases {
            let attempt = { try self.counselling.notes(visitId: self.visitID, by: try self.actor(role)) }
            if AccessPolicy.allows(role, .counsellingRead) {
                XCTAssertEqual(try attempt().map(\.notes), ["Disclosed incident at work"], role.rawValue)
            } else {
                XCTAssertThrowsError(try attempt(), role.rawValue) {
                    XCTAssertEqual($0 as? AccessDenied, AccessDenied(role: role, permission: .counsellingRead))
                }
            }
        }
        let audit = try fixture.database.pool.read { try AuditLog.recent(limit: 100, in: $0) }
        XCTAssertFalse(audit.contains { $0.detail.contains("Disclosed") }, "note text never reaches the audit log")
        XCTAssertEqual(
            audit.filter { $0.action == "counselling.read" }.count, 3, "admin, doctor and social worker reads are audited")
    }

    func testOnlySocialWorkersAndAdministratorsWriteAndOnlyDuringCounselling() throws {
        for role in [Role.doctor, .nurse, .clerk, .viewer] {
            XCTAssertThrowsError(
                try counselling.record(
                    visitId: visitID, sessionType: "x", notes: "y", outcome: "", referral: "",
                    by: try actor(role)))
        }
        XCTAssertThrowsError(
            try counselling.record(
                visitId: visitID, sessionType: " ", notes: "", outcome: "", referral: "",
                by: try actor(.social))
        ) {
            guard case .invalid(let problems) = $0 as? PatientError else { return XCTFail("\($0)") }
            XCTAssertEqual(problems.problems.map(\.field), ["session_type", "notes"])
        }
        _ = try VisitService(database: fixture.database, clock: fixture.clock)
            .perform(.completeCounselling, visitId: visitID, by: try actor(.social))
        XCTAssertThrowsError(
            try counselling.record(
                visitId: visitID, sessionType: "follow-up", notes: "late", outcome: "",
                referral: "", by: try actor(.social))
        ) {
            XCTAssertEqual($0 as? VisitError, .notInStage(.counselling))
        }
    }
}

extension CounsellingServiceTests {
    func testVisitSummaryHasTheClinicalFactsButNeverTheCounsellingNotes() throws {
        try counselling.record(
            visitId: visitID, sessionType: "trauma debriefing", notes: "Disclosed incident at work",
            outcome: "coping plan", referral: "EAP", by: try actor(.social))
        let summary = VisitSummary(database: fixture.database, clock: fixture.clock)
        let text = try summary.text(visitId: visitID, by: try actor(.clerk))
        XCTAssertTrue(text.contains("Patient:   NDLOVU, Sipho  (folder DEMO-000001)"), text)
        XCTAssertTrue(text.contains("Reason:    stress at work"), text)
        XCTAssertTrue(text.contains("F43.2  Adjustment disorders  (main)"), text)
        XCTAssertTrue(text.contains("Plan and advice:\n  Counselling"), text)
        XCTAssertTrue(text.contains("BP 120/80 mmHg"), text)
        for secret in ["Disclosed", "trauma debriefing", "coping plan", "EAP"] {
            XCTAssertFalse(text.contains(secret), "\(secret) leaked into the summary")
        }
        let path = try summary.write(visitId: visitID, into: fixture.folder.file("out"), by: try actor(.clerk))
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as! Int
        XCTAssertEqual(mode & 0o777, 0o600)
        XCTAssertTrue(path.hasSuffix(".txt") && path.contains("DEMO-000001"), path)
        XCTAssertThrowsError(try summary.text(visitId: visitID, by: try actor(.stock)), "stock may not read patients")
    }
}
