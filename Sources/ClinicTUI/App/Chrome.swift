import ClinicDomain
import TerminalKit

/// The parts of the screen every screen shares: title bar, status line, key bar.
enum Chrome {
    static func renderTitle(_ title: String, environment: AppEnvironment, into canvas: inout Canvas) {
        StatusBar.render(left: "Mobile Clinic · \(title)", right: "F1 help", into: &canvas, y: 0)
    }

    /// The status line: who is logged in (and, on the rows above it, the app's `notice`), the site and the time.
    static func renderStatus(environment: AppEnvironment, notice: String?, into canvas: inout Canvas) {
        if let notice {
            // Above the status line, which keeps saying who is logged in; wrapped, not cut.
            // In the bar's colours, starting in the column a screen's own messages start in.
            let lines = DisplayWidth.wrap(notice, columns: canvas.width - 4).suffix(2)
            for (index, line) in lines.enumerated() {
                let y = canvas.height - 2 - lines.count + index
                canvas.fill(x: 0, y: y, width: canvas.width, height: 1, style: .bar)
                canvas.put(line, x: 2, y: y, style: .bar)
            }
        }
        let right = environment.settings.siteName + " · " + ClinicTime.clockText(environment.clock.now()) + " SAST"
        // As StatusBar lays it out: a column at each end and two between the texts.
        let room = canvas.width - 4 - min(DisplayWidth.of(right), (canvas.width - 2) / 2)
        let who =
            environment.session.map { session in
                // The longest form that fits: name, username and role; then without the username.
                [
                    "\(session.fullName) (\(session.username)) · \(session.role.title)",
                    "\(session.fullName) · \(session.role.title)",
                ]
                .first { DisplayWidth.of($0) <= room } ?? DisplayWidth.fit(session.fullName, columns: room)
            } ?? "Not logged in"
        StatusBar.render(left: who, right: right, into: &canvas, y: canvas.height - 2)
    }

    /// The key bar: the screen's actions this role may use.
    static func renderKeyBar(_ screen: any Screen, environment: AppEnvironment, into canvas: inout Canvas) {
        let actions = ScreenKeys.offered(screen.keyBarActions, on: screen, session: environment.session)
        KeyBar.render(
            actions.map { (environment.keymap.label(for: $0), screen.keyLabel($0) ?? HelpText.label($0)) },
            into: &canvas, y: canvas.height - 1)
    }

    /// Shown instead of any screen while the terminal is below 80x24.
    static func renderTooSmall(into canvas: inout Canvas) {
        let lines = [
            "Terminal too small: \(canvas.width)x\(canvas.height).",
            "Please enlarge it to at least \(ClinicApp.minimumSize.columns)x\(ClinicApp.minimumSize.rows).",
            "Ctrl-C quits.",
        ]
        let top = max(0, canvas.height / 2 - 1)
        for (index, line) in lines.enumerated() {
            let x = max(0, (canvas.width - DisplayWidth.of(line)) / 2)
            canvas.put(line, x: x, y: top + index, style: index == 0 ? .strong : .plain)
        }
    }
}
