/// One screen cell: a grapheme cluster (or nothing, when covered by a wide neighbour).
public struct Cell: Equatable, Sendable {
    /// The grapheme drawn here; empty for the right half of a wide character.
    public var text: String
    public var style: Style

    public static let blank = Cell(text: " ", style: .plain)

    /// True for the second column of a double-width character.
    public var isContinuation: Bool { text.isEmpty }
}

/// A grid of cells that screens draw into; terminal backends copy it to the screen.
/// Positions are columns and rows from the top left, counted in display columns.
public struct Canvas: Equatable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]
    /// Where the terminal cursor should be shown, or nil to hide it.
    public var cursor: (x: Int, y: Int)? {
        get { cursorX.map { ($0, cursorY) } }
        set { cursorX = newValue?.x; cursorY = newValue?.y ?? 0 }
    }
    private var cursorX: Int?
    private var cursorY = 0
    /// Texts that did not fit where they were put and lost visible characters, in drawing
    /// order: what a reader would see cut off. Screens should wrap or shorten instead.
    public private(set) var clipped: [Placement] = []
    /// Texts that were drawn over other visible text, in drawing order.
    public private(set) var overlapping: [Placement] = []
    /// The selected row of a table drawn on this canvas, when some of its cells were cut to
    /// fit their columns: each column's heading and the whole value, so it can be shown in full.
    public var cutSelectedRow: [LabelledValue]?

    /// A heading and the value under it.
    public struct LabelledValue: Equatable, Sendable {
        public let label: String
        public let value: String
        public init(label: String, value: String) {
            self.label = label
            self.value = value
        }
    }

    /// One drawing call's text and where it went, for the layout checks.
    public struct Placement: Equatable, Sendable, CustomStringConvertible {
        public let x: Int
        public let y: Int
        public let text: String
        public var description: String { "(\(x),\(y)) \"\(text)\"" }
    }

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public subscript(x: Int, y: Int) -> Cell {
        cells[y * width + x]
    }

    /// Writes `text` at (x, y) in `style`, clipped to the canvas and to `maxWidth`
    /// columns. A wide character that would straddle the edge is replaced by a space.
    /// Returns the number of columns written.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style: Style = .plain, maxWidth: Int? = nil) -> Int {
        guard y >= 0, y < height, x < width else { return 0 }
        let limit = min(width, maxWidth.map { x + $0 } ?? width)
        var column = x
        var overlaps = false
        for (offset, character) in zip(text.indices, text) {
            let characterWidth = DisplayWidth.of(character)
            if characterWidth == 0 { continue }
            if column + characterWidth > limit {
                if column < limit { set(column, y, Cell(text: " ", style: style)) }
                if text[offset...].contains(where: { !$0.isWhitespace }) { clipped.append(Placement(x: x, y: y, text: text)) }
                break
            }
            if column >= 0 {
                let below = cells[y * width + column].text
                overlaps = overlaps || (!character.isWhitespace && below != " " && !below.isEmpty && below != String(character))
                clearWide(column, y)
                set(column, y, Cell(text: String(character), style: style))
                if characterWidth == 2 { clearWide(column + 1, y); set(column + 1, y, Cell(text: "", style: style)) }
            }
            column += characterWidth
        }
        if overlaps { overlapping.append(Placement(x: x, y: y, text: text)) }
        return max(0, column - x)
    }

    /// Writes `text` broken at spaces into lines of `width` columns: from row `y` down, or
    /// with `upward` ending on row `y` (a message above the key bar). The rows are cleared
    /// first; past `maxLines` the last line ends in "…". Returns the rows used.
    @discardableResult
    public mutating func putWrapped(
        _ text: String, x: Int, y: Int, width: Int, style: Style = .plain,
        maxLines: Int = 3, upward: Bool = false
    ) -> Int {
        var lines = DisplayWidth.wrap(text, columns: width)
        if lines.count > maxLines {
            lines = Array(lines.prefix(maxLines))
            lines[maxLines - 1] = DisplayWidth.fit(lines[maxLines - 1] + " …", columns: width)
        }
        let first = upward ? y - lines.count + 1 : y
        for (index, line) in lines.enumerated() {
            fill(x: x, y: first + index, width: width, height: 1)
            put(line, x: x, y: first + index, style: style)
        }
        return lines.count
    }

    /// Copies `count` rows of `source` (same width), from its row `start`, to this canvas
    /// from row `y`: a tall drawing shown through a window, for scrolling.
    public mutating func copyRows(from source: Canvas, startingAt start: Int, count: Int, to y: Int) {
        for row in 0..<max(0, count) where start + row < source.height && y + row >= 0 && y + row < height {
            for x in 0..<min(width, source.width) { cells[(y + row) * width + x] = source[x, start + row] }
        }
    }

    /// Fills a rectangle with spaces in `style`.
    public mutating func fill(x: Int, y: Int, width w: Int, height h: Int, style: Style = .plain) {
        for row in max(0, y)..<min(height, y + h) {
            for column in max(0, x)..<min(width, x + w) {
                clearWide(column, row)
                set(column, row, Cell(text: " ", style: style))
            }
        }
    }

    /// Restyles a rectangle without changing its text.
    public mutating func paint(x: Int, y: Int, width w: Int, style: Style) {
        guard y >= 0, y < height else { return }
        for column in max(0, x)..<min(width, x + w) { cells[y * width + column].style = style }
    }

    /// Draws a single-line box border.
    public mutating func box(x: Int, y: Int, width w: Int, height h: Int, style: Style = .plain) {
        guard w >= 2, h >= 2 else { return }
        put("┌" + String(repeating: "─", count: w - 2) + "┐", x: x, y: y, style: style)
        for row in (y + 1)..<(y + h - 1) {
            put("│", x: x, y: row, style: style)
            put("│", x: x + w - 1, y: row, style: style)
        }
        put("└" + String(repeating: "─", count: w - 2) + "┘", x: x, y: y + h - 1, style: style)
    }

    /// The text of row `y`, without trailing spaces.
    public func line(_ y: Int) -> String {
        var text = ""
        for x in 0..<width { text += self[x, y].text }
        while text.hasSuffix(" ") { text.removeLast() }
        return text
    }

    /// The whole canvas as text, one line per row; used by screen snapshot tests.
    public var text: String {
        (0..<height).map(line).joined(separator: "\n")
    }

    public static func == (lhs: Canvas, rhs: Canvas) -> Bool {
        lhs.width == rhs.width && lhs.height == rhs.height && lhs.cells == rhs.cells
            && lhs.cursorX == rhs.cursorX && lhs.cursorY == rhs.cursorY
    }

    private mutating func set(_ x: Int, _ y: Int, _ cell: Cell) {
        guard x >= 0, x < width, y >= 0, y < height else { return }
        cells[y * width + x] = cell
    }

    /// Overwriting half of a wide character blanks its other half.
    private mutating func clearWide(_ x: Int, _ y: Int) {
        guard x >= 0, x < width, y >= 0, y < height else { return }
        if cells[y * width + x].isContinuation, x > 0 {
            cells[y * width + x - 1].text = " "
        } else if x + 1 < width, cells[y * width + x + 1].isContinuation {
            cells[y * width + x + 1].text = " "
        }
    }
}
