/// One labelled input of a `Form`.
public struct FormField: Equatable, Sendable {
    /// Stable id the screen uses to read the value.
    public var id: String
    public var label: String
    public var input: TextField
    /// Columns for the input box.
    public var width: Int
    /// Shown under the form while the field has focus.
    public var help: String
    /// A problem with the value, shown beside the field.
    public var error: String?

    public init(
        id: String, label: String, width: Int = 30, masked: Bool = false,
        maxLength: Int = 200, help: String = "", value: String = ""
    ) {
        self.id = id
        self.label = label
        self.input = TextField(value, isMasked: masked, maxLength: maxLength)
        self.width = width
        self.help = help
    }
}

/// A vertical list of labelled fields with one focused; Tab, Shift-Tab, Up and Down move focus.
public struct Form: Equatable, Sendable {
    public var fields: [FormField]
    public private(set) var focus: Int = 0

    public init(fields: [FormField]) { self.fields = fields }

    /// The value of field `id` ("" when there is no such field).
    public subscript(id: String) -> String {
        get { fields.first { $0.id == id }?.input.text ?? "" }
        set {
            if let index = fields.firstIndex(where: { $0.id == id }) { fields[index].input.text = newValue }
        }
    }

    /// Puts `value` in field `id` as a suggestion: typing in the field replaces it.
    public mutating func suggest(_ value: String, for id: String) {
        if let index = fields.firstIndex(where: { $0.id == id }) { fields[index].input.suggest(value) }
    }

    /// Sets or clears the error shown beside field `id`.
    public mutating func setError(_ message: String?, on id: String) {
        if let index = fields.firstIndex(where: { $0.id == id }) { fields[index].error = message }
    }

    /// Clears every field's error.
    public mutating func clearErrors() {
        for index in fields.indices { fields[index].error = nil }
    }

    /// Moves focus to field `id`.
    public mutating func focus(on id: String) {
        if let index = fields.firstIndex(where: { $0.id == id }) { focus = index }
    }

    /// The focused field.
    public var focusedField: FormField? { fields.indices.contains(focus) ? fields[focus] : nil }

    /// The id of the focused field.
    public var focusedID: String? { fields.indices.contains(focus) ? fields[focus].id : nil }

    /// Handles focus movement and editing of the focused field (an edit clears the field's
    /// error); false for other keys.
    public mutating func handle(_ key: Key) -> Bool {
        guard !fields.isEmpty else { return false }
        switch key {
        case .tab, .down:
            focus = (focus + 1) % fields.count
            return true
        case .backTab, .up:
            focus = (focus + fields.count - 1) % fields.count
            return true
        default:
            let before = fields[focus].input.text
            let handled = fields[focus].input.handle(key)
            // Editing a field answers its error: it goes until the next submit says otherwise.
            if fields[focus].input.text != before { fields[focus].error = nil }
            return handled
        }
    }

    /// Draws the fields from row `y`, labels right-aligned in `labelWidth` columns, one
    /// field every `rowStep` rows. With `height`, only the rows that fit are drawn,
    /// scrolled so the focused field is visible. A field with an error shows it to the
    /// right of its input when there is room (wrapped into the field's `rowStep` rows, marked "…"
    /// only past them), otherwise a `!` marker.
    /// With `focusedErrorShownBelow`, the focused field's error gets only the `!` marker here,
    /// because the caller shows its whole text under the form (once, not twice).
    /// Nothing is drawn at or past column `right` (the canvas's width unless given), where
    /// the caller may draw something else beside the form.
    public func render(
        into canvas: inout Canvas, x: Int, y: Int, labelWidth: Int, focused: Bool = true,
        rowStep: Int = 2, height: Int? = nil, focusedErrorShownBelow: Bool = false, right: Int? = nil
    ) {
        let right = min(right ?? canvas.width, canvas.width)
        let visible = max(1, (height ?? fields.count * rowStep) / rowStep)
        let first = max(0, min(focus - visible + 1, fields.count - visible))
        // Arrows in the margin say there are fields above or below the ones shown.
        if first > 0 { canvas.put("↑", x: max(0, x - 2), y: y, style: .muted) }
        if first + visible < fields.count { canvas.put("↓", x: max(0, x - 2), y: y + (visible - 1) * rowStep, style: .muted) }
        for (index, field) in fields.enumerated() where index >= first && index < first + visible {
            let row = y + (index - first) * rowStep
            let label = field.label + ":"
            canvas.put(
                label, x: x + max(0, labelWidth - DisplayWidth.of(label)), y: row,
                style: index == focus ? .strong : .plain)
            let inputX = x + labelWidth + 1
            field.input.render(
                into: &canvas, x: inputX, y: row, width: field.width,
                style: Style(underline: true), focused: focused && index == focus)
            if let error = field.error {
                let errorX = inputX + field.width + 1
                if right - errorX >= 20, !(focusedErrorShownBelow && index == focus) {
                    // Wrapped into the rows this field owns; only a text longer than those ends in "…".
                    canvas.putWrapped(
                        error, x: errorX + 1, y: row, width: right - errorX - 2, style: .error,
                        maxLines: max(1, rowStep))
                } else {
                    canvas.put("!", x: errorX, y: row, style: .error)
                }
            }
        }
    }
}
