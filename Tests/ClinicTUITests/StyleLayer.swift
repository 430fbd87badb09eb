import TerminalKit

/// The style layer of a golden file: a legend naming each style drawn, by letter ("." is
/// plain), then one row of letters per screen row, a letter per cell.
enum StyleLayer {
    static let letters = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")

    static func text(of canvas: Canvas) -> String {
        var order: [Style] = []
        var rows: [String] = []
        for y in 0..<canvas.height {
            var row = ""
            for x in 0..<canvas.width {
                let style = canvas[x, y].style
                guard style != .plain else { row.append("."); continue }
                if !order.contains(style) { order.append(style) }
                row.append(letters[min(order.firstIndex(of: style)!, letters.count - 1)])
            }
            while row.hasSuffix(".") { row.removeLast() }
            rows.append(row)
        }
        let legend = order.enumerated().map { "\(letters[min($0.offset, letters.count - 1)]) = \(describe($0.element))" }
        return (["--- styles (. plain)"] + legend + ["---"] + rows).joined(separator: "\n")
    }

    /// "red bold", "white on blue bold", "reverse", …
    static func describe(_ style: Style) -> String {
        var words: [String] = []
        if style.foreground != .standard { words.append("\(style.foreground)") }
        if style.background != .standard { words.append("on \(style.background)") }
        for (on, word) in [(style.bold, "bold"), (style.reverse, "reverse"), (style.underline, "underline"), (style.dim, "dim")]
        where on {
            words.append(word)
        }
        return words.joined(separator: " ")
    }
}
