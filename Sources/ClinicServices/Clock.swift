import Foundation

/// Where services get the time, so tests can drive lockouts and idle timers.
public protocol Clock: Sendable {
    /// The current instant.
    func now() -> Date
}

/// The real wall clock.
public struct SystemClock: Clock {
    public init() {}
    public func now() -> Date { Date() }
}

/// A clock that moves only when told to: for tests and rehearsals of time-based rules
/// (lockouts, idle locks, waiting times).
public final class ManualClock: Clock, @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    public init(_ start: Date) { current = start }

    public func now() -> Date { lock.withLock { current } }

    /// Moves the clock forward by `seconds`.
    public func advance(_ seconds: TimeInterval) { lock.withLock { current += seconds } }
}
