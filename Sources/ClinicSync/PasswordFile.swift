import Foundation

/// libpq's password file (`$PGPASSFILE`, else `~/.pgpass`): lines of
/// `host:port:database:user:password`, `*` matching anything, `\:` and `\\` escaped, `#`
/// comments. Like libpq, a file readable by group or others is not used; unlike libpq, it
/// is refused in words rather than ignored, so a sync never runs without the password it expects.
enum PasswordFile {
    /// The password for these settings; nil when there is no file or no line matches.
    static func lookup(
        host: String, port: Int, database: String, user: String,
        environment: [String: String]
    ) -> Result<String?, SyncError> {
        let path = environment["PGPASSFILE"] ?? environment["HOME"].map { $0 + "/.pgpass" }
        guard let path, FileManager.default.fileExists(atPath: path) else { return .success(nil) }
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            return .failure(.address("the password file \(path) is not a plain file"))
        }
        guard info.st_mode & 0o077 == 0 else {
            return .failure(.address("the password file \(path) can be read by others: `chmod 600 \(path)`, then sync again"))
        }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            return .failure(.address("cannot read the password file \(path)"))
        }
        let wanted = [host, String(port), database, user]
        for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            let fields = split(String(line))
            guard fields.count == 5 else { continue }
            if zip(fields.prefix(4), wanted).allSatisfy({ $0 == "*" || $0 == $1 }) { return .success(fields[4]) }
        }
        return .success(nil)
    }

    /// One line's fields at unescaped colons, with `\:` and `\\` unescaped.
    static func split(_ line: String) -> [String] {
        var fields = [""], escaped = false
        for character in line {
            if escaped {
                fields[fields.count - 1].append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == ":" {
                fields.append("")
            } else {
                fields[fields.count - 1].append(character)
            }
        }
        return fields
    }
}
