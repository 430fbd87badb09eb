import CArgon2
import Foundation

/// Argon2id password hashing via libargon2, stored as PHC strings
/// (`$argon2id$v=19$m=19456,t=2,p=1$salt$hash`).
public struct PasswordHasher: Sendable {
    /// Memory cost in KiB.
    public var memoryKiB: UInt32
    /// Number of passes.
    public var iterations: UInt32
    /// Degree of parallelism.
    public var parallelism: UInt32

    /// OWASP's recommended Argon2id parameters: m=19456 KiB, t=2, p=1.
    public static let owasp = PasswordHasher(memoryKiB: 19456, iterations: 2, parallelism: 1)

    public init(memoryKiB: UInt32, iterations: UInt32, parallelism: UInt32) {
        self.memoryKiB = memoryKiB
        self.iterations = iterations
        self.parallelism = parallelism
    }

    /// Hashes `password` with a fresh 16-byte random salt.
    public func hash(_ password: String) -> String {
        var generator = SystemRandomNumberGenerator()
        let salt = (0..<16).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        let pwd = Array(password.utf8)
        let hashLength = 32
        let encodedLength = argon2_encodedlen(
            iterations, memoryKiB, parallelism, UInt32(salt.count),
            UInt32(hashLength), Argon2_id)
        var encoded = [CChar](repeating: 0, count: encodedLength)
        let status = argon2id_hash_encoded(
            iterations, memoryKiB, parallelism, pwd, pwd.count,
            salt, salt.count, hashLength, &encoded, encodedLength)
        precondition(
            status == ARGON2_OK.rawValue,
            "argon2id failed: \(String(cString: argon2_error_message(status)))")
        return String(decoding: encoded.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Whether `password` matches the PHC string `encoded`. A malformed hash never matches.
    public func verify(_ password: String, against encoded: String) -> Bool {
        let pwd = Array(password.utf8)
        return encoded.withCString { argon2id_verify($0, pwd, pwd.count) } == ARGON2_OK.rawValue
    }
}
