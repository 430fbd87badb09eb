import Foundation
import XCTest

/// The terminals a truck may have: each TERM and locale in tmux at 80x24 and 200x60, a
/// registration form typed half-way, the window resized under it (larger, too small, back),
/// the typed text still there, then the form finished and the patient found.
final class TerminalEdgeCaseTests: XCTestCase {
    var folder = ""
    var database: String { folder + "/clinic.sqlite" }

    override func setUpWithError() throws { folder = try ClinicBinary.demoFolder() }
    override func tearDown() { try? FileManager.default.removeItem(atPath: folder) }

    func testEveryTerminalTypeLocaleAndSizeWithAResizeDuringAForm() throws {
        let terminals: [(term: String, locale: String, columns: Int, rows: Int)] = [
            ("xterm-256color", "C.UTF-8", 80, 24), ("screen", "C.UTF-8", 200, 60), ("vt100", "C.UTF-8", 80, 24),
            ("linux", "C.UTF-8", 200, 60), ("xterm-256color", "C", 80, 24), ("vt100", "POSIX", 200, 60),
        ]
        let surnames = ["Ndlovu", "Dlamini", "Nkosi", "Mokoena", "Botha", "Naidoo"]
        let ids = ["7506155123085", "6803220234083", "9207075871089", "8001015009087", "8505250123080", "9001014800089"]
        for (index, terminal) in terminals.enumerated() {
            let label = "TERM=\(terminal.term) LANG=\(terminal.locale) \(terminal.columns)x\(terminal.rows)"
            print("terminal edge case: \(label)")
            let tmux = try Tmux(
                ClinicBinary.command(database, environment: "TERM=\(terminal.term) LC_ALL=\(terminal.locale)")
                    .replacingOccurrences(of: "LANG=C.UTF-8", with: "LANG=\(terminal.locale)"),
                columns: terminal.columns, rows: terminal.rows)
            try tmux.waitFor("Log in with your own username")
            try tmux.type("clerk"); try tmux.press("Enter")
            try tmux.type("clinic-demo"); try tmux.press("Enter")
            try tmux.waitFor("Welcome, Johan van der Merwe")
            try tmux.type("1"); try tmux.waitFor("Find:")
            // tmux encodes function keys for its own terminal type; a Linux console sends its own.
            if terminal.term == "linux" { try tmux.type("\u{1B}[[B") } else { try tmux.press("F2") }
            try tmux.waitFor("New patient.")
            try tmux.type(surnames[index]); try tmux.press("Enter")
            // Resized in the middle of the form: larger, too small, back.
            try tmux.resize(columns: 200, rows: 60)
            try tmux.waitFor(surnames[index])
            try tmux.resize(columns: 60, rows: 20)
            try tmux.waitFor("Terminal too small: 60x20.")
            try tmux.resize(columns: terminal.columns, rows: terminal.rows)
            let form = try tmux.waitFor("New patient.")
            XCTAssertTrue(form.contains(surnames[index]), "\(label): the typed surname survived the resizes\n\(form)")
            try tmux.type("Thabo"); try tmux.press("Enter", "Enter")
            try tmux.type(ids[index])
            for _ in 0..<12 { try tmux.press("Enter") }
            let record = try tmux.waitFor("\(surnames[index].uppercased()), Thabo")
            XCTAssertFalse(record.contains("Terminal too small"), "\(label)\n\(record)")
        }
        print("terminal edge cases: \(terminals.count) TERM/locale/size combinations, each resized during a form")
    }

    /// Invalid UTF-8 from the terminal (a broken paste, a misconfigured scanner): the program
    /// keeps running and takes the keys that follow.
    func testInvalidUTF8FromTheTerminalIsSurvived() throws {
        let tmux = try Tmux(ClinicBinary.command(database))
        try tmux.waitFor("Log in with your own username")
        try tmux.type("clerk"); try tmux.press("Enter")
        try tmux.type("clinic-demo"); try tmux.press("Enter")
        try tmux.type("1"); try tmux.waitFor("Find:")
        // A broken two-byte sequence, a lone continuation byte, bytes never valid in UTF-8.
        // ncurses may take the key after a broken sequence as part of it: a person retypes it.
        _ = try tmux.run(["send-keys", "-t", "main", "-H", "c3", "28", "80", "fe", "ff", "c0", "af"])
        Thread.sleep(forTimeInterval: 0.3)
        try tmux.type("q")
        Thread.sleep(forTimeInterval: 0.3)
        try tmux.press("End", "C-u")
        try tmux.type("ndl")
        let screen = try tmux.waitFor("Find: ndl")
        XCTAssertTrue(screen.contains("Mobile Clinic · Find patient"), screen)
    }
}
