import TerminalKit

/// A stable command id that a keymap binds keys to.
public enum KeyAction: String, CaseIterable, Sendable {
    case help, back, lock, quit, logout
    case nextField = "next-field", prevField = "prev-field", submit
    case open, new, up, down, pageUp = "page-up", pageDown = "page-down", first, last, wholeRow = "whole-row"
    case edit, status, addBackground = "add-background", startVisit = "start-visit"
    case complete, route, cancelVisit = "cancel-visit"
    case toCounselling = "to-counselling", note, diagnosis, summary, prescribe, refer, addendum, dispense
    case repeatPrescription = "repeat-prescription", screening, hivTest = "hiv-test"
    case save, nextSection = "next-section", prevSection = "prev-section"
    case locations, checkIn = "check-in", reschedule, noShows = "no-shows", cancelBooking = "cancel-booking", followUp =
        "follow-up"
    case restoreBooking = "restore-booking"
    case suppliers, itemSettings = "item-settings", adjust, writeOff = "write-off", transfer, stockTake = "stock-take"
    case dailyReport = "daily-report", monthlyReport = "monthly-report", earlier, later, export, filter, verify
    case keepCentral = "keep-central", keepTruck = "keep-truck"

    /// The one context this action is bound in.
    public var context: KeyContext {
        KeyContext.allCases.first { $0.actions.contains(self) }!
    }
}

/// Where a binding applies. `global` bindings work on every screen unless a more
/// specific context binds the same key.
public enum KeyContext: String, CaseIterable, Sendable {
    case global, form, list, record, visit, editor, stock, schedule, reports, sync

    /// The actions that may be bound in this context.
    public var actions: [KeyAction] {
        switch self {
        case .global: [.help, .back, .lock, .quit, .logout]
        case .form: [.nextField, .prevField, .submit]
        case .list: [.open, .new, .up, .down, .pageUp, .pageDown, .first, .last, .wholeRow]
        case .record: [.edit, .status, .addBackground, .startVisit]
        case .visit:
            [
                .complete, .route, .cancelVisit, .toCounselling, .note, .diagnosis, .summary, .prescribe, .refer, .addendum,
                .dispense, .followUp, .repeatPrescription, .screening, .hivTest,
            ]
        case .editor: [.save, .nextSection, .prevSection]
        case .schedule: [.locations, .checkIn, .reschedule, .noShows, .cancelBooking, .restoreBooking]
        case .stock: [.suppliers, .itemSettings, .adjust, .writeOff, .transfer, .stockTake]
        case .reports: [.dailyReport, .monthlyReport, .earlier, .later, .export, .filter, .verify]
        case .sync: [.keepCentral, .keepTruck]
        }
    }
}

/// Key bindings per context, loaded from `Keymaps/*.yaml`.
public struct Keymap: Sendable {
    /// Keys for each action, per context, in file order.
    public private(set) var bindings: [KeyContext: [(action: KeyAction, keys: [Key])]]
    /// The file the bindings came from.
    public let source: String

    /// Loads and checks a keymap file: unknown context, action or key name, or one key
    /// bound twice in a context, stops with `file:line: reason`.
    public init(path: String) throws {
        let file = try YAMLFile(path: path)
        source = path
        bindings = [:]
        for (contextNode, actionsNode) in try file.mapping(file.root, "the keymap") {
            let contextName = try file.string(contextNode, "a context name")
            guard let context = KeyContext(rawValue: contextName) else {
                let known = KeyContext.allCases.map(\.rawValue).joined(separator: ", ")
                throw file.error("unknown context '\(contextName)' (known: \(known))", at: contextNode)
            }
            var seen: [Key: KeyAction] = [:]
            var list: [(KeyAction, [Key])] = []
            for (actionNode, keysNode) in try file.mapping(actionsNode, "context '\(contextName)'") {
                let actionName = try file.string(actionNode, "an action name")
                guard let action = KeyAction(rawValue: actionName), context.actions.contains(action) else {
                    let known = context.actions.map(\.rawValue).joined(separator: ", ")
                    throw file.error("unknown action '\(actionName)' in '\(contextName)' (known: \(known))", at: actionNode)
                }
                var keys: [Key] = []
                for (keyName, keyNode) in try file.strings(keysNode, "the keys of '\(actionName)'") {
                    guard let key = Key(name: keyName) else {
                        throw file.error("unknown key name '\(keyName)' for '\(actionName)'", at: keyNode)
                    }
                    if let other = seen[key] {
                        throw file.error(
                            "key '\(keyName)' is bound twice in '\(contextName)' ('\(other.rawValue)' and '\(actionName)')",
                            at: keyNode)
                    }
                    seen[key] = action
                    keys.append(key)
                }
                list.append((action, keys))
            }
            bindings[context] = list
        }
        for context in KeyContext.allCases {
            for action in context.actions where keys(for: action, in: context).isEmpty {
                throw file.error("no key bound to '\(action.rawValue)' in '\(context.rawValue)'", at: file.root)
            }
        }
    }

    /// The keys bound to `action` in `context`.
    public func keys(for action: KeyAction, in context: KeyContext) -> [Key] {
        bindings[context]?.first { $0.action == action }?.keys ?? []
    }

    /// The action `key` means, looking in `contexts` first and then in `global`.
    public func action(for key: Key, in contexts: [KeyContext]) -> KeyAction? {
        for context in contexts + [.global] {
            if let match = bindings[context]?.first(where: { $0.keys.contains(key) }) { return match.action }
        }
        return nil
    }

    /// A short label for the first key of `action`, for key bars ("F1", "Esc", "^L").
    public func label(for action: KeyAction) -> String {
        keys(for: action, in: action.context).first.map(Self.label) ?? "?"
    }

    /// How a key is written on screen.
    public static func label(_ key: Key) -> String {
        switch key {
        case .function(let n): "F\(n)"
        case .control(let c): "^" + c.uppercased()
        case .alt(let c): "M-\(c)"
        case .escape: "Esc"
        case .enter: "Enter"
        case .tab: "Tab"
        case .backTab: "S-Tab"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .character: key.name
        default: key.name.prefix(1).uppercased() + key.name.dropFirst()
        }
    }
}
