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

    /// Words of this program and its users that a guesser tries first (NIST SP 800-63B
    /// 3.1.1.2: context-specific words); a password whose letters are only these words
    /// (with digits and punctuation between) is refused.
    static let contextWords = [
        "clinic", "polmed", "mobile", "truck", "demo", "health", "nurse", "doctor", "admin",
        "clerk", "welcome", "saps", "police", "letmein", "qwerty",
    ]

    /// Returns a message saying what is wrong with `password` for the account `username`,
    /// or nil when it is acceptable: long enough, not blank, not the username (nor holding
    /// it), not one of the passwords people choose most often (`CommonPasswords`), not a
    /// run or repetition of characters ("abcdefgh", "12121212"), not a word of this
    /// program with digits or punctuation ("clinic-2026"). NIST SP 800-63B 3.1.1.2.
    /// With `guessable` allowed (a demo database's shared password), only length and blankness count.
    public static func problem(withPassword password: String, username: String, allowingGuessable: Bool = false) -> String? {
        if password.count < minimumPasswordLength {
            return "password must be at least \(minimumPasswordLength) characters"
        }
        if password.trimmingCharacters(in: .whitespaces).isEmpty {
            return "password must not be blank"
        }
        if allowingGuessable { return nil }
        let folded = password.lowercased(), name = username.lowercased()
        if !name.isEmpty, folded.contains(name) || folded == String(name.reversed()) {
            return "password must not contain the username"
        }
        if CommonPasswords.list.contains(folded) || folded.hasPrefix("password") {
            return "that password is one of the most common, tried first by anyone guessing; choose another"
        }
        if isRunOrRepetition(Array(folded.unicodeScalars)) {
            return "that password is a run or repetition of characters, guessed at once; choose another"
        }
        let letters = String(String.UnicodeScalarView(folded.unicodeScalars.filter { CharacterSet.letters.contains($0) }))
        if isMadeOfContextWords(letters) {
            return "that password is a word of this program with digits or signs, tried first by anyone guessing; choose another"
        }
        return nil
    }

    /// True when `letters` is one or more `contextWords` one after another ("clinicdemo").
    static func isMadeOfContextWords(_ letters: String) -> Bool {
        guard !letters.isEmpty else { return false }
        var reachable = [true] + Array(repeating: false, count: letters.count)  // prefix of that length is made of words
        let characters = Array(letters)
        for end in 1...characters.count {
            reachable[end] = contextWords.contains { word in
                word.count <= end && reachable[end - word.count] && String(characters[(end - word.count)..<end]) == word
            }
        }
        return reachable[characters.count]
    }

    /// True for "aaaaaaaa", "abcdefgh", "87654321" and a pattern of up to 3 characters said
    /// again and again ("abcabcab", "12121212").
    static func isRunOrRepetition(_ scalars: [Unicode.Scalar]) -> Bool {
        guard scalars.count > 1 else { return true }
        let steps = zip(scalars, scalars.dropFirst()).map { Int($1.value) - Int($0.value) }
        if Set(steps).count == 1, let step = steps.first, abs(step) <= 1 { return true }
        return (1...3).contains { period in
            scalars.indices.dropFirst(period).allSatisfy { scalars[$0] == scalars[$0 - period] }
        }
    }
}
