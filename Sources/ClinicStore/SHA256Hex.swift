import Crypto
import Foundation

/// SHA-256 of a text as 64 lowercase hex digits: the audit chain's and the seals' digest.
/// Built from a digit table: `String(format:)` per byte cost more than the hash itself,
/// and seals are computed for every clinical row written or verified.
enum SHA256Hex {
    private static let digits = Array("0123456789abcdef".utf8)

    static func of(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in SHA256.hash(data: Data(text.utf8)) {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 15)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
