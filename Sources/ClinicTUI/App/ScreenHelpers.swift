import ClinicServices
import TerminalKit

extension ListSelection {
    /// The movement each list action stands for, whatever key the keymap binds to it
    /// (`k`/`j` as well as the arrows in the default keymap).
    static let movements: [KeyAction: Key] = [
        .up: .up, .down: .down, .pageUp: .pageUp, .pageDown: .pageDown,
        .first: .home, .last: .end,
    ]

    /// Moves the selection for a list action (up, down, a page, first, last) and says
    /// whether the input was one. The one list controller: screens pass the action, never
    /// the raw key, so a re-bound keymap moves every list.
    @discardableResult
    mutating func follow(_ input: Input, pageSize: Int = 10) -> Bool {
        guard let action = input.action, let movement = Self.movements[action] else { return false }
        return handle(movement, pageSize: pageSize)
    }
}

/// The message a screen shows after trying something: what it returns, or the error.
func outcome(_ body: () throws -> String) -> String {
    do { return try body() } catch { return userMessage(error) }
}
