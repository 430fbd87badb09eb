import ClinicDomain
import ClinicServices
import TerminalKit
import TestSupport
import XCTest

@testable import ClinicTUI

/// Every list screen every role reaches from the home menu moves by the keymap's actions:
/// `j`/`k` with the default keymap, and other keys when a keymap re-binds them. Lists are
/// found in each screen's stored state, so a new list screen is covered without being named.
final class ListNavigationSweepTests: XCTestCase {
    /// The list selection a screen holds, directly or in a table.
    static func selection(of screen: any Screen) -> ListSelection? {
        for child in Mirror(reflecting: screen).children {
            if let selection = child.value as? ListSelection { return selection }
            if let nested = Mirror(reflecting: child.value).children.first(where: { $0.value is ListSelection }) {
                return nested.value as? ListSelection
            }
        }
        return nil
    }

    /// Logs in as each role, opens each menu entry and checks that `down` then `up` keys
    /// move a list of two or more rows; returns how many lists were checked.
    func sweep(_ harness: AppHarness, down: Key, up: Key) throws -> Int {
        let shell = Actor.shell(name: "seed")
        XCTAssertTrue(try DemoStock(database: harness.database, clock: harness.clock).seed(), "stock, suppliers and equipment")
        for (surname, id) in [("Ndlovu", "8001015009087"), ("Mokoena", "8801235111088")] {
            let patient = try PatientService(database: harness.database, clock: harness.clock)
                .register(PatientInput(["surname": surname, "first_names": "A", "document_number": id]), by: shell)
            _ = try VisitService(database: harness.database, clock: harness.clock).checkIn(
                patientId: patient.id, reason: "cough", by: shell)
        }
        var checked = 0
        for role in Role.allCases {
            let skipped: [MenuEntry.Destination] = [.lock, .logout, .notYetBuilt]
            for (index, entry) in MenuEntry.entries(for: role).enumerated() where !skipped.contains(entry.destination) {
                let app = ClinicApp(environment: harness.app.environment)
                for text in [role.rawValue, harness.password] {
                    text.forEach { app.process(.character($0)) }
                    app.process(.enter)
                }
                for _ in 0..<index { app.process(down) }
                XCTAssertEqual((app.top as? HomeScreen)?.selection.selected, index, "\(role): the home menu moves with \(down)")
                app.process(.enter)
                let screen = app.top
                guard app.stack.count == 2, !screen.capturesText, let list = Self.selection(of: screen), list.count >= 2 else {
                    continue
                }
                let start = list.selected
                app.process(down)
                XCTAssertEqual(Self.selection(of: screen)?.selected, start + 1, "\(role): \(entry.title) moves down with \(down)")
                app.process(up)
                XCTAssertEqual(Self.selection(of: screen)?.selected, start, "\(role): \(entry.title) moves up with \(up)")
                checked += 1
            }
        }
        return checked
    }

    func testListsMoveWithJAndK() throws {
        XCTAssertGreaterThan(try sweep(try AppHarness(), down: .character("j"), up: .character("k")), 8)
    }

    func testListsMoveWithAReboundKeymap() throws {
        let folder = TemporaryFolder()
        let original = try String(contentsOfFile: repositoryRoot + "/Keymaps/default.yaml", encoding: .utf8)
        let rebound = original.replacingOccurrences(of: "up: [up, k]", with: "up: [up, alt-k]")
            .replacingOccurrences(of: "down: [down, j]", with: "down: [down, alt-j]")
        XCTAssertNotEqual(rebound, original)
        try rebound.write(toFile: folder.file("keys.yaml"), atomically: true, encoding: .utf8)
        let harness = try AppHarness(keymap: folder.file("keys.yaml"))
        XCTAssertGreaterThan(try sweep(harness, down: .alt("j"), up: .alt("k")), 8)
    }
}
