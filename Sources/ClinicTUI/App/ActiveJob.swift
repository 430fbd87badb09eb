import ClinicDomain
import Foundation
import TerminalKit

/// A background job the app is running for one screen: what it is, how far it has got,
/// and how the screen's keys are answered meanwhile.
public final class ActiveJob {
    public let work: BackgroundJob
    /// The screen that asked for it; its result goes back to that screen only.
    let owner: any Screen
    let started: Date
    let running: RunningJob

    init(_ work: BackgroundJob, owner: any Screen, started: Date) {
        self.work = work
        self.owner = owner
        self.started = started
        running = work.start()
    }

    /// The latest progress.
    public var progress: WorkProgress.Reading { running.progress.current }

    /// Keys typed on the owner's screen while the work runs, in order: they follow once its
    /// result is shown (type-ahead), unless the work is stopped.
    private(set) var keptKeys: [Key] = []
    /// Type-ahead kept at most; a key past it is answered with a word and dropped.
    static let keptKeyLimit = 16

    /// What a key on the owner's screen does while the work runs: Esc stops cancellable
    /// work (and drops the keys kept); any other key is kept for afterwards. Returns the
    /// notice to show; `label` names the key for it ("F4").
    func answer(_ key: Key, action: KeyAction?, label: String) -> String {
        guard action == .back else {
            guard !running.progress.isCancelled, keptKeys.count < Self.keptKeyLimit else {
                return "Please wait: \(work.title.lowercased()) is still running."
            }
            keptKeys.append(key)
            return "\(label) follows once \(work.title.lowercased()) is done."
        }
        guard work.cancellable else { return "\(work.title) cannot be stopped safely; please wait." }
        running.progress.cancel()
        keptKeys = []
        return "Stopping…"
    }

    /// The progress box's lines: done of total (with the share) or what is counted, the
    /// time taken so far, and whether Esc stops it.
    func lines(now: Date) -> [String] {
        let reading = progress
        let seconds = Int(now.timeIntervalSince(started))
        let count = Self.grouped
        let done =
            reading.total > 0
            ? "\(count(reading.done)) of \(count(reading.total)) \(reading.unit) (\(reading.done * 100 / reading.total) %)"
            : reading.unit.isEmpty ? "Working…" : "\(count(reading.done)) \(reading.unit)"
        return [
            done, "\(seconds) s so far",
            running.progress.isCancelled ? "Stopping…" : work.cancellable ? "Esc cancels." : "Please wait.",
        ]
    }

    /// 2800000 as "2,800,000".
    static func grouped(_ number: Int) -> String {
        var digits = String(number), result = ""
        while digits.count > 3 {
            result = "," + digits.suffix(3) + result
            digits.removeLast(3)
        }
        return digits + result
    }
}
