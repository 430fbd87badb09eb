import Foundation

/// Rules for usernames and passwords chosen by administrators.
public enum CredentialRules {
    /// Minimum password length for staff accounts.
    public static let minimumPasswordLength = 8

    /// Returns a message saying what is wrong with `username`, or nil when it is acceptable:
    /// 2–32 characters of lowercase letters, digits, dot, dash or underscore, starting with a letter.
    public static func problem(withUsername username: String) -> String? {
        guard (2...32).contains(username.count) else {
            return "username must be 2 to 32 characters"
        }
        guard let first = username.unicodeScalars.first, ("a"..."z").contains(first) else {
            return "username must start with a lowercase letter"
        }
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789._-".unicodeScalars)
        guard username.unicodeScalars.allSatisfy(allowed.contains) else {
            return "username may hold only a-z, 0-9, '.', '-' and '_'"
        }
        return nil
    }

    /// Returns a message saying what is wrong with `password` for the account `username`,
    /// or nil when it is acceptable: long enough, not blank, not the username (nor holding
    /// it), not one of the passwords people choose most often (`CommonPasswords`).
    public static func problem(withPassword password: String, username: String) -> String? {
        if password.count < minimumPasswordLength {
            return "password must be at least \(minimumPasswordLength) characters"
        }
        if password.trimmingCharacters(in: .whitespaces).isEmpty {
            return "password must not be blank"
        }
        let folded = password.lowercased(), name = username.lowercased()
        if !name.isEmpty, folded.contains(name) || folded == String(name.reversed()) {
            return "password must not contain the username"
        }
        if CommonPasswords.list.contains(folded) || folded.hasPrefix("password") {
            return "that password is one of the most common, tried first by anyone guessing; choose another"
        }
        return nil
    }
}
