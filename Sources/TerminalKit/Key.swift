/// One key press (or a resize), as screens see it.
public enum Key: Hashable, Sendable {
    case character(Character)
    case enter, escape, tab, backTab, backspace, delete
    case up, down, left, right, home, end, pageUp, pageDown
    case function(Int)
    /// Control plus a lowercase letter, e.g. `.control("l")` for Ctrl-L.
    case control(Character)
    /// Alt (Meta) plus a character.
    case alt(Character)
    /// The terminal changed size.
    case resize(columns: Int, rows: Int)

    /// The stable name used in keymap files: `a`, `A`, `f1`, `ctrl-x`, `alt-x`, `enter`, …
    public var name: String {
        switch self {
        case .character(" "): "space"
        case .character(let c): String(c)
        case .enter: "enter"
        case .escape: "esc"
        case .tab: "tab"
        case .backTab: "shift-tab"
        case .backspace: "backspace"
        case .delete: "delete"
        case .up: "up"
        case .down: "down"
        case .left: "left"
        case .right: "right"
        case .home: "home"
        case .end: "end"
        case .pageUp: "pgup"
        case .pageDown: "pgdn"
        case .function(let n): "f\(n)"
        case .control(let c): "ctrl-\(c)"
        case .alt(let c): "alt-\(c)"
        case .resize(let columns, let rows): "resize-\(columns)x\(rows)"
        }
    }

    private static let named: [String: Key] = [
        "enter": .enter, "esc": .escape, "tab": .tab, "shift-tab": .backTab,
        "backspace": .backspace, "delete": .delete, "up": .up, "down": .down,
        "left": .left, "right": .right, "home": .home, "end": .end,
        "pgup": .pageUp, "pgdn": .pageDown, "space": .character(" "),
    ]

    /// Parses a keymap key name; nil when the name is not one this toolkit knows.
    public init?(name: String) {
        if let key = Self.named[name] {
            self = key
        } else if name.count == 1, let c = name.first, c.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value != 0x7F }) {
            self = .character(c)
        } else if name.hasPrefix("f"), let n = Int(name.dropFirst()), (1...12).contains(n), name == "f\(n)" {
            self = .function(n)
        } else if name.hasPrefix("ctrl-"), name.count == 6, let c = name.last, ("a"..."z").contains(c) {
            self = .control(c)
        } else if name.hasPrefix("alt-"), name.count == 5, let c = name.last, c.isASCII, !c.isWhitespace {
            self = .alt(c)
        } else {
            return nil
        }
    }

    /// True for keys that type text into a field.
    public var isPrintable: Bool {
        if case .character = self { return true }
        return false
    }
}
