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

/// A short tag of a text that cannot be read back: the first 6 hex digits of its SHA-256.
/// Failed logins under a name no user has are audited by this tag alone, so a password
/// typed into the username field is never kept, while repeated tries still show as one name.
public enum ShortTag {
    public static func of(_ text: String) -> String { String(SHA256Hex.of(text).prefix(6)) }
}
