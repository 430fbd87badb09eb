import Foundation

/// Names folded for searching and comparing: lowercase, accents removed, apostrophes and
/// hyphens dropped, single spaces ("Nkosi-Dlamini" and "nkosidlamini" agree; "Zoë" = "zoe").
public enum NameKey {
    public static func fold(_ name: String) -> String {
        let folded = name.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
        var result = ""
        var lastWasSpace = true
        for scalar in folded.unicodeScalars {
            if CharacterSet.letters.contains(scalar) || CharacterSet.decimalDigits.contains(scalar) {
                result.unicodeScalars.append(scalar)
                lastWasSpace = false
            } else if CharacterSet.whitespaces.contains(scalar), !lastWasSpace {
                result.append(" ")
                lastWasSpace = true
            }
        }
        return result.trimmingCharacters(in: .whitespaces)
    }

    /// Whether two names are close enough to flag a likely duplicate: equal when folded,
    /// or one edit apart per 5 letters of the shorter name (typos like "Ndlovu"/"Ndhlovu");
    /// names under 5 letters must match exactly.
    public static func similar(_ a: String, _ b: String) -> Bool {
        let x = Array(fold(a).replacingOccurrences(of: " ", with: "")), y = Array(fold(b).replacingOccurrences(of: " ", with: ""))
        if x == y { return true }
        let allowed = min(x.count, y.count) / 5
        guard allowed > 0 else { return false }
        guard abs(x.count - y.count) <= allowed else { return false }
        return editDistance(x, y) <= allowed
    }

    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        var previous = Array(0...b.count)
        for (i, ca) in a.enumerated() {
            var current = [i + 1] + Array(repeating: 0, count: b.count)
            for (j, cb) in b.enumerated() {
                current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (ca == cb ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
