/// Which row of a scrolling list is selected and which rows are in view.
public struct ListSelection: Equatable, Sendable {
    /// Number of rows in the list.
    public private(set) var count: Int
    /// Selected row, or 0 when the list is empty.
    public private(set) var selected: Int
    /// First row in view.
    public private(set) var offset: Int

    public init(count: Int = 0) {
        self.count = max(0, count)
        selected = 0
        offset = 0
    }

    /// Changes the row count, keeping the selection in range.
    public mutating func setCount(_ newCount: Int) {
        count = max(0, newCount)
        selected = min(selected, max(0, count - 1))
        offset = min(offset, selected)
    }

    /// Selects `row` (clamped).
    public mutating func select(_ row: Int) {
        selected = max(0, min(row, count - 1))
    }

    /// Moves the selection for up/down/page/home/end. Returns false for other keys.
    public mutating func handle(_ key: Key, pageSize: Int) -> Bool {
        switch key {
        case .up: select(selected - 1)
        case .down: select(selected + 1)
        case .pageUp: select(selected - max(1, pageSize))
        case .pageDown: select(selected + max(1, pageSize))
        case .home: select(0)
        case .end: select(count - 1)
        default: return false
        }
        return true
    }

    /// Scrolls so the selected row is within `visibleRows` rows of `offset`; returns the visible range.
    public mutating func visibleRange(rows visibleRows: Int) -> Range<Int> {
        guard visibleRows > 0, count > 0 else { return 0..<0 }
        if selected < offset { offset = selected }
        if selected >= offset + visibleRows { offset = selected - visibleRows + 1 }
        offset = max(0, min(offset, count - visibleRows))
        return offset..<min(count, offset + visibleRows)
    }
}
