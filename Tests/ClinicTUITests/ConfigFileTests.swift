import TerminalKit
import TestSupport
import XCTest

@testable import ClinicTUI

/// Broken keymaps and screen definitions stop start-up with `file:line: reason`.
final class ConfigFileTests: XCTestCase {
    let folder = TemporaryFolder()

    func keymapError(_ yaml: String) -> String {
        let path = folder.file("keys.yaml")
        try! yaml.write(toFile: path, atomically: true, encoding: .utf8)
        do {
            _ = try Keymap(path: path)
            return "loaded"
        } catch {
            return "\(error)".replacingOccurrences(of: path, with: "keys.yaml")
        }
    }

    var defaultKeymap: String { try! String(contentsOfFile: repositoryRoot + "/Keymaps/default.yaml", encoding: .utf8) }

    func testDefaultKeymapLoads() throws {
        let keymap = try Keymap(path: repositoryRoot + "/Keymaps/default.yaml")
        XCTAssertEqual(keymap.action(for: .function(1), in: [.form]), .help)
        XCTAssertEqual(keymap.action(for: .enter, in: [.form]), .submit)
        XCTAssertEqual(keymap.action(for: .enter, in: [.list]), .open)
        XCTAssertNil(keymap.action(for: .character("z"), in: [.list]))
    }

    func testEveryKindOfKeymapMistakeIsLocated() {
        let cases: [(String, String)] = [
            (
                defaultKeymap.replacingOccurrences(of: "lock: [ctrl-l]", with: "lock: [ctrl-ll]"),
                "keys.yaml:9: unknown key name 'ctrl-ll' for 'lock'"
            ),
            (
                defaultKeymap.replacingOccurrences(of: "  logout: [f9]", with: "  logout: [f9]\n  launch: [f8]"),
                "keys.yaml:11: unknown action 'launch' in 'global' (known: help, back, lock, quit, logout)"
            ),
            (
                defaultKeymap.replacingOccurrences(of: "back: [esc]", with: "back: [esc, f1]"),
                "keys.yaml:8: key 'f1' is bound twice in 'global' ('help' and 'back')"
            ),
            (
                defaultKeymap.replacingOccurrences(of: "list:", with: "lists:"),
                "keys.yaml:16: unknown context 'lists' (known: global, form, list, record, visit, editor, stock, schedule, reports, sync)"
            ),
            (
                defaultKeymap.replacingOccurrences(of: "  submit: [enter]\n", with: ""),
                "keys.yaml:6: no key bound to 'submit' in 'form'"
            ),
            ("global: [help", "keys.yaml:2: YAML error: did not find expected ',' or ']'"),
            ("- just\n- a list\n", "keys.yaml:1: the keymap must be a mapping (key: value)"),
        ]
        for (yaml, expected) in cases { XCTAssertEqual(keymapError(yaml), expected) }
        XCTAssertEqual(keymapError(defaultKeymap), "loaded")
    }

    func testMissingKeymapFile() {
        XCTAssertThrowsError(try Keymap(path: folder.file("nope.yaml"))) {
            XCTAssertTrue("\($0)".hasSuffix("nope.yaml: cannot read the file (missing or not readable)"), "\($0)")
        }
    }

    func screensError(login: String) -> String {
        let screens = folder.file("Screens")
        if !FileManager.default.fileExists(atPath: screens) {
            try! FileManager.default.createDirectory(atPath: screens, withIntermediateDirectories: true)
            for name in try! FileManager.default.contentsOfDirectory(atPath: repositoryRoot + "/Screens")
            where name != "login.yaml" {
                try! FileManager.default.copyItem(atPath: repositoryRoot + "/Screens/" + name, toPath: screens + "/" + name)
            }
        }
        try! login.write(toFile: screens + "/login.yaml", atomically: true, encoding: .utf8)
        do {
            _ = try ScreenCatalog(folder: screens)
            return "loaded"
        } catch {
            return "\(error)".replacingOccurrences(of: screens + "/", with: "")
        }
    }

    func testScreenDefinitionMistakesAreLocated() throws {
        let login = try String(contentsOfFile: repositoryRoot + "/Screens/login.yaml", encoding: .utf8)
        XCTAssertEqual(screensError(login: login), "loaded")
        XCTAssertEqual(
            screensError(login: login.replacingOccurrences(of: "id: password", with: "id: passwrd")),
            "login.yaml:8: unknown field id 'passwrd' (known: password, username)")
        XCTAssertEqual(
            screensError(login: login.replacingOccurrences(of: "kind: password", with: "kind: secret")),
            "login.yaml:10: unknown kind 'secret' (known: text, password)")
        XCTAssertEqual(
            screensError(login: login.replacingOccurrences(of: "width: 24", with: "width: wide")),
            "login.yaml:6: width must be a whole number from 1 to 60")
        XCTAssertEqual(
            screensError(login: login.replacingOccurrences(of: "keys: [help,", with: "keys: [helpme,")),
            "login.yaml:13: unknown action 'helpme' in keys")
        XCTAssertEqual(
            screensError(login: "title: Log in\nfields:\n  - id: username\n"),
            "login.yaml:1: screen 'login' needs a field 'password'")
        XCTAssertEqual(screensError(login: "title: [Log in\n"), "login.yaml:2: YAML error: did not find expected ',' or ']'")
    }

    func testMissingScreenFile() {
        XCTAssertThrowsError(try ScreenCatalog(folder: folder.path)) {
            XCTAssertTrue("\($0)".hasSuffix("/addendum.yaml: cannot read the file (missing or not readable)"), "\($0)")
        }
    }
}
