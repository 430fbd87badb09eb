/// A place to draw canvases and read keys from: the real terminal (ncurses) or an
/// in-memory one for tests.
public protocol Terminal: AnyObject {
    /// Current size in columns and rows.
    var size: (columns: Int, rows: Int) { get }
    /// Whether colours may be used (false under `NO_COLOR` or on a monochrome terminal).
    var usesColor: Bool { get }
    /// Waits up to `timeoutMilliseconds` for a key; nil when none came in time.
    func nextKey(timeoutMilliseconds: Int) -> Key?
    /// Shows `canvas`, replacing what was on screen.
    func draw(_ canvas: Canvas)
    /// Puts the terminal back as it was before the program started. Safe to call twice.
    func restore()
}
