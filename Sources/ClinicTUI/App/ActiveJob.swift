import ClinicDomain
import Foundation

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

    /// What a key on the owner's screen does while the work runs: Esc stops cancellable
    /// work; anything else is answered with a word. Returns the notice to show.
    func answer(_ action: KeyAction?) -> String {
        guard action == .back else { return "Please wait: \(work.title.lowercased()) is still running." }
        guard work.cancellable else { return "\(work.title) cannot be stopped safely; please wait." }
        running.progress.cancel()
        return "Stopping…"
    }

    /// The progress box's lines: done of total (with the share) or what is counted, the
    /// time taken so far, and whether Esc stops it.
    func lines(now: Date) -> [String] {
        let reading = progress
        let seconds = Int(now.timeIntervalSince(started))
        let count = Self.grouped
        let done = reading.total > 0
            ? "\(count(reading.done)) of \(count(reading.total)) \(reading.unit) (\(reading.done * 100 / reading.total) %)"
            : reading.unit.isEmpty ? "Working…" : "\(count(reading.done)) \(reading.unit)"
        return [done, "\(seconds) s so far", running.progress.isCancelled ? "Stopping…" : work.cancellable ? "Esc cancels." : "Please wait."]
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
