import ClinicDomain
import ClinicServices
import Foundation

/// Work a screen asks the app to run off the input loop — "run this, then give me its
/// result" — as a value, so a test can see what a screen asked for without running it.
/// The app runs `work` on its own thread, shows a progress line while it runs (the clock,
/// the idle lock and the global keys go on), lets Esc cancel it when `cancellable`, and
/// hands the result back on the input loop.
public struct BackgroundJob {
    /// What is being done, e.g. "Verifying the audit log".
    public let title: String
    /// Whether Esc may stop it (work that changes nothing, or changes it all at once at the end).
    public let cancellable: Bool
    private let launch: (WorkProgress) -> RunningJob

    public init<Value: Sendable>(
        _ title: String, cancellable: Bool,
        work: @escaping @Sendable (WorkProgress) throws -> Value,
        then finish: @escaping (Result<Value, any Error>) -> ScreenAction
    ) {
        self.title = title
        self.cancellable = cancellable
        launch = { progress in
            let outcome = Outcome<Value>()
            let thread = Thread {
                outcome.set(Result { try work(progress) })
            }
            thread.stackSize = 8 << 20
            thread.start()
            return RunningJob(progress: progress) { outcome.take().map(finish) }
        }
    }

    /// Starts the work on its own thread.
    func start() -> RunningJob { launch(WorkProgress()) }
}

/// A job under way: its progress, and its result once there is one.
final class RunningJob {
    let progress: WorkProgress
    private let poll: () -> ScreenAction?

    init(progress: WorkProgress, poll: @escaping () -> ScreenAction?) {
        self.progress = progress
        self.poll = poll
    }

    /// What the screen does with the result, once the work has finished; nil until then.
    func finished() -> ScreenAction? { poll() }
}

/// The result of work on another thread, handed over once.
private final class Outcome<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var result: Result<Value, any Error>?

    func set(_ value: Result<Value, any Error>) { lock.withLock { result = value } }

    func take() -> Result<Value, any Error>? {
        lock.withLock {
            defer { result = nil }
            return result
        }
    }
}

extension BackgroundJob {
    /// Work that ends in a sentence for the screen, e.g. "Written to …" after an export, or
    /// its failure in the user's words. Not cancellable: it writes a file and an audit row.
    static func telling(
        _ title: String, work: @escaping @Sendable () throws -> String,
        then show: @escaping (String) -> Void
    ) -> BackgroundJob {
        BackgroundJob(title, cancellable: false, work: { _ in try work() }) { result in
            switch result {
            case .success(let sentence): show(sentence)
            case .failure(let error): show(userMessage(error))
            }
            return .none
        }
    }
}
