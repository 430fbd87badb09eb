import ClinicDomain
import XCTest

final class CredentialRulesTests: XCTestCase {
    func testUsernames() {
        for good in ["clerk", "s.ndlovu", "nurse-2", "ab"] {
            XCTAssertNil(CredentialRules.problem(withUsername: good), good)
        }
        let bad = ["", "a", "Clerk", "1clerk", "sipho ndlovu", "o'brien", String(repeating: "a", count: 33), "ñandu"]
        for name in bad { XCTAssertNotNil(CredentialRules.problem(withUsername: name), name) }
    }

    func testPasswords() {
        XCTAssertNil(CredentialRules.problem(withPassword: "clinic-demo"))
        XCTAssertEqual(CredentialRules.problem(withPassword: "short"), "password must be at least 8 characters")
        XCTAssertEqual(CredentialRules.problem(withPassword: "        "), "password must not be blank")
    }

    func testClockTextIsSouthAfricanStandardTime() {
        // 2026-11-24 21:02 UTC is 23:02 SAST (UTC+2, no daylight saving).
        let date = Date(timeIntervalSince1970: 1_795_554_120)
        XCTAssertEqual(ClinicTime.clockText(date), "Tue 24 Nov 23:02")
    }
}
