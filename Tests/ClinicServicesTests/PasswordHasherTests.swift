import CArgon2
import XCTest

@testable import ClinicServices

final class PasswordHasherTests: XCTestCase {
    let hasher = PasswordHasher.owasp

    func testRoundTripWithOWASPParameters() {
        let hash = hasher.hash("correct horse")
        XCTAssertTrue(hash.hasPrefix("$argon2id$v=19$m=19456,t=2,p=1$"), hash)
        XCTAssertTrue(hasher.verify("correct horse", against: hash))
    }

    func testWrongPasswordAndMalformedHashNeverMatch() {
        let hash = hasher.hash("correct horse")
        XCTAssertFalse(hasher.verify("correct horsf", against: hash))
        XCTAssertFalse(hasher.verify("", against: hash))
        XCTAssertFalse(hasher.verify("correct horse", against: "not a hash"))
    }

    func testSaltMakesEveryHashDifferent() {
        XCTAssertNotEqual(hasher.hash("same"), hasher.hash("same"))
    }

    func testDecoyHashIsAWellFormedHashSoUnknownUsersCostAFullVerification() {
        let status = AuthService.decoyHash.withCString { argon2id_verify($0, "guess", 5) }
        XCTAssertEqual(status, ARGON2_VERIFY_MISMATCH.rawValue, String(cString: argon2_error_message(status)))
    }
}
