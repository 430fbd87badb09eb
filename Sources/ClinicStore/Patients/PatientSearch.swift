import ClinicDomain
import GRDB

/// One row of a search result: enough to pick the right person from a list.
public struct PatientSummary: Equatable, Sendable, FetchableRecord, Decodable {
    public var id: String
    public var folderNumber: String
    public var surname: String
    public var firstNames: String
    public var sex: Sex
    public var dateOfBirth: String
    public var saID: String?
    public var membershipNumber: String?
    public var dependantCode: String?
    public var active: Bool
    /// When the patient's latest visit started (UTC timestamp), filled in by `find`.
    public var lastVisit: String?

    /// The summary of a full record.
    public init(_ record: PatientRecord) {
        id = record.id
        folderNumber = record.folderNumber
        surname = record.surname
        firstNames = record.firstNames
        sex = record.sex
        dateOfBirth = record.dateOfBirth
        saID = record.saID
        membershipNumber = record.membershipNumber
        dependantCode = record.dependantCode
        active = record.active
    }

    static let columns = "id, folderNumber, surname, firstNames, sex, dateOfBirth, saID, membershipNumber, dependantCode, active"
}

/// Finds patients from one typed query, choosing the index by the query's shape:
/// 13 digits → SA ID; letter + 4 digits ("N5087") → surname initial + ID ending;
/// a folder number, whole or by its number ("demo-12", or "12" at this truck); other
/// digits → membership, phone or the start of an SA ID;
/// words → name prefixes ("ndl sip" finds Sipho Ndlovu), accents and case ignored.
public enum PatientSearch {
    /// At most `limit` matches, ordered by surname then first names, with their last visit.
    public static func find(_ query: String, limit: Int = 20, in db: Database) throws -> [PatientSummary] {
        var found = try match(query, limit: limit, in: db)
        guard !found.isEmpty else { return found }
        let marks = Array(repeating: "?", count: found.count).joined(separator: ",")
        let rows = try Row.fetchAll(
            try db.cachedStatement(
                sql: "SELECT patientId, max(arrivedAt) AS last FROM visit WHERE patientId IN (\(marks)) GROUP BY patientId"),
            arguments: StatementArguments(found.map(\.id)))
        let last = Dictionary(uniqueKeysWithValues: rows.map { ($0["patientId"] as String, $0["last"] as String) })
        for index in found.indices { found[index].lastVisit = last[found[index].id] }
        return found
    }

    private static func match(_ query: String, limit: Int, in db: Database) throws -> [PatientSummary] {
        let text = query.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { return [] }
        let compact = text.filter { !" -/".contains($0) }
        let select = "SELECT \(PatientSummary.columns) FROM patient"
        if compact.count == 13, compact.allSatisfy(\.isNumber) {
            return try PatientSummary.fetchAll(try db.cachedStatement(sql: "\(select) WHERE saID = ?"), arguments: [compact])
        }
        if compact.count == 5, compact.first!.isLetter, compact.dropFirst().allSatisfy(\.isNumber) {
            return try PatientSummary.fetchAll(
                try db.cachedStatement(sql: "\(select) WHERE shortKey = ? ORDER BY surnameKey, firstNamesKey LIMIT ?"),
                arguments: [compact.uppercased(), limit])
        }
        if text.contains("-"),
            let folder = try PatientSummary.fetchOne(
                try db.cachedStatement(sql: "\(select) WHERE folderNumber = ?"),
                arguments: [Self.folderNumber(text) ?? text.uppercased()])
        {
            return [folder]
        }
        if compact.allSatisfy({ $0.isNumber || $0 == "+" }) {
            return try digits(compact, text: text, limit: limit, select: select, in: db)
        }
        return try names(text, limit: limit, select: select, in: db)
    }

    private static func digits(
        _ compact: String, text: String, limit: Int, select: String, in db: Database
    ) throws -> [PatientSummary] {
        var sql = "\(select) WHERE membershipNumber = ?"
        var arguments: StatementArguments = [compact]
        // "12": this truck's folder DEMO-000012, as the number is read off a folder.
        if let folder = Self.folderNumber("\(try SettingsRepository.load(in: db).siteCode)-\(compact)") {
            sql += " OR folderNumber = ?"
            arguments += [folder]
        }
        // "11223344 01" or "11223344/01": membership plus dependant code.
        let parts = text.split(whereSeparator: { " /".contains($0) })
        if parts.count == 2, parts[1].count == 2 {
            sql += " OR (membershipNumber = ? AND dependantCode = ?)"
            arguments += [String(parts[0]), String(parts[1])]
        }
        if let phone = try? PhoneNumber.normalise(compact) {
            sql += " OR phone = ?"
            arguments += [phone]
        }
        if compact.count >= 6, compact.count < 13, compact.allSatisfy(\.isNumber) {
            // An ID typed so far: a range scan on the unique index.
            sql += " OR (saID >= ? AND saID < ?)"
            arguments += [compact, compact + ":"]
        }
        sql += " ORDER BY surnameKey, firstNamesKey LIMIT ?"
        arguments += [limit]
        return try PatientSummary.fetchAll(try db.cachedStatement(sql: sql), arguments: arguments)
    }

    /// "demo-12" as the folder number it is, `DEMO-000012`: the site code and up to six
    /// digits, zero-padded; nil when the text is not of that shape.
    static func folderNumber(_ text: String) -> String? {
        guard let dash = text.lastIndex(of: "-") else { return nil }
        let site = text[..<dash].trimmingCharacters(in: .whitespaces), number = text[text.index(after: dash)...]
        guard !site.isEmpty, (1...6).contains(number.count), number.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            return nil
        }
        return site.uppercased() + "-" + String(repeating: "0", count: 6 - number.count) + number
    }

    private static func names(_ text: String, limit: Int, select: String, in db: Database) throws -> [PatientSummary] {
        let tokens = NameKey.fold(text).split(separator: " ").map(String.init).filter { !$0.isEmpty }
        guard !tokens.isEmpty else { return [] }
        if tokens.count == 1 {
            // One word: ordered prefix browses on the surname and first-name indexes.
            let low = tokens[0], high = tokens[0] + "\u{10FFFF}"
            return try PatientSummary.fetchAll(
                try db.cachedStatement(
                    sql: """
                        SELECT * FROM (
                            SELECT \(PatientSummary.columns), surnameKey, firstNamesKey FROM patient
                            WHERE surnameKey >= ? AND surnameKey < ? ORDER BY surnameKey, firstNamesKey LIMIT ?)
                        UNION
                        SELECT * FROM (
                            SELECT \(PatientSummary.columns), surnameKey, firstNamesKey FROM patient
                            WHERE firstNamesKey >= ? AND firstNamesKey < ? ORDER BY firstNamesKey LIMIT ?)
                        ORDER BY surnameKey, firstNamesKey LIMIT ?
                        """), arguments: [low, high, limit, low, high, limit, limit])
        }
        // Several words: every word must start some name (FTS5 prefix query). The first 100
        // matches are ordered by name; more than that and the clerk narrows by typing on.
        let pattern = tokens.map { "\"\($0.replacingOccurrences(of: "\"", with: "\"\""))\"*" }.joined(separator: " AND ")
        return try PatientSummary.fetchAll(
            try db.cachedStatement(
                sql: """
                    \(select) WHERE rowid IN (SELECT rowid FROM patientName WHERE patientName MATCH ? LIMIT 100)
                    ORDER BY surnameKey, firstNamesKey LIMIT ?
                    """), arguments: [pattern, limit])
    }
}
