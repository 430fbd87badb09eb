import Foundation

/// Failed-login lockout: `maxFailures` failures in a row lock the account for `lockDuration`.
public struct LockoutPolicy: Sendable, Equatable {
    public var maxFailures: Int
    public var lockDuration: TimeInterval

    /// DESIGN.md: 5 failures in a row lock the account for 15 minutes.
    public static let standard = LockoutPolicy(maxFailures: 5, lockDuration: 15 * 60)

    public init(maxFailures: Int, lockDuration: TimeInterval) {
        self.maxFailures = maxFailures
        self.lockDuration = lockDuration
    }

    /// Whether an account with `lockedUntil` is locked at `now`.
    public func isLocked(lockedUntil: Date?, now: Date) -> Bool {
        guard let lockedUntil else { return false }
        return now < lockedUntil
    }

    /// The account state after one more failed attempt at `now`.
    public func afterFailure(failures: Int, now: Date) -> (failures: Int, lockedUntil: Date?) {
        let count = failures + 1
        if count >= maxFailures {
            return (0, now.addingTimeInterval(lockDuration))
        }
        return (count, nil)
    }
}
