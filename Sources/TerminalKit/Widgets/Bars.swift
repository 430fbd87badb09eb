/// The status line: text on the left and on the right of one full-width bar.
public enum StatusBar {
    /// Draws both texts with at least two columns between them: the right one keeps at
    /// most half the bar, and a text that does not fit its part ends in "…" (never cut bare).
    public static func render(left: String, right: String, into canvas: inout Canvas, y: Int) {
        canvas.fill(x: 0, y: y, width: canvas.width, height: 1, style: .bar)
        let usable = max(0, canvas.width - 2)
        let rightWidth = min(DisplayWidth.of(right), left.isEmpty ? usable : usable / 2)
        let leftWidth = max(0, usable - rightWidth - (right.isEmpty ? 0 : 2))
        if !left.isEmpty {
            canvas.put(DisplayWidth.fit(left, columns: leftWidth), x: 1, y: y, style: .bar)
        }
        if rightWidth > 0 {
            canvas.put(DisplayWidth.fit(right, columns: rightWidth), x: canvas.width - rightWidth - 1, y: y, style: .bar)
        }
    }
}

/// The function-key bar: "F1 Help  Esc Back  …" along one row.
public enum KeyBar {
    /// `items` are (key label, action label) pairs, drawn left to right two spaces apart, or
    /// one apart when that makes them all fit. When some still do not fit, the bar ends
    /// with how many are left out ("+3 more, F1"): the first item is the help listing them.
    public static func render(_ items: [(key: String, label: String)], into canvas: inout Canvas, y: Int) {
        canvas.fill(x: 0, y: y, width: canvas.width, height: 1)
        let widths = items.map { DisplayWidth.of($0.key) + 1 + DisplayWidth.of($0.label) }
        let gap = widths.reduce(0, +) + 2 * max(0, items.count - 1) <= canvas.width ? 2 : 1
        var shown = items.count
        while shown > 0, width(of: widths.prefix(shown), gap: gap) + moreWidth(items.count - shown, gap: gap) > canvas.width {
            shown -= 1
        }
        var x = 0
        for item in items.prefix(shown) {
            x += canvas.put(item.key, x: x, y: y, style: .selected)
            x += canvas.put(" " + item.label + String(repeating: " ", count: gap), x: x, y: y)
        }
        if shown < items.count, let help = items.first?.key {
            canvas.put("+\(items.count - shown) more, \(help)", x: x, y: y, style: .muted)
        }
    }

    private static func width(of items: ArraySlice<Int>, gap: Int) -> Int {
        items.reduce(0, +) + gap * max(0, items.count - 1)
    }

    /// The room "+N more, F1" takes after the last shown item; none when nothing is left out.
    private static func moreWidth(_ hidden: Int, gap: Int) -> Int {
        hidden == 0 ? 0 : gap + DisplayWidth.of("+\(hidden) more, F1")
    }
}

/// A centred box with a title and lines of text, drawn over whatever is below.
public enum Dialog {
    /// How many lines fit in a dialog on a terminal of `rows` rows.
    /// The box keeps off the title bar, the status line and the key bar.
    public static func capacity(rows: Int) -> Int { max(1, rows - 8) }

    public static func render(title: String, lines: [String], into canvas: inout Canvas, style: Style = .plain) {
        let contentWidth = max(DisplayWidth.of(title) + 4, lines.map(DisplayWidth.of).max() ?? 0)
        let width = min(canvas.width - 2, contentWidth + 4)
        let height = min(canvas.height - 4, lines.count + 4)
        let x = (canvas.width - width) / 2, y = max(1, (canvas.height - 2 - height) / 2)
        canvas.fill(x: x, y: y, width: width, height: height, style: style)
        canvas.box(x: x, y: y, width: width, height: height, style: style)
        canvas.put(" \(title) ", x: x + 2, y: y, style: style.bold ? style : Style(bold: true))
        for (index, line) in lines.prefix(height - 4).enumerated() {
            canvas.put(line, x: x + 2, y: y + 2 + index, style: style, maxWidth: width - 4)
        }
    }
}
