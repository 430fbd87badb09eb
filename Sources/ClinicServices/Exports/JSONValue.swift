import ClinicDomain
import Foundation

/// A JSON value whose object keys keep the order they were written in, serialised to one
/// compact line. Exports write millions of small objects: this is several times faster
/// than `JSONEncoder` and gives byte-identical output on every run.
public indirect enum JSONValue: Sendable {
    case string(String)
    case int(Int)
    case number(Double)
    case bool(Bool)
    case array([JSONValue])
    case object([(String, JSONValue)])

    /// An object from pairs, leaving out those whose value is nil or an empty array.
    public static func object(_ pairs: (String, JSONValue?)...) -> JSONValue {
        .object(pairs.compactMap { key, value in
            guard let value else { return nil }
            if case .array(let items) = value, items.isEmpty { return nil }
            return (key, value)
        })
    }

    /// Compact JSON text on one line.
    public var serialized: String {
        var out = ""
        write(to: &out)
        return out
    }

    private func write(to out: inout String) {
        switch self {
        case .string(let text): Self.quote(text, into: &out)
        case .int(let value): out += String(value)
        case .number(let value):
            out += value.plainText
        case .bool(let value): out += value ? "true" : "false"
        case .array(let items):
            out += "["
            for (index, item) in items.enumerated() {
                if index > 0 { out += "," }
                item.write(to: &out)
            }
            out += "]"
        case .object(let pairs):
            out += "{"
            for (index, (key, value)) in pairs.enumerated() {
                if index > 0 { out += "," }
                Self.quote(key, into: &out)
                out += ":"
                value.write(to: &out)
            }
            out += "}"
        }
    }

    private static func quote(_ text: String, into out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}
