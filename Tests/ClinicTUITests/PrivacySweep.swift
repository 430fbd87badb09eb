import ClinicDomain
import TerminalKit
import XCTest

@testable import ClinicTUI

/// Every frame a role reaches on the in-memory terminal: each home-menu entry and the first
/// row it opens, and one patient's record with each of its visits opened. The privacy tests
/// look for what the role must never see in them.
enum PrivacySweep {
    static func frames(of role: Role, in harness: AppHarness, patientFolder folder: String) -> [String]? {
        harness.press(.function(9))
        harness.logIn(role.rawValue)
        guard let home = harness.app.top as? HomeScreen else { return nil }
        var frames: [String] = []
        for entry in home.entries.map(\.title) where !["Log out", "Lock this terminal"].contains(entry) {
            harness.openMenu(entry)
            frames.append(harness.screen(120, 40))
            harness.press(.enter)
            frames.append(harness.screen(120, 40))
            for _ in 0..<4 where !(harness.app.top is HomeScreen) { harness.press(.escape) }
        }
        if let patients = home.entries.first(where: { $0.destination == .patients }) {
            harness.openMenu(patients.title)
            harness.type(folder)
            harness.press(.enter)
            frames.append(harness.screen(120, 40))
            for _ in 0..<6 {
                harness.press(.down, .enter)
                frames.append(harness.screen(120, 40))
                harness.press(.escape)
            }
            for _ in 0..<4 where !(harness.app.top is HomeScreen) { harness.press(.escape) }
        }
        return frames
    }
}
