import ClinicDomain
import TerminalKit
import XCTest

@testable import ClinicTUI

/// Long work runs off the input loop: the screen returns it as a value, the app shows its
/// progress while the clock and the keys go on, Esc stops it where that is safe, and the
/// result comes back to the screen that asked.
final class BackgroundJobTests: XCTestCase {
    /// A screen whose F3 starts work that counts to `total` until cancelled or released.
    final class CountingScreen: Screen {
        let cancellable: Bool
        let release = WorkProgress()
        var result: String?
        /// Keys the screen itself was given, in order (type-ahead arrives after the result).
        var keysSeen: [String] = []
        init(cancellable: Bool) { self.cancellable = cancellable }
        var title: String { "Counting" }
        var contexts: [KeyContext] { [.reports] }
        var keyBarActions: [KeyAction] { [.help, .verify, .back] }
        func render(into canvas: inout Canvas, top: Int, height: Int, environment: AppEnvironment) {
            canvas.put(result ?? "not run", x: 2, y: top)
        }
        func handle(_ input: Input, environment: AppEnvironment) -> ScreenAction {
            switch input.action {
            case .back: return .pop
            case .verify:
                let release = release
                return .run(
                    BackgroundJob(
                        "Counting rows", cancellable: cancellable,
                        work: { progress in
                            var done = 0
                            while !release.isCancelled {
                                try progress.checkCancelled()
                                done += 1
                                progress.report(min(done, 500), of: 1_000, "rows")
                                usleep(200)
                            }
                            return done
                        },
                        then: { [weak self] result in
                            self?.result =
                                switch result {
                                case .success: "finished"
                                case .failure(let error): error is CancellationError ? "stopped" : "failed"
                                }
                            return .none
                        }))
            default:
                keysSeen.append((result ?? "before") + ":" + Keymap.label(input.key))
                return .none
            }
        }
    }

    func open(_ screen: CountingScreen) throws -> AppHarness {
        let harness = try AppHarness()
        harness.logIn("admin")
        harness.app.apply(.push(screen))
        return harness
    }

    func waitFor(_ harness: AppHarness, _ text: String, file: StaticString = #filePath, line: UInt = #line) {
        let deadline = Date().addingTimeInterval(10)
        while !harness.screen().contains(text), Date() < deadline {
            usleep(1_000)
            harness.app.tick()
        }
        XCTAssertTrue(harness.screen().contains(text), "\(text) on:\n\(harness.screen())", file: file, line: line)
    }

    func testTheScreenAsksForWorkAsAValue() throws {
        let screen = CountingScreen(cancellable: true)
        let harness = try open(screen)
        guard case .run(let job) = screen.handle(Input(key: .function(3), action: .verify), environment: harness.app.environment)
        else {
            return XCTFail("F3 asks for background work")
        }
        XCTAssertEqual(job.title, "Counting rows")
        XCTAssertTrue(job.cancellable)
        XCTAssertNil(screen.result, "asking does not run it")
    }

    func testProgressAndTheClockShowWhileItRunsAndEscStopsIt() throws {
        let screen = CountingScreen(cancellable: true)
        let harness = try open(screen)
        harness.app.process(.function(3))
        waitFor(harness, "500 of 1,000 rows (50 %)")
        XCTAssertTrue(harness.screen().contains("Esc cancels."))
        harness.clock.advance(65)
        waitFor(harness, "65 s so far")
        XCTAssertTrue(harness.screen().contains("10:31 SAST"), "the clock in the status line goes on")
        harness.app.process(.character("x"))
        XCTAssertEqual(harness.app.notice, "x follows once counting rows is done.")
        harness.app.process(.escape)
        harness.app.finishWork()
        XCTAssertEqual(screen.result, "stopped")
        XCTAssertEqual(screen.keysSeen, [], "Esc stopped the work and dropped what was typed ahead")
        XCTAssertTrue(harness.app.top === screen, "Esc stopped the work, it did not leave the screen")
    }

    func testKeysTypedWhileItRunsFollowItsResultInOrder() throws {
        let screen = CountingScreen(cancellable: false)
        let harness = try open(screen)
        harness.app.process(.function(3))
        harness.app.process(.function(4))
        XCTAssertEqual(harness.app.notice, "F4 follows once counting rows is done.")
        harness.app.process(.character("y"))
        XCTAssertEqual(screen.keysSeen, [], "nothing reaches the screen while its work runs")
        screen.release.cancel()
        harness.app.finishWork()
        XCTAssertEqual(screen.keysSeen, ["finished:F4", "finished:y"], "typed ahead, applied after the result")
    }

    func testWorkThatCannotBeStoppedSaysSoAndItsResultComesBackAfterUnlocking() throws {
        let screen = CountingScreen(cancellable: false)
        let harness = try open(screen)
        harness.app.process(.function(3))
        harness.app.process(.escape)
        XCTAssertEqual(harness.app.notice, "Counting rows cannot be stopped safely; please wait.")
        harness.app.process(.control("l"))
        XCTAssertTrue(harness.app.top.isLockScreen, "the global keys work while it runs")
        screen.release.cancel()
        for _ in 0..<50 { usleep(2_000); harness.app.tick() }
        XCTAssertNil(screen.result, "the result waits behind the lock screen")
        harness.logIn("admin")
        harness.app.finishWork()
        XCTAssertEqual(screen.result, "finished")
    }
}
