import Foundation

/// Any JSON value, read and written with Codable (`JSONDecoder`/`JSONEncoder`): how synced
/// rows are handled, as objects whose fields are compared, merged and written to the store.
/// A number reads as `integer` when it is integral (`36.0` too) and as `real` otherwise, and
/// two numbers are equal when their values are, whatever form they were written in.
public enum JSONDocument: Codable, Hashable, Sendable {
    case null
    case bool(Bool)
    case integer(Int64)
    case real(Double)
    case text(String)
    case array([JSONDocument])
    case object([String: JSONDocument])

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int64.self) {
            self = .integer(value)
        } else if let value = try? container.decode(Double.self) {
            self = .real(value)
        } else if let value = try? container.decode(String.self) {
            self = .text(value)
        } else if let value = try? container.decode([JSONDocument].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONDocument].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .integer(let value): try container.encode(value)
        case .real(let value): try container.encode(value)
        case .text(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    /// The object in `text`, nil when `text` is not a JSON object.
    public static func fields(_ text: String) -> [String: JSONDocument]? {
        guard case .object(let fields)? = try? JSONDecoder().decode(JSONDocument.self, from: Data(text.utf8)) else { return nil }
        return fields
    }

    /// `fields` as one line of JSON, keys sorted.
    public static func text(_ fields: [String: JSONDocument]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return (try? encoder.encode(fields)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    /// A scalar as text ("" for null, 1 and 0 for true and false); "" for arrays and objects.
    public var plainText: String {
        switch self {
        case .text(let value): value
        case .integer(let value): String(value)
        case .real(let value): value.plainText
        case .bool(let value): value ? "1" : "0"
        case .null, .array, .object: ""
        }
    }

    public static func == (a: JSONDocument, b: JSONDocument) -> Bool {
        switch (a, b) {
        case (.integer(let x), .real(let y)), (.real(let y), .integer(let x)): Double(x) == y
        case (.integer(let x), .integer(let y)): x == y
        case (.real(let x), .real(let y)): x == y
        case (.null, .null): true
        case (.bool(let x), .bool(let y)): x == y
        case (.text(let x), .text(let y)): x == y
        case (.array(let x), .array(let y)): x == y
        case (.object(let x), .object(let y)): x == y
        default: false
        }
    }

    /// Equal values hash alike (an integral real as its integer).
    public func hash(into hasher: inout Hasher) {
        switch self {
        case .integer(let value): hasher.combine(Double(value))
        case .real(let value): hasher.combine(value)
        case .null: hasher.combine(0)
        case .bool(let value): hasher.combine(value)
        case .text(let value): hasher.combine(value)
        case .array(let value): hasher.combine(value)
        case .object(let value): hasher.combine(value)
        }
    }
}
