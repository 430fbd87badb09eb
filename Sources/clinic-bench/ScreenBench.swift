import ClinicDomain
import ClinicServices
import ClinicStore
import ClinicTUI
import Foundation
import TerminalKit

/// Each main screen rendered into the canvas (80x24) as staff reach it: logged in as the
/// role that uses it, on the bench data set, driven by keys like the screen tests.
enum ScreenBench {
    static let renders = 300

    /// One measure per screen, plus the canvases (for the ncurses blit).
    static func render(_ database: ClinicDatabase) throws -> (measures: [Measure], frames: [Canvas]) {
        let recordFolder = try database.pool.read {
            try String.fetchOne($0, sql: "SELECT folderNumber FROM patient ORDER BY rowid LIMIT 1")!
        }
        var measures: [Measure] = [], frames: [Canvas] = []
        func measure(_ name: String, _ app: ClinicApp) {
            var m = Measure(name: "render: \(name)")
            for _ in 0..<renders { m.time { _ = app.frame(columns: 80, rows: 24) } }
            m.target = ("p99 < 2 ms", m.percentile(0.99) < 2)
            measures.append(m)
            frames.append(app.frame(columns: 80, rows: 24))
        }
        let clerk = try app(database)
        measure("login", clerk)
        logIn(clerk, "clerk")
        measure("home menu", clerk)
        open(clerk, "Patients: find and register")
        type(clerk, "ndl")
        measure("patient search, 20 results", clerk)
        clerk.process(.control("u"))
        type(clerk, recordFolder)
        clerk.process(.enter)
        measure("patient record, 50 visits", clerk)

        for (user, entry, name) in [
            ("nurse", "Nursing queue: vitals and triage", "nursing queue, 500 waiting"),
            ("doctor", "Consultation queue", "consultation queue, 500 waiting"),
            ("stock", "Stock: scan in, items, stock take", "stock, 2,000 items"),
            ("admin", "Dashboard and reports", "dashboard"),
        ] {
            let staff = try app(database)
            logIn(staff, user)
            open(staff, entry)
            measure(name, staff)
        }
        return (measures, frames)
    }

    static func app(_ database: ClinicDatabase) throws -> ClinicApp {
        let environment = AppEnvironment(
            services: try ServiceSet(database: database), keymap: try Keymap(path: "Keymaps/default.yaml"),
            screens: try ScreenCatalog(folder: "Screens"), terminalName: "bench")
        return ClinicApp(environment: environment)
    }

    static func type(_ app: ClinicApp, _ text: String) { text.forEach { app.process(.character($0)) } }

    static func logIn(_ app: ClinicApp, _ username: String) {
        type(app, username)
        app.process(.enter)
        type(app, "bench-password")
        app.process(.enter)
    }

    static func open(_ app: ClinicApp, _ title: String) {
        guard let home = app.top as? HomeScreen, let index = home.entries.firstIndex(where: { $0.title == title }) else {
            fatalError("bench: no home entry '\(title)' on:\n\(app.frame(columns: 80, rows: 24).text)")
        }
        app.process(.home)
        for _ in 0..<index { app.process(.down) }
        app.process(.enter)
    }
}
