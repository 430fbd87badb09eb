import ClinicServices
import TerminalKit

/// Words for actions, and the help overlay's lines generated from the active keymap.
enum HelpText {
    /// Every action's words (a test checks none is missing).
    static let labels: [KeyAction: String] = [
        .help: "Help",
        .back: "Back",
        .lock: "Lock",
        .quit: "Quit",
        .logout: "Log out",
        .nextField: "Next field",
        .prevField: "Previous field",
        .submit: "Submit",
        .open: "Open",
        .new: "New",
        .edit: "Edit",
        .status: "(De)activate",
        .addBackground: "Add allergy etc.",
        .startVisit: "Start visit",
        .complete: "Complete",
        .route: "Redirect",
        .cancelVisit: "Cancel",
        .toCounselling: "To counselling",
        .note: "Note",
        .diagnosis: "Diagnosis",
        .summary: "Summary file",
        .prescribe: "Prescribe",
        .repeatPrescription: "Repeat",
        .screening: "Screen",
        .hivTest: "HIV",
        .refer: "Refer",
        .addendum: "Addendum",
        .dispense: "Dispense",
        .save: "Save",
        .nextSection: "Next section",
        .prevSection: "Previous section",
        .suppliers: "Suppliers",
        .locations: "Locations",
        .checkIn: "Check in",
        .reschedule: "Reschedule",
        .noShows: "No-shows",
        .cancelBooking: "Cancel booking",
        .followUp: "Follow-up",
        .restoreBooking: "Undo no-show",
        .itemSettings: "Settings",
        .adjust: "Adjust",
        .writeOff: "Write off",
        .transfer: "Transfer",
        .stockTake: "Stock take",
        .dailyReport: "Daily report",
        .monthlyReport: "Monthly report",
        .earlier: "Earlier",
        .later: "Later",
        .export: "Export",
        .filter: "Filter",
        .verify: "Verify",
        .keepCentral: "Keep central",
        .keepTruck: "Keep truck's",
        .up: "Up",
        .down: "Down",
        .pageUp: "Page up",
        .pageDown: "Page down",
        .first: "First",
        .last: "Last",
        .wholeRow: "Whole row",
    ]

    /// The action's words in the key bar and the help.
    static func label(_ action: KeyAction) -> String { labels[action] ?? action.rawValue }

    /// Keys a focused text field takes for itself: typing and moving in the text.
    static func editsText(_ key: Key) -> Bool {
        key.isPrintable || [.home, .end, .left, .right, .backspace, .delete].contains(key)
    }

    /// The help overlay's lines: what this screen does for this role, how to move, and the
    /// keys that work everywhere; each with the active keymap's keys.
    /// `rowIsCut`: the selected table row is cut to fit, so the whole-row key is listed.
    static func lines(for keymap: Keymap, screen: any Screen, session: Session?, rowIsCut: Bool = false) -> [String] {
        let atLogin = screen is LoginScreen
        let global =
            [KeyAction.help] + (atLogin ? [] : [.back]) + (session == nil || atLogin ? [] : [.lock])
            + (session == nil ? [] : [.logout]) + [.quit]
        let moving: [KeyAction] =
            screen.contexts.contains(.list) || screen.helpActions.contains(.open)
            ? [.up, .down, .pageUp, .pageDown, .first, .last] + (rowIsCut ? [.wholeRow] : []) : []
        let inForm: [KeyAction] = screen.contexts.contains(.form) ? [.nextField, .prevField, .submit] : []
        let own = ScreenKeys.offered(screen.helpActions, on: screen, session: session)
            .filter { !global.contains($0) && !moving.contains($0) && !inForm.contains($0) && !(atLogin && $0 == .back) }
        let groups: [(String, [KeyAction])] = [
            ("On this screen:", own), (screen.movementHeading, moving), ("In a form:", inForm),
            ("Everywhere:", global),
        ]
        var lines: [String] = []
        for (heading, actions) in groups where !actions.isEmpty {
            lines.append(heading)
            for action in actions {
                // Where a field takes typing, a printable key types and the editing keys move in
                // the text; only the others are listed.
                let keys = keymap.keys(for: action, in: action.context).filter { !screen.capturesText || !Self.editsText($0) }
                    .map(Keymap.label).joined(separator: ", ")
                guard !keys.isEmpty else { continue }
                let word = action == .submit ? "Submit at end" : screen.keyLabel(action) ?? label(action)
                lines.append("  " + DisplayWidth.fit(word, columns: 18) + keys)
            }
        }
        lines.append("Ctrl-C quits from anywhere.")
        return lines
    }
}
