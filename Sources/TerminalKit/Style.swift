/// The eight basic terminal colours, orange, and the terminal's own default.
public enum TerminalColor: Int, Sendable, CaseIterable {
    case standard = -1
    case black = 0, red, green, yellow, blue, magenta, cyan, white
    /// Orange from the 256-colour palette (SATS ORANGE); a terminal with only the eight basic
    /// colours draws it as magenta, the nearest one not already meaning RED or YELLOW.
    case orange = 208

    /// The colour number on a terminal offering `colours` colours.
    public func number(onTerminalWith colours: Int) -> Int16 {
        self == .orange && colours < 256 ? Int16(TerminalColor.magenta.rawValue) : Int16(rawValue)
    }
}

/// How a cell is drawn. In monochrome (`NO_COLOR`, or a terminal without colour) only
/// the attributes are used, so every style must stay readable without colour.
public struct Style: Hashable, Sendable {
    public var foreground: TerminalColor
    public var background: TerminalColor
    public var bold: Bool
    public var reverse: Bool
    public var underline: Bool
    public var dim: Bool

    public init(
        foreground: TerminalColor = .standard, background: TerminalColor = .standard,
        bold: Bool = false, reverse: Bool = false, underline: Bool = false, dim: Bool = false
    ) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.reverse = reverse
        self.underline = underline
        self.dim = dim
    }

    /// The terminal's default look.
    public static let plain = Style()
    /// Emphasis that survives monochrome.
    public static let strong = Style(bold: true)
    /// Selected row or focused field: reverse video, readable in monochrome.
    public static let selected = Style(reverse: true)
    /// Title and status bars.
    public static let bar = Style(foreground: .white, background: .blue, bold: true, reverse: false)
    /// Errors: red and bold (bold alone in monochrome).
    public static let error = Style(foreground: .red, bold: true)
    /// Secondary text.
    public static let muted = Style(dim: true)

    /// The same style with colours removed; bars keep their shape by turning into reverse video.
    public var monochrome: Style {
        var style = self
        if background != .standard { style.reverse = true }
        style.foreground = .standard
        style.background = .standard
        return style
    }
}
