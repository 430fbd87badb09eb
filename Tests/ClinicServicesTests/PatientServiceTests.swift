import ClinicDomain
import ClinicServices
import ClinicStore
import GRDB
import XCTest

final class PatientServiceTests: XCTestCase {
    var fixture: ServiceFixture!
    var service: PatientService { PatientService(database: fixture.database, clock: fixture.clock) }
    var clerk: Actor!

    override func setUpWithError() throws {
        fixture = try ServiceFixture()
        clerk = .user(try fixture.auth.login(username: "clerk", password: fixture.password, terminal: "t"))
    }

    static func input(_ surname: String, _ first: String, id: String, extra: [String: String] = [:]) -> PatientInput {
        PatientInput(["surname": surname, "first_names": first, "document_number": id].merging(extra) { $1 })
    }

    @discardableResult
    func register(_ surname: String, _ first: String, id: String, extra: [String: String] = [:]) throws -> PatientCard {
        try service.register(Self.input(surname, first, id: id, extra: extra), by: clerk)
    }

    func testRegisterIssuesSiteFolderNumbersAndAudits() throws {
        let first = try register("Ndlovu", "Sipho", id: "8001015009087", extra: ["phone": "082 123 4567"])
        let second = try register("Mokoena", "Lerato", id: "8801235111088")
        XCTAssertEqual(first.folderNumber, "DEMO-000001")
        XCTAssertEqual(second.folderNumber, "DEMO-000002")
        XCTAssertEqual(first.phone, "+27821234567")
        let audit = try fixture.database.pool.read { try AuditLog.recent(limit: 2, in: $0) }
        XCTAssertEqual(audit.map(\.action), ["patient.register", "patient.register"])
        XCTAssertEqual(audit.first?.patientID, second.id)
    }

    func testTheSameAllergyIsNotRecordedTwice() throws {
        let sipho = try register("Ndlovu", "Sipho", id: "8001015009087")
        let service = PatientService(database: fixture.database, clock: fixture.clock)
        try service.addBackground(.allergy, text: "Penicillin", to: sipho.id, by: .shell(name: "t"))
        XCTAssertThrowsError(try service.addBackground(.allergy, text: " penicillin ", to: sipho.id, by: .shell(name: "t"))) {
            XCTAssertEqual("\($0)".contains("penicillin is already recorded as an allergy"), true, "\($0)")
        }
        // The same word as another kind is another fact.
        try service.addBackground(.medication, text: "Penicillin", to: sipho.id, by: .shell(name: "t"))
    }

    func testSameSAIDOrMembershipIsRefusedWithAPointer() throws {
        let sipho = try register(
            "Ndlovu", "Sipho", id: "8001015009087", extra: ["membership_number": "555", "dependant_code": "00"])
        XCTAssertThrowsError(try register("Other", "Name", id: "8001015009087")) {
            XCTAssertEqual(
                $0 as? PatientError,
                .duplicate(
                    field: .documentNumber, existingFolder: sipho.folderNumber,
                    existingName: "NDLOVU, Sipho"))
        }
        XCTAssertThrowsError(
            try register(
                "Mokoena", "Lerato", id: "8801235111088",
                extra: ["membership_number": "555", "dependant_code": "00"])
        ) {
            XCTAssertTrue("\($0)".contains(sipho.folderNumber), "\($0)")
        }
        XCTAssertNoThrow(
            try register(
                "Mokoena", "Lerato", id: "8801235111088",
                extra: ["membership_number": "555", "dependant_code": "01"]))
    }

    func testLikelyDuplicateNeedsAnOverrideReason() throws {
        let passport = ["document_type": "passport", "sex": "M", "date_of_birth": "1980-01-01"]
        let first = try register("Ndlovu", "Sipho", id: "8001015009087")
        let typo = Self.input("Ndhlovu", "Sipho", id: "A123456", extra: passport)
        XCTAssertThrowsError(try service.register(typo, by: clerk)) {
            guard case .likelyDuplicates(let matches) = $0 as? PatientError else { return XCTFail("\($0)") }
            XCTAssertEqual(matches.map(\.folderNumber), [first.folderNumber])
        }
        XCTAssertThrowsError(try service.register(typo, overrideReason: "  ", by: clerk))
        let second = try service.register(typo, overrideReason: "different person, checked passport", by: clerk)
        XCTAssertEqual(second.folderNumber, "DEMO-000002")
    }

    func testRolesWithoutPatientWriteCannotRegisterAndStockCannotEvenSearch() throws {
        for role in [Role.social, .stock, .finance, .viewer] {
            let actor = Actor.user(try fixture.auth.login(username: role.rawValue, password: fixture.password, terminal: "t"))
            XCTAssertThrowsError(try service.register(Self.input("A", "B", id: "8001015009087"), by: actor)) {
                XCTAssertEqual($0 as? AccessDenied, AccessDenied(role: role, permission: .patientWrite))
            }
            if AccessPolicy.allows(role, .patientRead) {
                XCTAssertNoThrow(try service.search("nd", by: actor))
            } else {
                XCTAssertThrowsError(try service.search("nd", by: actor))
            }
        }
    }

