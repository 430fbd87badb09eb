import Foundation

/// An amount of South African rand held as whole cents, e.g. a batch's unit cost.
public struct Rands: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    public let cents: Int

    public init(cents: Int) { self.cents = cents }

    /// Parses what a person types: `12`, `12.5`, `12.50`, `R12.50` or `R 1 250,00`. Nil for
    /// anything else, for a negative amount, or for more than two decimals.
    public init?(typed text: String) {
        var digits = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: " ", with: "")
        if digits.first == "R" || digits.first == "r" { digits.removeFirst() }
        digits = digits.replacingOccurrences(of: ",", with: ".")
        let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), !parts[0].isEmpty, parts[0].count <= 9,
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }), let whole = Int(parts[0])
        else { return nil }
        var fraction = 0
        if parts.count == 2 {
            guard (1...2).contains(parts[1].count), let value = Int(parts[1]) else { return nil }
            fraction = parts[1].count == 1 ? value * 10 : value
        }
        cents = whole * 100 + fraction
    }

    /// `R12.50`.
    public var description: String { "R\(cents / 100).\(cents % 100 < 10 ? "0" : "")\(cents % 100)" }

    public static func < (a: Rands, b: Rands) -> Bool { a.cents < b.cents }
}
