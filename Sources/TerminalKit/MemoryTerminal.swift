/// A terminal that lives in memory: keys are queued by the test, drawn canvases are kept.
public final class MemoryTerminal: Terminal {
    public private(set) var size: (columns: Int, rows: Int)
    public let usesColor: Bool
    /// Keys still to be delivered, first first.
    public var pendingKeys: [Key] = []
    /// The most recently drawn canvas.
    public private(set) var lastCanvas: Canvas?
    public private(set) var restored = false

    public init(columns: Int = 80, rows: Int = 24, usesColor: Bool = true) {
        size = (columns, rows)
        self.usesColor = usesColor
    }

    /// Queues `keys` for delivery.
    public func type(_ keys: [Key]) { pendingKeys.append(contentsOf: keys) }

    /// Queues each character of `text` as a key press.
    public func type(_ text: String) { pendingKeys.append(contentsOf: text.map(Key.character)) }

    /// Changes the size and queues the resize event a real terminal would send.
    public func resize(columns: Int, rows: Int) {
        size = (columns, rows)
        pendingKeys.append(.resize(columns: columns, rows: rows))
    }

    public func nextKey(timeoutMilliseconds: Int) -> Key? {
        pendingKeys.isEmpty ? nil : pendingKeys.removeFirst()
    }

    public func draw(_ canvas: Canvas) {
        lastCanvas = canvas
    }

    public func restore() { restored = true }
}