    func testOpeningARecordIsAuditedAndShowsRosterStatus() throws {
        let sipho = try register(
            "Ndlovu", "Sipho", id: "8001015009087", extra: ["membership_number": "777", "dependant_code": "00"])
        var file = try service.open(id: sipho.id, by: clerk)
        XCTAssertEqual(file.membershipStatus, "not found")
        try fixture.database.pool.write { db in
            _ = try PatientRepository.upsertRoster(
                [
                    RosterMember(
                        membershipNumber: "777", dependantCode: "00", surname: "Ndlovu",
                        firstNames: "Sipho", dateOfBirth: nil, saID: nil, status: "suspended",
                        option: "", importedAt: Timestamp(text: "x"))
                ], in: db)
        }
        file = try service.open(id: sipho.id, by: clerk)
        XCTAssertEqual(file.membershipStatus, "suspended")
        let views = try fixture.database.pool.read { try AuditLog.recent(limit: 10, in: $0) }.filter {
            $0.action == "patient.view"
        }
        XCTAssertEqual(views.count, 2)
        XCTAssertEqual(views.first?.patientID, sipho.id)
        XCTAssertEqual(views.first?.actor, "clerk")
    }

    func testConcurrentEditIsAConflictThatNamesTheChangedFields() throws {
        let sipho = try register("Ndlovu", "Sipho", id: "8001015009087")
        var mine = PatientInput(sipho.details)
        mine[.address] = "12 Main Rd"
        var theirs = PatientInput(sipho.details)
        theirs[.phone] = "083 000 0000"
        let nurse = Actor.user(try fixture.auth.login(username: "nurse", password: fixture.password, terminal: "t2"))
        let saved = try service.edit(sipho, to: theirs, by: nurse)
        XCTAssertEqual(saved.version, 2)
        XCTAssertThrowsError(try service.edit(sipho, to: mine, by: clerk)) {
            guard case .conflict(let current, let fields) = $0 as? PatientError else { return XCTFail("\($0)") }
            XCTAssertEqual(fields, [.phone])
            XCTAssertEqual(current.phone, "+27830000000")
        }
        // Re-applying on top of the current version keeps both changes.
        mine[.phone] = "083 000 0000"
        let merged = try service.edit(saved, to: mine, by: clerk)
        XCTAssertEqual(merged.address, "12 Main Rd")
        XCTAssertEqual(merged.phone, "+27830000000")
        XCTAssertEqual(merged.version, 3)
    }

    func testDeactivateNeedsAReason() throws {
        let sipho = try register("Ndlovu", "Sipho", id: "8001015009087")
        XCTAssertThrowsError(try service.setActive(false, id: sipho.id, reason: " ", by: clerk)) {
            XCTAssertEqual($0 as? PatientError, .reasonRequired)
        }
        let inactive = try service.setActive(false, id: sipho.id, reason: "moved to Cape Town", by: clerk)
        XCTAssertFalse(inactive.active)
        XCTAssertTrue(try service.setActive(true, id: sipho.id, reason: "back in area", by: clerk).active)
    }

    func testBackgroundItemsAppearOnTheFile() throws {
        let sipho = try register("Ndlovu", "Sipho", id: "8001015009087")
        try service.addBackground(.allergy, text: "Penicillin", note: "rash", to: sipho.id, by: clerk)
        try service.addBackground(.condition, text: "Hypertension", to: sipho.id, by: clerk)
        XCTAssertThrowsError(try service.addBackground(.allergy, text: " ", to: sipho.id, by: clerk))
        let file = try service.open(id: sipho.id, by: clerk)
        XCTAssertEqual(file.background.map(\.text), ["Penicillin", "Hypertension"])
    }

    func testDependantsLinkToAnExistingMainMember() throws {
        let main = try register(
            "Ndlovu", "Sipho", id: "8001015009087", extra: ["membership_number": "9", "dependant_code": "00"])
        XCTAssertThrowsError(
            try register(
                "Ndlovu", "Thandi", id: "8801235111088",
                extra: ["membership_number": "9", "dependant_code": "01", "main_member_folder": "DEMO-999999"])
        ) {
            guard case .invalid(let problems) = $0 as? PatientError else { return XCTFail("\($0)") }
            XCTAssertEqual(problems["main_member_folder"], "no patient has folder number DEMO-999999")
        }
        let dependant = try register(
            "Ndlovu", "Thandi", id: "8801235111088",
            extra: ["membership_number": "9", "dependant_code": "01", "main_member_folder": main.folderNumber.lowercased()])
        XCTAssertEqual(dependant.mainMemberFolder, main.folderNumber)
    }

    func testInvalidInputWritesNothing() throws {
        XCTAssertThrowsError(try register("Ndlovu", "Sipho", id: "8001015009088")) {
            guard case .invalid(let problems) = $0 as? PatientError else { return XCTFail("\($0)") }
            XCTAssertNotNil(problems["document_number"])
        }
        XCTAssertEqual(try fixture.database.pool.read { try PatientRecord.fetchCount($0) }, 0)
    }
}
