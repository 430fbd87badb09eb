import ClinicDomain
import ClinicServices
import ClinicStore
import XCTest

final class ReferralServiceTests: XCTestCase {
    var fixture: ServiceFixture!
    var referrals: ReferralService { ReferralService(database: fixture.database, clock: fixture.clock) }
    var visitID = ""

    override func setUpWithError() throws {
        fixture = try ServiceFixture()
        let shell = Actor.shell(name: "seed")
        visitID = try fixture.visitInConsultation(reason: "chest pain")
        try ConsultationService(database: fixture.database, clock: fixture.clock)
            .addDiagnosis(visitId: visitID, code: "I20.9", primary: true, by: shell)
    }

    func actor(_ role: Role) throws -> Actor {
        .user(try fixture.auth.login(username: role.rawValue, password: fixture.password, terminal: "t"))
    }

    func testReferralWritesALetterWithTheClinicalFacts() throws {
        let input = ReferralInput(
            kind: "hospital", destination: "Mankweng Hospital casualty", urgency: "emergency",
            reason: "Suspected unstable angina")
        let record = try referrals.refer(
            visitId: visitID, input, letterFolder: fixture.folder.file("letters"), by: try actor(.doctor))
        XCTAssertEqual(record.kind, .hospital)
        let path = try XCTUnwrap(record.letterPath)
        let letter = try String(contentsOfFile: path, encoding: .utf8)
        for expected in [
            "REFERRAL LETTER — EMERGENCY", "To:   Mankweng Hospital casualty (hospital)", "NDLOVU, Sipho",
            "Suspected unstable angina", "Diagnoses: I20.9", "Vitals: BP 120/80",
        ] {
            XCTAssertTrue(letter.contains(expected), "\(expected) missing:\n\(letter)")
        }
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as! Int
        XCTAssertEqual(mode & 0o777, 0o600)
        XCTAssertEqual(try referrals.referrals(visitId: visitID, by: try actor(.nurse)).count, 1, "nurses read referrals")
        XCTAssertThrowsError(try referrals.referrals(visitId: visitID, by: try actor(.clerk)))
    }

    func testEveryFieldIsCheckedAndOnlyReferringRolesMayRefer() throws {
        XCTAssertThrowsError(
            try referrals.refer(
                visitId: visitID, ReferralInput(kind: "spa", destination: " ", urgency: "soon", reason: ""),
                letterFolder: fixture.folder.path, by: try actor(.doctor))
        ) {
            guard case .invalid(let problems) = $0 as? PatientError else { return XCTFail("\($0)") }
            XCTAssertEqual(problems.problems.map(\.field), ["kind", "destination", "urgency", "reason"])
        }
        for role in [Role.nurse, .clerk, .stock, .finance, .viewer] {
            XCTAssertThrowsError(
                try referrals.refer(
                    visitId: visitID,
                    ReferralInput(
                        kind: "hospital", destination: "X", urgency: "routine",
                        reason: "y"),
                    letterFolder: fixture.folder.path, by: try actor(role))
            ) {
                XCTAssertEqual($0 as? AccessDenied, AccessDenied(role: role, permission: .referralWrite))
            }
        }
    }
}
