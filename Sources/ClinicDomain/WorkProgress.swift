import Foundation

/// How far a long piece of work has got, shared between the thread doing it and the screen
/// showing it; the screen may ask the work to stop, which the work checks between steps.
public final class WorkProgress: @unchecked Sendable {
    /// A moment's reading: `done` of `total` `unit` (total 0 when unknown).
    public struct Reading: Equatable, Sendable {
        public let done: Int
        public let total: Int
        public let unit: String
    }

    private let lock = NSLock()
    private var reading = Reading(done: 0, total: 0, unit: "")
    private var cancelled = false

    public init() {}

    /// Records that `done` of `total` `unit` are done.
    public func report(_ done: Int, of total: Int, _ unit: String) {
        lock.withLock { reading = Reading(done: done, total: total, unit: unit) }
    }

    /// The latest report.
    public var current: Reading { lock.withLock { reading } }

    /// Asks the work to stop at its next check.
    public func cancel() { lock.withLock { cancelled = true } }

    public var isCancelled: Bool { lock.withLock { cancelled } }

    /// Throws `CancellationError` once `cancel()` was called.
    public func checkCancelled() throws {
        if isCancelled { throw CancellationError() }
    }
}
