import Foundation

/// A name typed in part, matched against the names on a list (suppliers, places): the
/// exact name (case and accents aside) wins; otherwise the one name containing what was
/// typed; several such names are listed for the user to choose between.
public enum NameMatch: Equatable, Sendable {
    case found(String)
    case none
    case several([String])

    /// Matches `typed` among `names`.
    public static func resolve(_ typed: String, among names: [String]) -> NameMatch {
        let text = typed.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { return .none }
        let options: String.CompareOptions = [.caseInsensitive, .diacriticInsensitive]
        if let exact = names.first(where: { $0.compare(text, options: options) == .orderedSame }) { return .found(exact) }
        let containing = names.filter { $0.range(of: text, options: options) != nil }
        switch containing.count {
        case 0: return .none
        case 1: return .found(containing[0])
        default: return .several(containing.sorted())
        }
    }

    /// "Demo Pharma Wholesale or Demo Pharma Retail": the candidates, at most four named.
    public static func listed(_ names: [String]) -> String {
        let shown = names.prefix(4)
        let rest = names.count > 4 ? " (and \(names.count - 4) more)" : ""
        return shown.dropLast().joined(separator: ", ") + (shown.count > 1 ? " or " : "") + (shown.last ?? "") + rest
    }
}
