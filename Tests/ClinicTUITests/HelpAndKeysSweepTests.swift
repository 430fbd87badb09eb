import ClinicDomain
import TerminalKit
import XCTest

@testable import ClinicTUI

/// On every screen of every role: F1 shows the screen's own actions that the role may use,
/// fits at 80x24 and pages when long; the key bar offers only what the role may do; and a
/// key the role may not use is refused in plain words before the screen acts on it.
final class HelpAndKeysSweepTests: XCTestCase {
    func testHelpFitsPagesAndListsWhatTheRoleMayDoHere() throws {
        let harness = try AppHarness()
        try LongData.seed(harness)
        var paged = 0
        let visited = try ScreenWalk(harness: harness).each { place in
            let app = place.app, screen = app.top, session = app.environment.session
            app.process(.function(1))
            guard app.isHelpVisible else { return XCTFail("F1 opens the help on \(place.path)") }
            var shown: [String] = [], pages = 0
            while app.isHelpVisible, pages < 10 {
                let canvas = app.frame(columns: 80, rows: 24)
                XCTAssertEqual(canvas.clipped, [], "help cut off on \(place.path)")
                shown += helpLines(canvas)
                pages += 1
                app.process(.pageDown)
            }
            paged += pages > 1 ? 1 : 0
            let offered = ScreenKeys.offered(screen.helpActions, on: screen, session: session)
            for action in screen.helpActions where ![.help, .back].contains(action) {
                let label = screen.keyLabel(action) ?? HelpText.label(action)
                let listed = shown.contains { $0.hasPrefix("  " + label + " ") }
                XCTAssertEqual(listed, offered.contains(action), "\(label) in the help on \(place.path)")
            }
            XCTAssertFalse(
                shown.contains { $0.contains("Diagnosis") } && !screen.helpActions.contains(.diagnosis),
                "no other screen's actions on \(place.path)")
            if screen.capturesText {
                XCTAssertFalse(
                    shown.contains { $0.hasSuffix(", k") || $0.hasSuffix(", j") || $0.hasSuffix(", ?") },
                    "where a field takes typing, no printable key is offered as a command: \(place.path)")
            }
        }
        XCTAssertGreaterThan(visited, 150)
        XCTAssertGreaterThan(paged, 0, "some help is long enough to page")
    }

    func testKeysTheRoleMayNotUseAreNeitherOfferedNorObeyed() throws {
        let harness = try AppHarness()
        try LongData.seed(harness)
        var refused = 0
        try ScreenWalk(harness: harness, withActions: false).each { place in
            let app = place.app, screen = app.top, session = app.environment.session
            let bar = app.frame(columns: 200, rows: 24).line(23)
            for action in screen.keyBarActions where !ScreenKeys.allows(action, on: screen, session: session) {
                let label = screen.keyLabel(action) ?? HelpText.label(action)
                XCTAssertFalse(bar.contains(" " + label), "\(label) offered to \(place.role) on \(place.path): \(bar)")
                app.process(app.environment.keymap.keys(for: action, in: action.context)[0])
                XCTAssertTrue(app.top === screen, "\(label) opens nothing for \(place.role) on \(place.path)")
                let notice = try XCTUnwrap(app.notice, "\(label) refused on \(place.path)")
                XCTAssertTrue(notice.hasPrefix("A") && notice.contains(" cannot "), notice)
                XCTAssertFalse(
                    notice.contains("." + "write") || notice.contains("_"), "plain words, no permission ids: \(notice)")
                XCTAssertTrue(app.frame(columns: 80, rows: 24).text.contains(notice), "the refusal is on screen")
                refused += 1
            }
        }
        XCTAssertGreaterThan(refused, 20, "refusals checked")
    }

    /// The lines inside the help box, without its border.
    private func helpLines(_ canvas: Canvas) -> [String] {
        (0..<canvas.height).map(canvas.line).compactMap { line in
            guard let open = line.firstIndex(of: "│"), let close = line.lastIndex(of: "│"), open < close else { return nil }
            let inner = String(line[line.index(after: open)..<close])
            return inner.hasPrefix(" ")
                ? String(inner.dropFirst()).replacingOccurrences(of: " +$", with: "", options: .regularExpression) : nil
        }
    }
}
