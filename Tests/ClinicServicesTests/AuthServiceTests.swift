import ClinicDomain
import ClinicServices
import ClinicStore
import XCTest

final class AuthServiceTests: XCTestCase {
    var fixture: ServiceFixture!

    override func setUpWithError() throws { fixture = try ServiceFixture() }

    func testLoginOpensASessionWithTheUsersRoleAndIsAudited() throws {
        let session = try fixture.auth.login(username: " Nurse ", password: fixture.password, terminal: "t1")
        XCTAssertEqual(session.username, "nurse")
        XCTAssertEqual(session.role, .nurse)
        XCTAssertTrue(session.can(.vitalsWrite))
        XCTAssertFalse(session.can(.consultWrite))
        try fixture.auth.logout(session, reason: "done")
        XCTAssertEqual(try fixture.auditActions(actor: "nurse"), ["login", "logout"])
    }

    func testEveryFailureGivesTheSameMessage() throws {
        var messages = Set<String>()
        for (user, password) in [("nurse", "wrong-password"), ("nobody", "whatever"), ("", fixture.password)] {
            XCTAssertThrowsError(try fixture.auth.login(username: user, password: password, terminal: "t")) {
                messages.insert("\($0)")
            }
        }
        XCTAssertEqual(messages, [LoginError.message])
        XCTAssertEqual(try fixture.auditActions().suffix(3), ["login.failed", "login.failed", "login.failed"])
    }

    /// A password typed into the username field is never kept: the audit row and the log
    /// hold "unknown user #tag", the same tag for the same text.
    func testAnUnknownUsernameIsAuditedOnlyAsATag() throws {
        let secret = "Winter-Sun-2026!"
        for _ in 0..<2 { XCTAssertThrowsError(try fixture.auth.login(username: secret, password: "", terminal: "t1")) }
        let rows = try fixture.database.pool.read { try AuditLog.recent(limit: 2, in: $0) }
        XCTAssertEqual(Set(rows.map(\.actor)).count, 1, "the same name gives the same tag")
        for row in rows {
            XCTAssertTrue(row.actor.hasPrefix("unknown user #"), row.actor)
            XCTAssertFalse((row.actor + row.detail).lowercased().contains(secret.lowercased()), "\(row.actor) \(row.detail)")
        }
        let dump = try fixture.database.pool.read { try String.fetchAll($0, sql: "SELECT actor || detail FROM auditEntry") }
        XCTAssertFalse(dump.contains { $0.lowercased().contains("winter-sun") })
    }

    /// The tag is keyed by the database's own secret: the same name tags differently on another
    /// database, so a tag read from an export or head office's copy cannot be tried against guesses.
    func testTheUnknownUserTagIsKeyedByTheDatabasesOwnSecret() throws {
        let other = try ServiceFixture()
        for fixture in [fixture!, other] {
            XCTAssertThrowsError(try fixture.auth.login(username: "Winter-Sun-2026!", password: "", terminal: "t1"))
        }
        let tags = try [fixture!, other].map { fixture in
            try fixture.database.pool.read { try AuditLog.recent(limit: 1, in: $0).first?.actor }
        }
        XCTAssertNotEqual(tags[0], tags[1], "two databases, two secrets, two tags")
        XCTAssertFalse(SyncTables.keys.contains { $0.table == "localSecret" }, "the secret is never synced")
        XCTAssertThrowsError(
            try fixture.database.pool.write { try $0.execute(sql: "UPDATE localSecret SET value = x'00'") },
            "nor changed")
    }

    func testFifthFailureLocksForFifteenMinutesEvenForTheRightPassword() throws {
        let auth = fixture.auth
        for _ in 1...5 {
            XCTAssertThrowsError(try auth.login(username: "clerk", password: "bad-password", terminal: "t")) {
                XCTAssertEqual($0 as? LoginError, .badCredentials)
            }
        }
        XCTAssertEqual(try fixture.auditActions(actor: "clerk").suffix(2), ["login.failed", "lockout"])
        XCTAssertThrowsError(try auth.login(username: "clerk", password: fixture.password, terminal: "t")) {
            XCTAssertEqual($0 as? LoginError, .locked)
            XCTAssertEqual("\($0)", LoginError.message)
        }
        fixture.clock.advance(15 * 60 - 1)
        XCTAssertThrowsError(try auth.login(username: "clerk", password: fixture.password, terminal: "t"))
        fixture.clock.advance(1)
        XCTAssertNoThrow(try auth.login(username: "clerk", password: fixture.password, terminal: "t"))
    }

    func testLockoutSurvivesReopeningTheDatabase() throws {
        for _ in 1...5 { _ = try? fixture.auth.login(username: "doctor", password: "nope-nope", terminal: "t") }
        let reopened = try ClinicDatabase.open(at: fixture.database.path)
        let auth = AuthService(database: reopened, clock: fixture.clock)
        XCTAssertThrowsError(try auth.login(username: "doctor", password: fixture.password, terminal: "t")) {
            XCTAssertEqual($0 as? LoginError, .locked)
        }
    }

    func testSuccessResetsTheFailureCount() throws {
        let auth = fixture.auth
        for _ in 1...4 { _ = try? auth.login(username: "stock", password: "nope-nope", terminal: "t") }
        _ = try auth.login(username: "stock", password: fixture.password, terminal: "t")
        for _ in 1...4 { _ = try? auth.login(username: "stock", password: "nope-nope", terminal: "t") }
        XCTAssertNoThrow(try auth.login(username: "stock", password: fixture.password, terminal: "t"))
    }

    func testPasswordChangeEndsOtherSessions() throws {
        let auth = fixture.auth
        let elsewhere = try auth.login(username: "doctor", password: fixture.password, terminal: "room")
        let here = try auth.login(username: "doctor", password: fixture.password, terminal: "desk")
        let updated = try SelfService(database: fixture.database, clock: fixture.clock)
            .changePassword(here, current: fixture.password, new: "a-new-secret")
        XCTAssertFalse(try auth.isCurrent(elsewhere))
        XCTAssertTrue(try auth.isCurrent(updated))
        XCTAssertThrowsError(try auth.login(username: "doctor", password: fixture.password, terminal: "t"))
        XCTAssertNoThrow(try auth.login(username: "doctor", password: "a-new-secret", terminal: "t"))
    }

    func testSelfServiceRefusesAWrongCurrentOrWeakNewPassword() throws {
        let session = try fixture.auth.login(username: "viewer", password: fixture.password, terminal: "t")
        let service = SelfService(database: fixture.database, clock: fixture.clock)
        XCTAssertThrowsError(try service.changePassword(session, current: "wrong-one", new: "long-enough")) {
            XCTAssertEqual("\($0)", "current password is wrong")
        }
        XCTAssertThrowsError(try service.changePassword(session, current: fixture.password, new: "short")) {
            XCTAssertEqual("\($0)", "password must be at least 8 characters")
        }
        XCTAssertTrue(try fixture.auth.isCurrent(session), "nothing changed")
    }
}
