import ClinicServices
import TerminalKit

/// Words for actions, and the help overlay's lines generated from the active keymap.
enum HelpText {
    static func label(_ action: KeyAction) -> String {
        switch action {
        case .help: "Help"
        case .back: "Back"
        case .lock: "Lock"
        case .quit: "Quit"
        case .logout: "Log out"
        case .nextField: "Next field"
        case .prevField: "Previous field"
        case .submit: "Submit"
        case .open: "Open"
        case .new: "New"
        case .edit: "Edit"
        case .status: "(De)activate"
        case .addBackground: "Add allergy etc."
        case .startVisit: "Start visit"
        case .complete: "Complete"
        case .route: "Redirect"
        case .cancelVisit: "Cancel"
        case .toCounselling: "To counselling"
        case .note: "Note"
        case .diagnosis: "Diagnosis"
        case .summary: "Summary file"
        case .prescribe: "Prescribe"
        case .repeatPrescription: "Repeat"
        case .refer: "Refer"
        case .addendum: "Addendum"
        case .dispense: "Dispense"
        case .save: "Save"
        case .nextSection: "Next section"
        case .prevSection: "Previous section"
        case .suppliers: "Suppliers"
        case .locations: "Locations"
        case .checkIn: "Check in"
        case .reschedule: "Reschedule"
        case .noShows: "No-shows"
        case .cancelBooking: "Cancel booking"
        case .followUp: "Follow-up"
        case .restoreBooking: "Undo no-show"
        case .itemSettings: "Settings"
        case .adjust: "Adjust"
        case .writeOff: "Write off"
        case .transfer: "Transfer"
        case .stockTake: "Stock take"
        case .dailyReport: "Daily report"
        case .monthlyReport: "Monthly report"
        case .earlier: "Earlier"
        case .later: "Later"
        case .export: "Export"
        case .filter: "Filter"
        case .verify: "Verify"
        case .keepCentral: "Keep central"
        case .keepTruck: "Keep truck's"
        case .up: "Up"
        case .down: "Down"
        case .pageUp: "Page up"
        case .pageDown: "Page down"
        case .first: "First"
        case .last: "Last"
        case .wholeRow: "Whole row"
        }
    }

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
