/// A one-line text editor: cursor movement, insert and delete anywhere, optional
/// masking for passwords, bounded length, horizontal scrolling, UTF-8 throughout.
public struct TextField: Equatable, Sendable {
    public private(set) var characters: [Character]
    /// Cursor position as an index into `characters` (0 … count).
    public private(set) var cursor: Int
    /// Show `*` instead of the characters (passwords).
    public var isMasked: Bool
    /// Characters accepted at most; extra typing (or a huge paste) is dropped.
    public var maxLength: Int
    /// The text is a suggested value (a default the form opened with): the first character
    /// typed replaces it and Backspace or Delete clears it, as typing over selected text
    /// does; a cursor move keeps it as ordinary text to edit.
    public private(set) var isSuggestion = false

    public init(_ text: String = "", isMasked: Bool = false, maxLength: Int = 200) {
        characters = Array(text.prefix(maxLength))
        cursor = characters.count
        self.isMasked = isMasked
        self.maxLength = maxLength
    }

    /// The current text.
    public var text: String {
        get { String(characters) }
        set {
            characters = Array(newValue.prefix(maxLength))
            cursor = characters.count
            isSuggestion = false
        }
    }

    /// Sets `text` as a suggestion that typing replaces (see `isSuggestion`).
    public mutating func suggest(_ value: String) {
        text = value
        isSuggestion = !characters.isEmpty
    }

    /// Applies an editing key and tells whether the text changed (a key past the maximum
    /// length, or a cursor move, changes nothing: a search need not run again).
    public mutating func edit(_ key: Key) -> Bool {
        let before = characters
        return handle(key) && characters != before
    }

    /// Applies an editing key. Returns false for keys a text field does not use, so the
    /// caller can treat them as commands.
    public mutating func handle(_ key: Key) -> Bool {
        if isSuggestion, let consumed = resolveSuggestion(before: key) { return consumed }
        switch key {
        case .character(let c):
            guard characters.count < maxLength, !c.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
            else {
                return true
            }
            characters.insert(c, at: cursor)
            cursor += 1
        case .left: cursor = max(0, cursor - 1)
        case .right: cursor = min(characters.count, cursor + 1)
        case .home, .control("a"): cursor = 0
        case .end, .control("e"): cursor = characters.count
        case .backspace:
            guard cursor > 0 else { return true }
            characters.remove(at: cursor - 1)
            cursor -= 1
        case .delete, .control("d"):
            guard cursor < characters.count else { return true }
            characters.remove(at: cursor)
        case .control("u"):
            characters.removeFirst(cursor)
            cursor = 0
        case .control("k"):
            characters.removeLast(characters.count - cursor)
        default:
            return false
        }
        return true
    }

    /// Ends the suggestion on an editing key: typing or Backspace/Delete clear it first (a
    /// deleting key is then used up), a cursor move keeps its text. Nil: go on with the key.
    private mutating func resolveSuggestion(before key: Key) -> Bool? {
        switch key {
        case .character:
            characters.removeAll()
            cursor = 0
        case .backspace, .delete, .control("d"), .control("u"), .control("k"):
            characters.removeAll()
            cursor = 0
            isSuggestion = false
            return true
        case .left, .right, .home, .end, .control("a"), .control("e"): break
        default: return nil
        }
        isSuggestion = false
        return nil
    }

    /// Draws the field in `width` columns at (x, y). A value that fits is shown whole (the
    /// focused field's cursor may then stand just after it); a longer one scrolls so the
    /// cursor is visible, with `…` at the side where text is hidden. When `focused`, places
    /// the canvas cursor.
    public func render(into canvas: inout Canvas, x: Int, y: Int, width: Int, style: Style, focused: Bool) {
        guard width > 0 else { return }
        let shown: [Character] = isMasked ? Array(repeating: "*", count: characters.count) : characters
        let widths = shown.map(DisplayWidth.of)
        // First visible character: only a focused value longer than the field scrolls, until
        // the cursor column fits in the width; a field left shows its start, marked "…" at the end.
        var start = 0
        if focused, widths.reduce(0, +) > width {
            while start < cursor, widths[start..<cursor].reduce(0, +) >= width { start += 1 }
        }
        canvas.fill(x: x, y: y, width: width, height: 1, style: style)
        // "…" marks each end the value scrolls past.
        var visible = String(shown[start...])
        if start > 0 { visible = "…" + String(visible.dropFirst()) }
        if widths[start...].reduce(0, +) > width { visible = DisplayWidth.fit(visible, columns: width) }
        canvas.put(visible, x: x, y: y, style: style)
        if focused {
            canvas.cursor = (x + widths[start..<cursor].reduce(0, +), y)
        }
    }
}
