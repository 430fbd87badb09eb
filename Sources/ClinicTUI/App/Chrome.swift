import ClinicDomain
import TerminalKit

/// The parts of the screen every screen shares: title bar, status line, key bar.
enum Chrome {
    static func renderTitle(_ title: String, environment: AppEnvironment, into canvas: inout Canvas) {
        StatusBar.render(left: "Mobile Clinic · \(title)", right: "F1 help", into: &canvas, y: 0)
    }

    static func renderStatus(environment: AppEnvironment, into canvas: inout Canvas) {
        let who = environment.session.map { "\($0.fullName) (\($0.username)) · \($0.role.title)" } ?? "Not logged in"
        StatusBar.render(left: who, right: environment.settings.siteName + " · " + ClinicTime.clockText(environment.clock.now()) + " SAST",
                         into: &canvas, y: canvas.height - 2)
    }

    static func renderKeyBar(_ screen: any Screen, keymap: Keymap, into canvas: inout Canvas) {
        KeyBar.render(screen.keyBarActions.map { (keymap.label(for: $0), screen.keyLabel($0) ?? HelpText.label($0)) },
                      into: &canvas, y: canvas.height - 1)
    }

    /// Shown instead of any screen while the terminal is below 80x24.
    static func renderTooSmall(into canvas: inout Canvas) {
        let lines = ["Terminal too small: \(canvas.width)x\(canvas.height).",
                     "Please enlarge it to at least \(ClinicApp.minimumSize.columns)x\(ClinicApp.minimumSize.rows).",
                     "Ctrl-C quits."]
        let top = max(0, canvas.height / 2 - 1)
        for (index, line) in lines.enumerated() {
            let x = max(0, (canvas.width - DisplayWidth.of(line)) / 2)
            canvas.put(line, x: x, y: top + index, style: index == 0 ? .strong : .plain)
        }
    }
}
