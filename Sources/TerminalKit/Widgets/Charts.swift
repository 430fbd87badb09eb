/// A one-row chart of a series: each value one column, its height one of eight block levels
/// scaled between the series' minimum and maximum ("▁▃▅█").
public enum Sparkline {
    /// The eight levels, lowest first.
    public static let levels: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// The sparkline of `values`, its newest `columns` values at most. A flat series is drawn
    /// at the middle level, or the lowest when it is all zero (no activity, not "some"); an
    /// empty one is empty.
    public static func text(_ values: [Double], columns: Int = .max) -> String {
        let shown = values.suffix(max(0, columns))
        guard let low = shown.min(), let high = shown.max() else { return "" }
        let span = high - low
        return String(
            shown.map { value in
                guard span > 0 else { return high == 0 ? levels[0] : levels[3] }
                let level = Int(((value - low) / span * Double(levels.count - 1)).rounded())
                return levels[min(levels.count - 1, max(0, level))]
            })
    }
}

/// A vertical bar chart: one bar per labelled value, bars scaled so the largest fills the
/// height, the top of each bar drawn in eighths, labels under the bars.
public enum BarChart {
    /// Draws the bars in the box at (`x`, `y`) of `height` rows (the last row holds the
    /// labels), each bar `barWidth` columns with one blank column between bars.
    public static func render(
        _ bars: [(label: String, value: Int)], into canvas: inout Canvas,
        x: Int, y: Int, height: Int, barWidth: Int = 2, style: Style = .plain
    ) {
        let rows = height - 1
        guard rows > 0 else { return }
        let largest = max(1, bars.map(\.value).max() ?? 1)
        for (index, bar) in bars.enumerated() {
            let left = x + index * (barWidth + 1)
            // Height in eighths of a row, at least one eighth for any value above zero.
            let eighths = bar.value <= 0 ? 0 : max(1, (bar.value * rows * 8 + largest / 2) / largest)
            for row in 0..<rows {
                let filled = eighths - row * 8
                guard filled > 0 else { break }
                let glyph = String(Sparkline.levels[min(8, filled) - 1])
                canvas.put(String(repeating: glyph, count: barWidth), x: left, y: y + rows - 1 - row, style: style)
            }
            canvas.put(DisplayWidth.prefix(bar.label, columns: barWidth), x: left, y: y + rows, style: .muted)
        }
    }
}
