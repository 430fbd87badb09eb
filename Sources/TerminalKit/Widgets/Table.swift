/// A column of a `Table`: its heading and width in display columns.
public struct TableColumn: Equatable, Sendable {
    public var title: String
    public var width: Int
    public init(_ title: String, width: Int) {
        self.title = title
        self.width = width
    }
}

/// A scrolling table with a heading row and a selected row.
public struct Table: Sendable {
    public var columns: [TableColumn]
    public var selection = ListSelection()

    public init(columns: [TableColumn]) { self.columns = columns }

    /// Draws the heading and the rows that fit in `height - 1` rows below it. `rows` holds
    /// one string per column for every row; the selection is kept in range of it.
    public mutating func render(
        rows: [[String]], into canvas: inout Canvas,
        x: Int, y: Int, width: Int, height: Int, focused: Bool = true
    ) {
        render(count: rows.count, row: { rows[$0] }, into: &canvas, x: x, y: y, width: width, height: height, focused: focused)
    }

    /// The same for `count` rows made on demand: only the visible rows are asked for, so a
    /// list of thousands draws as fast as a screenful.
    public mutating func render(
        count: Int, row: (Int) -> [String], into canvas: inout Canvas,
        x: Int, y: Int, width: Int, height: Int, focused: Bool = true
    ) {
        selection.setCount(count)
        canvas.put(line(columns.map(\.title), width: width), x: x, y: y, style: .strong)
        let range = selection.visibleRange(rows: height - 1)
        for (index, number) in range.enumerated() {
            let cells = row(number)
            let isSelected = number == selection.selected && focused
            canvas.put(line(cells, width: width), x: x, y: y + 1 + index, style: isSelected ? .selected : .plain)
            if isSelected, isCut(cells, width: width) {
                canvas.cutSelectedRow = zip(columns, cells).map { Canvas.LabelledValue(label: $0.title, value: $1) }
            }
        }
    }

    /// Whether drawing `cells` in `width` columns loses characters of any cell.
    private func isCut(_ cells: [String], width: Int) -> Bool {
        var end = 0
        for (column, cell) in zip(columns, cells) {
            let cellWidth = DisplayWidth.of(cell)
            if cellWidth > column.width || (cellWidth > 0 && end + cellWidth > width) { return true }
            end += column.width + 1
        }
        return false
    }

    private func line(_ cells: [String], width: Int) -> String {
        DisplayWidth.fit(Self.line(cells, columns: columns), columns: width)
    }

    /// One row as plain text, each cell fitted to its column and followed by a space.
    public static func line(_ cells: [String], columns: [TableColumn]) -> String {
        zip(columns, cells).map { DisplayWidth.fit($1, columns: $0.width) + " " }.joined()
    }

    /// The heading and `rows` as plain text lines, trailing spaces trimmed (for printing).
    public static func text(columns: [TableColumn], rows: [[String]]) -> String {
        ([columns.map(\.title)] + rows).map {
            line($0, columns: columns).replacingOccurrences(of: " +$", with: "", options: .regularExpression)
        }
        .joined(separator: "\n") + "\n"
    }
}
