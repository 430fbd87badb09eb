import ClinicDomain
import ClinicServices
import ClinicStore
import XCTest

final class UserAdministrationTests: XCTestCase {
    var fixture: ServiceFixture!

    override func setUpWithError() throws { fixture = try ServiceFixture() }

    func session(_ username: String) throws -> Actor {
        .user(try fixture.auth.login(username: username, password: fixture.password, terminal: "t"))
    }

    func testOnlyRolesWithUserAdminMayManageAccounts() throws {
        for role in Role.allCases {
            let actor = try session(role.rawValue)
            let attempt = { try self.fixture.users.list(by: actor) }
            if AccessPolicy.allows(role, .userAdmin) {
                XCTAssertEqual(try attempt().count, 8, role.rawValue)
            } else {
                XCTAssertThrowsError(try attempt(), role.rawValue) {
                    XCTAssertEqual($0 as? AccessDenied, AccessDenied(role: role, permission: .userAdmin))
                }
                XCTAssertThrowsError(
                    try fixture.users.add(
                        username: "intruder", fullName: "X", role: .admin,
                        password: "long-enough", by: actor))
            }
        }
        XCTAssertFalse(try fixture.users.list(by: .shell(name: "ops")).contains { $0.username == "intruder" })
    }

    func testAddRefusesDuplicatesAndBadInputWithoutWriting() throws {
        let shell = Actor.shell(name: "ops")
        let before = try fixture.auditActions().count
        XCTAssertThrowsError(
            try fixture.users.add(
                username: "nurse", fullName: "Dup", role: .nurse,
                password: "long-enough", by: shell)
        ) {
            XCTAssertEqual("\($0)", "user 'nurse' already exists")
        }
        XCTAssertThrowsError(
            try fixture.users.add(
                username: "Bad Name", fullName: "X", role: .nurse,
                password: "long-enough", by: shell))
        XCTAssertThrowsError(
            try fixture.users.add(
                username: "newnurse", fullName: "X", role: .nurse,
                password: "short", by: shell))
        XCTAssertThrowsError(
            try fixture.users.add(
                username: "newnurse", fullName: "  ", role: .nurse,
                password: "long-enough", by: shell))
        XCTAssertEqual(try fixture.auditActions().count, before, "nothing written")
        try fixture.users.add(username: "newnurse", fullName: "Sr New", role: .nurse, password: "long-enough", by: shell)
        XCTAssertEqual(try fixture.auditActions(actor: "shell:ops"), ["user.add"])
        XCTAssertEqual(try fixture.auth.login(username: "newnurse", password: "long-enough", terminal: "t").role, .nurse)
    }

    func testLockAndUnlock() throws {
        let shell = Actor.shell(name: "ops")
        let open = try fixture.auth.login(username: "finance", password: fixture.password, terminal: "t")
        try fixture.users.lock(username: "finance", by: shell)
        XCTAssertFalse(try fixture.auth.isCurrent(open), "a locked account's sessions end")
        XCTAssertThrowsError(try fixture.auth.login(username: "finance", password: fixture.password, terminal: "t")) {
            XCTAssertEqual($0 as? LoginError, .disabled)
        }
        try fixture.users.unlock(username: "finance", by: shell)
        XCTAssertNoThrow(try fixture.auth.login(username: "finance", password: fixture.password, terminal: "t"))
        XCTAssertThrowsError(try fixture.users.lock(username: "ghost", by: shell)) {
            XCTAssertEqual("\($0)", "no user named 'ghost'")
        }
    }

    func testUnlockClearsAFailedLoginLockout() throws {
        for _ in 1...5 { _ = try? fixture.auth.login(username: "social", password: "nope-nope", terminal: "t") }
        try fixture.users.unlock(username: "social", by: .shell(name: "ops"))
        XCTAssertNoThrow(try fixture.auth.login(username: "social", password: fixture.password, terminal: "t"))
    }
}
