/// A multi-line text editor: word wrap to the given width, scrolling to keep the cursor
/// in view, Enter for a new line, arrows move by character and by wrapped line.
public struct TextArea: Equatable, Sendable {
    public private(set) var characters: [Character]
    /// Cursor as an index into `characters`.
    public private(set) var cursor: Int
    /// Characters accepted at most (a huge paste is cut, not a hang).
    public var maxLength: Int
    /// First wrapped line shown.
    private var scroll = 0
    /// Width used by the last render, for up/down movement between wrapped lines.
    private var wrapWidth = 60

    public init(_ text: String = "", maxLength: Int = 4000) {
        characters = Array(text.prefix(maxLength))
        cursor = characters.count
        self.maxLength = maxLength
    }

    public var text: String { String(characters) }

    /// One wrapped line: where it starts in `characters` and how many characters it holds.
    struct Line: Equatable { let start: Int; let count: Int }

    /// Splits the text into lines of at most `width` columns, breaking after spaces where
    /// possible and at hard newlines always.
    func lines(width: Int) -> [Line] {
        let width = max(1, width)
        var lines: [Line] = []
        var start = 0
        while start <= characters.count {
            var used = 0, end = start, lastBreak: Int?
            while end < characters.count, characters[end] != "\n" {
                let w = DisplayWidth.of(characters[end])
                if used + w > width { break }
                used += w
                if characters[end] == " " { lastBreak = end + 1 }
                end += 1
            }
            if end < characters.count, characters[end] == "\n" {
                lines.append(Line(start: start, count: end - start))
                start = end + 1
                continue
            }
            if end == characters.count {
                lines.append(Line(start: start, count: end - start))
                break
            }
            // A word that exactly fills the width keeps its line; otherwise break after the last space.
            let cut = characters[end] == " " ? end + 1 : (lastBreak.map { $0 > start ? $0 : end } ?? end)
            lines.append(Line(start: start, count: max(1, cut - start)))
            start += max(1, cut - start)
        }
        return lines
    }

    /// The wrapped line holding the cursor and the column inside it.
    private func position(in lines: [Line]) -> (line: Int, offset: Int) {
        for (index, line) in lines.enumerated().reversed() where cursor >= line.start {
            return (index, cursor - line.start)
        }
        return (0, 0)
    }

    /// Applies an editing key; false for keys the editor does not use.
    public mutating func handle(_ key: Key) -> Bool {
        switch key {
        case .character(let c):
            guard characters.count < maxLength, !c.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
            else {
                return true
            }
            characters.insert(c, at: cursor)
            cursor += 1
        case .enter:
            guard characters.count < maxLength else { return true }
            characters.insert("\n", at: cursor)
            cursor += 1
        case .backspace:
            guard cursor > 0 else { return true }
            characters.remove(at: cursor - 1)
            cursor -= 1
        case .delete:
            guard cursor < characters.count else { return true }
            characters.remove(at: cursor)
        case .left: cursor = max(0, cursor - 1)
        case .right: cursor = min(characters.count, cursor + 1)
        case .up, .down, .home, .end:
            let all = lines(width: wrapWidth)
            let (line, offset) = position(in: all)
            switch key {
            case .home: cursor = all[line].start
            case .end: cursor = all[line].start + all[line].count
            default:
                let target = key == .up ? line - 1 : line + 1
                guard all.indices.contains(target) else { return true }
                cursor = all[target].start + min(offset, all[target].count)
            }
        default:
            return false
        }
        return true
    }

    /// Draws the wrapped text in a `width` × `height` box, scrolled to the cursor.
    public mutating func render(into canvas: inout Canvas, x: Int, y: Int, width: Int, height: Int, style: Style, focused: Bool) {
        guard width > 0, height > 0 else { return }
        wrapWidth = width
        let all = lines(width: width)
        let (line, offset) = position(in: all)
        if line < scroll { scroll = line }
        if line >= scroll + height { scroll = line - height + 1 }
        canvas.fill(x: x, y: y, width: width, height: height, style: style)
        for (row, index) in (scroll..<min(all.count, scroll + height)).enumerated() {
            let segment = characters[all[index].start..<(all[index].start + all[index].count)]
            canvas.put(String(segment), x: x, y: y + row, style: style, maxWidth: width)
        }
        if focused {
            let prefix = characters[all[line].start..<(all[line].start + offset)]
            canvas.cursor = (x + min(width - 1, DisplayWidth.of(String(prefix))), y + line - scroll)
        }
    }
}
