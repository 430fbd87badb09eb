import ClinicServices
import ClinicStore
import Foundation
import TerminalKit
import TestSupport
import XCTest

@testable import ClinicTUI

/// The repository root, found from this file's path, for Screens/, Keymaps/ and snapshots.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().path

/// A ClinicApp on a demo database with a fixed clock (Tue 24 Nov 2026 10:30 SAST), driven by keys.
final class AppHarness {
    static let start = Date(timeIntervalSince1970: 1_795_509_000)
    let folder = TemporaryFolder()
    let clock = ManualClock(AppHarness.start)
    let database: ClinicDatabase
    let app: ClinicApp
    let password = "clinic-demo"

    init(idleLockSeconds: TimeInterval = 300, keymap: String = repositoryRoot + "/Keymaps/default.yaml") throws {
        setlocale(LC_ALL, "C.UTF-8")
        database = try ClinicSetup(clock: clock).demo(at: folder.file("clinic.sqlite"), password: password)
        let environment = AppEnvironment(
            services: try ServiceSet(database: database, clock: clock), keymap: try Keymap(path: keymap),
            screens: try ScreenCatalog(folder: repositoryRoot + "/Screens"), terminalName: "test")
        app = ClinicApp(environment: environment, idleLockSeconds: idleLockSeconds)
    }

    /// Presses each key and lets any background work it started finish, as the run loop would.
    func press(_ keys: Key...) {
        for key in keys {
            app.process(key)
            app.finishWork()
        }
    }

    func type(_ text: String) { text.forEach { app.process(.character($0)) } }

    /// Fills a form's fields from the focused one on, as a person does: each value typed and
    /// Enter, which moves to the next field and submits on the last.
    func fill(_ values: String...) {
        for value in values {
            type(value)
            press(.enter)
        }
    }

    /// Types username, Enter, password, Enter on the login (or lock) screen.
    func logIn(_ username: String, password: String? = nil) {
        if app.top is LoginScreen, (app.top as! LoginScreen).lockedUser == nil {
            type(username)
            press(.enter)
        }
        type(password ?? self.password)
        press(.enter)
    }

    /// Opens the home menu entry titled `title` with the arrow keys and Enter.
    func openMenu(_ title: String) {
        guard let home = app.top as? HomeScreen, let index = home.entries.firstIndex(where: { $0.title == title }) else {
            return XCTFail("no menu entry \(title) on:\n\(screen())")
        }
        press(.home)
        for _ in 0..<index { press(.down) }
        press(.enter)
    }

    func screen(_ columns: Int = 80, _ rows: Int = 24) -> String {
        app.frame(columns: columns, rows: rows).text
    }

    /// The screen as a golden file holds it: its text, then a second layer with each cell's
    /// style, so a lost RED triage or error style fails like a lost word.
    func snapshot(_ columns: Int = 80, _ rows: Int = 24) -> String {
        let canvas = app.frame(columns: columns, rows: rows)
        return canvas.text + "\n" + StyleLayer.text(of: canvas)
    }

    /// The style of the first cell of `text` on the 80x24 screen, nil when it is not shown.
    func styleAt(text: String) -> Style? {
        let canvas = app.frame(columns: 80, rows: 24)
        for y in 0..<canvas.height {
            let line = canvas.line(y)
            guard let range = line.range(of: text) else { continue }
            return canvas[line.distance(from: line.startIndex, to: range.lowerBound), y].style
        }
        return nil
    }
}

extension ClinicApp {
    /// Ticks until the running background job (if any) has handed back its result.
    func finishWork(timeout: TimeInterval = 60) {
        let deadline = Date().addingTimeInterval(timeout)
        while job != nil, Date() < deadline {
            usleep(1_000)
            tick()
        }
        XCTAssertNil(job, "background work finished within \(timeout) s")
    }
}

/// Path of the golden file `Snapshots/<name>.txt`.
func goldenPath(_ name: String) -> String {
    repositoryRoot + "/Tests/ClinicTUITests/Snapshots/\(name).txt"
}

/// The screen text stored in golden file `name` (without its final newline).
func golden(_ name: String) throws -> String {
    String(try String(contentsOfFile: goldenPath(name), encoding: .utf8).dropLast())
}

/// Compares `text` with `Snapshots/<name>.txt`. Set UPDATE_SNAPSHOTS=1 to rewrite the
/// golden files deliberately; a missing golden file fails and is written for review.
func assertSnapshot(_ text: String, named name: String, file: StaticString = #filePath, line: UInt = #line) {
    let path = goldenPath(name)
    let update = ProcessInfo.processInfo.environment["UPDATE_SNAPSHOTS"] == "1"
    guard !update, let golden = try? String(contentsOfFile: path, encoding: .utf8) else {
        try? (text + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        if !update { XCTFail("no golden file \(name).txt; wrote it from this run for review:\n\(text)", file: file, line: line) }
        return
    }
    if golden != text + "\n" {
        XCTFail("screen differs from \(name).txt\n--- expected\n\(golden)--- rendered\n\(text)", file: file, line: line)
    }
}
