import TerminalKit

extension ListSelection {
    /// Moves the selection for a list action (up, down, a page, first, last) and says
    /// whether the input was one.
    @discardableResult
    mutating func follow(_ input: Input, pageSize: Int = 10) -> Bool {
        guard let action = input.action, [.up, .down, .pageUp, .pageDown, .first, .last].contains(action) else { return false }
        return handle(input.key, pageSize: pageSize)
    }
}

/// The message a screen shows after trying something: what it returns, or the error.
func outcome(_ body: () throws -> String) -> String {
    do { return try body() } catch { return "\(error)" }
}
