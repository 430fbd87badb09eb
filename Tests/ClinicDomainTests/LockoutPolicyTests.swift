import ClinicDomain
import XCTest

final class LockoutPolicyTests: XCTestCase {
    let start = Date(timeIntervalSince1970: 1_800_000_000)
    let policy = LockoutPolicy.standard

    func testFourFailuresDoNotLockTheFifthLocksForFifteenMinutes() {
        var failures = 0
        var lockedUntil: Date?
        for attempt in 1...4 {
            (failures, lockedUntil) = policy.afterFailure(failures: failures, now: start)
            XCTAssertEqual(failures, attempt)
            XCTAssertNil(lockedUntil)
        }
        (failures, lockedUntil) = policy.afterFailure(failures: failures, now: start)
        XCTAssertEqual(lockedUntil, start.addingTimeInterval(15 * 60))
        XCTAssertEqual(failures, 0, "the counter restarts once the lock is set")
        XCTAssertTrue(policy.isLocked(lockedUntil: lockedUntil, now: start.addingTimeInterval(15 * 60 - 1)))
        XCTAssertFalse(policy.isLocked(lockedUntil: lockedUntil, now: start.addingTimeInterval(15 * 60)))
    }

    func testNoLockDateMeansUnlocked() {
        XCTAssertFalse(policy.isLocked(lockedUntil: nil, now: start))
    }
}
