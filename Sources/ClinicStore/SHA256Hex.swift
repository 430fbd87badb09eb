import Crypto
import Foundation
import GRDB

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

/// A short tag of a text that cannot be read back: the first 6 hex digits of its
/// HMAC-SHA256 under this database's own secret (`localSecret`, made once by migration v20).
/// Failed logins under a name no user has are audited by this tag alone, so a password
/// typed into the username field is never kept, while repeated tries still show as one name;
/// without the secret (which is never synced or exported) the tag cannot be tried against guesses.
public enum ShortTag {
    public static func of(_ text: String, in db: Database) throws -> String {
        guard let key = try Data.fetchOne(db, sql: "SELECT value FROM localSecret WHERE name = 'audit-tag'") else {
            throw StoreError.damaged(path: "The clinic database", reason: "its own secret (localSecret) is missing")
        }
        let mac = HMAC<SHA256>.authenticationCode(for: Data(text.utf8), using: SymmetricKey(data: key))
        return String(mac.prefix(3).map { String(format: "%02x", $0) }.joined())
    }
}
