import ClinicDomain
import Foundation

/// A JSON value whose object keys keep the order they were written in, serialised to one
/// compact line, byte-identical on every run. Kept for the exports, which write millions of
/// small objects, because `make bench` (group `json`) measures it faster than `JSONEncoder`
/// on the Observation they write most: 4.4 to 5.5 times in release builds on this project's
/// 2-core machine (20,000 Observations, 2026-12-03). Everything else uses Codable.
public indirect enum JSONValue: Sendable {
    case string(String)
    case int(Int)
    case number(Double)
    case bool(Bool)
    case array([JSONValue])
    case object([(String, JSONValue)])
    /// JSON already serialised (a part that is the same in every resource), written as is.
    case raw([UInt8])

    /// `value` serialised once, to be spliced into many resources.
    public static func raw(_ value: JSONValue) -> JSONValue {
        var bytes: [UInt8] = []
        value.write(to: &bytes)
        return .raw(bytes)
    }

    /// An object from pairs, leaving out those whose value is nil or an empty array.
    public static func object(_ pairs: (String, JSONValue?)...) -> JSONValue {
        .object(
            pairs.compactMap { key, value in
                guard let value else { return nil }
                if case .array(let items) = value, items.isEmpty { return nil }
                return (key, value)
            })
    }

    /// Compact JSON text on one line.
    public var serialized: String {
        var out: [UInt8] = []
        write(to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the compact JSON text, UTF-8, to `out` (exports write bytes, not Strings).
    public func write(to out: inout [UInt8]) {
        switch self {
        case .string(let text): Self.quote(text, into: &out)
        case .int(let value): out.append(contentsOf: String(value).utf8)
        case .number(let value): out.append(contentsOf: value.plainText.utf8)
        case .bool(let value): out.append(contentsOf: (value ? "true" : "false").utf8)
        case .raw(let bytes): out.append(contentsOf: bytes)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                item.write(to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let pairs):
            out.append(UInt8(ascii: "{"))
            for (index, (key, value)) in pairs.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                Self.quote(key, into: &out)
                out.append(UInt8(ascii: ":"))
                value.write(to: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    private static let hex = Array("0123456789abcdef".utf8)

    /// A JSON string: quotes, backslashes and control characters escaped; other bytes of
    /// the UTF-8 text as they are.
    private static func quote(_ text: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        let utf8 = text.utf8
        let copied = utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            guard !bytes.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) else {
                return false
            }
            out.append(contentsOf: bytes)
            return true
        }
        if copied == true {
            out.append(UInt8(ascii: "\""))
            return
        }
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case UInt8(ascii: "\n"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case UInt8(ascii: "\r"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case UInt8(ascii: "\t"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0..<0x20: out.append(contentsOf: Array("\\u00".utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 15)]])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
