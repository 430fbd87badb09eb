import ClinicServices
import ClinicStore
import Foundation
import TerminalKit
import XCTest

@testable import ClinicTUI

/// Tired fingers and worse: random and adversarial key sequences sent to every screen of
/// every role through the in-memory terminal — Esc storms, resizes down to nothing and up
/// to 300 columns, control and function keys, a pasted megabyte, replacement characters,
/// combining marks, zero-width and right-to-left characters. No crash, no hang, and the
/// screen stack's invariants hold after every key. The seed is printed so a failure can be
/// replayed: `CLINIC_FUZZ_SEED=… CLINIC_FUZZ_EVENTS=… swift test --filter KeyFuzzTests`.
final class KeyFuzzTests: XCTestCase {
    static let roles = ["clerk", "nurse", "doctor", "social", "stock", "finance", "admin", "viewer"]
    /// Keys that end the program; quitting is tested elsewhere and would end the run here.
    static let quitting: Set<Key> = [.function(10), .control("q"), .control("c")]

    static let oddCharacters: [Character] = [
        "\u{FFFD}", "\u{0}", "\u{7F}", "\u{200B}", "\u{202E}", "e\u{301}", "中", "🙂", "👩🏽‍⚕️",
        "\u{1B}", "\t", "'", "\"", ";", "%", "_", "\\", "-", "/", " ",
    ]

    /// One burst of keys: mostly single keys, sometimes a storm or a paste.
    static func burst(_ random: inout SplitMix) -> [Key] {
        switch Int.random(in: 0..<100, using: &random) {
        case 0..<40: return [.character(Character(UnicodeScalar(UInt8.random(in: 32...126, using: &random))))]
        case 40..<50: return [oddCharacters.randomElement(using: &random)!].map(Key.character)
        case 50..<68:
            return [
                [
                    .enter, .escape, .tab, .backTab, .backspace, .delete, .up, .down, .left, .right, .home, .end, .pageUp,
                    .pageDown,
                ]
                .randomElement(using: &random)!
            ]
        case 68..<76: return [.function(Int.random(in: 1...12, using: &random))].filter { !quitting.contains($0) }
        case 76..<84:
            let key = Key.control(Character(UnicodeScalar(UInt8.random(in: 97...122, using: &random))))
            return quitting.contains(key) ? [] : [key]
        case 84..<88: return [.alt(Character(UnicodeScalar(UInt8.random(in: 97...122, using: &random))))]
        case 88..<92: return Array(repeating: .escape, count: Int.random(in: 5...200, using: &random))
        case 92..<97:
            return [.resize(columns: Int.random(in: 0...300, using: &random), rows: Int.random(in: 0...100, using: &random))]
        default:
            let text = (0..<Int.random(in: 50...500, using: &random)).map { _ in oddCharacters.randomElement(using: &random)! }
            return text.map(Key.character)
        }
    }

    func testRandomAndAdversarialKeysOnEveryScreenOfEveryRole() throws {
        let seed =
            ProcessInfo.processInfo.environment["CLINIC_FUZZ_SEED"].flatMap(UInt64.init)
            ?? UInt64.random(in: 1...UInt64(UInt32.max))
        let budget = ProcessInfo.processInfo.environment["CLINIC_FUZZ_EVENTS"].flatMap(Int.init) ?? 30_000
        var random = SplitMix(seed: seed)
        var events = 0
        var size = (columns: 80, rows: 24)
        let harness = try AppHarness()
        func check(_ context: @autoclosure () -> String) {
            guard !harness.app.stack.isEmpty else { return XCTFail("empty screen stack (seed \(seed)) \(context())") }
            let canvas = harness.app.frame(columns: size.columns, rows: size.rows)
            if canvas.width != size.columns || canvas.height != size.rows {
                XCTFail("frame \(canvas.width)x\(canvas.height) for \(size) (seed \(seed)) \(context())")
            }
            if harness.app.environment.session == nil, !(harness.app.top is LoginScreen) {
                XCTFail("\(type(of: harness.app.top)) shown with nobody logged in (seed \(seed)) \(context())")
            }
        }
        func send(_ key: Key, _ context: @autoclosure () -> String) {
            if case .resize(let columns, let rows) = key { size = (columns, rows) }
            let started = Date()
            harness.press(key)
            events += 1
            if Date().timeIntervalSince(started) > 5 { XCTFail("\(key) took over 5 s (seed \(seed)) \(context())") }
            if events % 25 == 0 || { if case .resize = key { true } else { false } }() { check(context()) }
        }
        /// Back to a known place: logged in as `role`, on the home menu, 80x24.
        func home(as role: String) -> HomeScreen? {
            for _ in 0..<6 {
                size = (80, 24)
                harness.press(.resize(columns: 80, rows: 24))
                for _ in 0..<30 where !(harness.app.top is HomeScreen || harness.app.top is LoginScreen) {
                    harness.press(.escape)
                }
                if let login = harness.app.top as? LoginScreen {
                    // Clear whatever the fuzz left in the fields, as a person would, and log in
                    // (on a lock screen as the locked user: resume, then switch).
                    for _ in 0..<3 where login.form.focusedID != "password" { harness.press(.tab) }
                    harness.press(.end, .control("u"))
                    for _ in 0..<3 where login.form.focusedID != "username" { harness.press(.backTab) }
                    harness.press(.end, .control("u"))
                    harness.type(login.lockedUser?.username ?? role)
                    harness.press(.enter)
                    harness.type(harness.password)
                    harness.press(.enter)
                } else if harness.app.environment.session?.username != role {
                    harness.press(.function(9))
                } else {
                    return harness.app.top as? HomeScreen
                }
            }
            return nil
        }
        let perScreen = max(50, budget / (Self.roles.count * 12))
        for role in Self.roles {
            var entry = 0
            while true {
                guard let menu = home(as: role) else {
                    return XCTFail("could not get back to the home menu as \(role) (seed \(seed)):\n\(harness.screen())")
                }
                guard entry < menu.entries.count else { break }
                let title = menu.entries[entry].title
                entry += 1
                if ["Log out", "Lock this terminal"].contains(title) { continue }
                harness.openMenu(title)
                var sent = 0
                while sent < perScreen {
                    for key in Self.burst(&random) {
                        send(key, "as \(role) from '\(title)' after \(events) keys")
                        sent += 1
                    }
                }
            }
        }
        // A pasted megabyte into the patient search box.
        _ = home(as: "clerk")
        harness.openMenu("Patients: find and register")
        let megabyte = String(repeating: "Ndlovu Sipho 8001015009087 '; DROP TABLE patient; -- ", count: 1_048_576 / 53)
        let started = Date()
        for character in megabyte { harness.press(.character(character)) }
        events += megabyte.count
        check("after a pasted megabyte")
        XCTAssertLessThan(Date().timeIntervalSince(started), 60, "a pasted megabyte is taken in without stalling")
        print("key fuzzing: \(events) events over \(Self.roles.count) roles' screens (seed \(seed))")
    }
}
