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
        XCTAssertNil(
            CredentialRules.problem(withPassword: "clinic-demo", username: "nurse", allowingGuessable: true),
            "a demo database's printed password")
        XCTAssertEqual(
            CredentialRules.problem(withPassword: "short", username: "nurse"), "password must be at least 8 characters")
        XCTAssertEqual(CredentialRules.problem(withPassword: "        ", username: "nurse"), "password must not be blank")
        // The username, in any case, inside the password or reversed.
        for weak in ["s.ndlovu", "S.NDLOVU99", "my-s.ndlovu", "uvoldn.s"] {
            XCTAssertEqual(
                CredentialRules.problem(withPassword: weak, username: "s.ndlovu"), "password must not contain the username", weak)
        }
        // Common passwords (SecLists 10-million top 1000, the 8+ character entries), any case.
        for common in [
            "password", "Password1", "PASSWORD", "passw0rd", "iloveyou", "Sunshine", "12345678", "qwertyuiop", "changeme",
        ] {
            XCTAssertEqual(
                CredentialRules.problem(withPassword: common, username: "nurse"),
                "that password is one of the most common, tried first by anyone guessing; choose another", common)
        }
        // Runs and repetitions, and this program's words with digits or signs (NIST SP 800-63B 3.1.1.2).
        for run in ["abcdefgh", "76543210", "zzzzzzzz", "abcabcab", "34343434", "ZYXWVUTS"] {
            XCTAssertEqual(
                CredentialRules.problem(withPassword: run, username: "nurse"),
                "that password is a run or repetition of characters, guessed at once; choose another", run)
        }
        for word in ["clinic-demo", "Clinic2026!", "POLMED-123", "truck#2026", "demo-demo"] {
            XCTAssertEqual(
                CredentialRules.problem(withPassword: word, username: "nurse"),
                "that password is a word of this program with digits or signs, tried first by anyone guessing; choose another",
                word)
        }
        for good in ["Mankweng-Truck-7", "acegikmo", "correct horse battery", "a-new-secret"] {
            XCTAssertNil(CredentialRules.problem(withPassword: good, username: "nurse"), good)
        }
    }

    func testClockTextIsSouthAfricanStandardTime() {
        // 2026-11-24 21:02 UTC is 23:02 SAST (UTC+2, no daylight saving).
        let date = Date(timeIntervalSince1970: 1_795_554_120)
        XCTAssertEqual(ClinicTime.clockText(date), "Tue 24 Nov 23:02")
    }
}
