import CNCursesW

/// Terminal column widths of text, from the C library's `wcwidth` (needs a UTF-8
/// `LC_CTYPE`; the program calls `setlocale(LC_ALL, "")` before drawing).
public enum DisplayWidth {
    /// Columns taken by one grapheme cluster: 0 for a lone combining mark or control,
    /// 2 for wide (CJK, most emoji), otherwise 1.
    public static func of(_ character: Character) -> Int {
        var total = 0
        for (index, scalar) in character.unicodeScalars.enumerated() {
            let width = Int(clinic_wcwidth(scalar.value))
            if index == 0 {
                // Unknown to this locale (e.g. non-UTF-8): count a printable scalar as one column.
                total = width >= 0 ? width : (scalar.value < 0x20 || scalar.value == 0x7F ? 0 : 1)
            } else if scalar.properties.isEmojiPresentation || scalar.value == 0xFE0F {
                total = max(total, 2)
            }
        }
        return total
    }

    /// Columns taken by `text`.
    public static func of(_ text: String) -> Int {
        text.reduce(0) { $0 + of($1) }
    }

    /// The longest prefix of `text` that fits in `columns`.
    public static func prefix(_ text: String, columns: Int) -> String {
        var used = 0
        var result = ""
        for character in text {
            let width = of(character)
            if used + width > columns { break }
            used += width
            result.append(character)
        }
        return result
    }

    /// `text` cut to `columns` (ending in "…" when cut) and padded with spaces to exactly `columns`.
    public static func fit(_ text: String, columns: Int) -> String {
        guard columns > 0 else { return "" }
        let width = of(text)
        if width <= columns { return text + String(repeating: " ", count: columns - width) }
        let cut = prefix(text, columns: columns - 1) + "…"
        return cut + String(repeating: " ", count: columns - of(cut))
    }

    /// `text` broken into lines of at most `columns`, at spaces where it can be, and at each
    /// line break it holds; a word longer than a line is cut.
    public static func wrap(_ text: String, columns: Int) -> [String] {
        guard columns > 0 else { return [] }
        // A line break typed in the text starts a new line; an empty line between paragraphs stays.
        guard !text.contains("\n") else {
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false).flatMap { paragraph in
                let wrapped = wrapLine(String(paragraph), columns: columns)
                return wrapped.isEmpty ? [""] : wrapped
            }
            while lines.last == "" { lines.removeLast() }
            return lines
        }
        return wrapLine(text, columns: columns)
    }

    /// `wrap` for text without line breaks.
    private static func wrapLine(_ text: String, columns: Int) -> [String] {
        var lines: [String] = [], line = ""
        // Runs of spaces inside a line are kept; a line never starts with one.
        for word in text.split(separator: " ", omittingEmptySubsequences: false).map(String.init) {
            if word.isEmpty && line.isEmpty { continue }
            var word = word
            let joined = line.isEmpty ? word : line + " " + word
            if of(joined) <= columns { line = joined; continue }
            if !line.isEmpty { lines.append(line) }
            while of(word) > columns {
                let head = prefix(word, columns: columns)
                lines.append(head)
                word.removeFirst(head.count)
            }
            line = word
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }
}
