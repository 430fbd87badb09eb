/// South African phone numbers, stored in E.164 form (`+27821234567`).
public enum PhoneNumber {
    /// What is wrong with a typed phone number.
    public struct Problem: Error, Equatable, Sendable, CustomStringConvertible {
        public let description: String
    }

    /// Normalises `082 123 4567`, `(012) 345-6789`, `+27 82 123 4567`, `+27 (0)82 123 4567`,
    /// `27821234567` or `0027…` to `+27` plus nine digits.
    public static func normalise(_ text: String) throws(Problem) -> String {
        // "+27 (0)82 …": the bracketed trunk 0 after the country code is not dialled.
        let compact = text.filter { !$0.isWhitespace }
        let withoutTrunk = compact.hasPrefix("+27(0)") ? "+27" + compact.dropFirst(6) : compact
        var digits = withoutTrunk.filter { !"-().".contains($0) }
        if digits.hasPrefix("+") {
            digits.removeFirst(); digits = digits.hasPrefix("27") ? digits : "!"
        } else if digits.hasPrefix("0027") {
            digits.removeFirst(2)
        } else if digits.hasPrefix("0") {
            digits = "27" + digits.dropFirst()
        }
        guard digits.allSatisfy({ $0.isASCII && $0.isNumber }), digits.count == 11, digits.hasPrefix("27"),
            digits.dropFirst(2).first != "0"
        else {
            throw Problem(description: "phone must be a South African number like 082 123 4567 or +27 82 123 4567")
        }
        return "+" + digits
    }

    /// `+27821234567` shown as `082 123 4567`.
    public static func display(_ e164: String) -> String {
        guard e164.hasPrefix("+27"), e164.count == 12 else { return e164 }
        let national = "0" + e164.dropFirst(3)
        return "\(national.prefix(3)) \(national.dropFirst(3).prefix(3)) \(national.suffix(4))"
    }
}

/// The nine provinces, by their ISO 3166-2:ZA codes.
public enum Province: String, CaseIterable, Codable, Sendable {
    case EC, FS, GP, KZN, LP, MP, NC, NW, WC

    /// Parses a typed code (`kzn`) or name (`KwaZulu Natal`, accents and case ignored).
    public init?(typed text: String) {
        let text = text.trimmingCharacters(in: .whitespaces)
        guard
            let match = Province(rawValue: text.uppercased())
                ?? Province.allCases.first(where: { NameKey.fold($0.name) == NameKey.fold(text) })
        else { return nil }
        self = match
    }

    /// The message for a province that could not be read.
    public static let problem = "province must be one of \(allCases.map(\.rawValue).joined(separator: ", "))"

    public var name: String {
        switch self {
        case .EC: "Eastern Cape"
        case .FS: "Free State"
        case .GP: "Gauteng"
        case .KZN: "KwaZulu-Natal"
        case .LP: "Limpopo"
        case .MP: "Mpumalanga"
        case .NC: "Northern Cape"
        case .NW: "North West"
        case .WC: "Western Cape"
        }
    }
}
