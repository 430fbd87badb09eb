import TerminalKit

/// Esc on a screen holding typed values asks once before throwing them away: the next key
/// answers (`y` or Esc again discards, anything else keeps typing).
struct DiscardGuard {
    private(set) var isAsking = false

    /// On Esc with `typed` values not yet saved: true when the screen may close now;
    /// otherwise the question to show, and the guard waits for the answer.
    mutating func mayLeave(typed: Int) -> (leave: Bool, question: String?) {
        guard typed > 0 else { return (true, nil) }
        isAsking = true
        return (false, "Discard \(typed) typed value\(typed == 1 ? "" : "s")? y or Esc discards, n keeps them.")
    }

    /// While asking, the key that answers: true to discard, false to keep; nil when not asking.
    mutating func answer(_ key: Key) -> Bool? {
        guard isAsking else { return nil }
        isAsking = false
        return [.character("y"), .character("Y"), .escape].contains(key)
    }
}
