import ClinicDomain
import Foundation
import GRDB

/// One code of the ICD-10 list as stored.
public struct ICD10Record: Codable, Equatable, Sendable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "icd10"

    public var code: String
    public var title: String
    public var validPrimary: Bool
    public var validAsterisk: Bool
    public var validDagger: Bool
    /// "bundled" (the primary-care subset shipped with the program) or "import".
    public var source: String

    public init(
        code: String, title: String, validPrimary: Bool, validAsterisk: Bool = false, validDagger: Bool = false,
        source: String
    ) {
        self.code = code
        self.title = title
        self.validPrimary = validPrimary
        self.validAsterisk = validAsterisk
        self.validDagger = validDagger
        self.source = source
    }

    public var entry: ICD10Entry? {
        ICD10Code(code).map {
            ICD10Entry(
                code: $0, title: title, validPrimary: validPrimary, validAsterisk: validAsterisk,
                validDagger: validDagger)
        }
    }
}

/// The ICD-10 list: lookups, the claim-rule catalogue, search by code or words.
public enum ICD10Repository {
    public static func find(_ code: ICD10Code, in db: Database) throws -> ICD10Record? {
        try ICD10Record.fetchOne(db, key: code.value)
    }

    /// Whether more specific codes exist below `code` (then `code` is not full length).
    public static func hasChildren(_ code: ICD10Code, in db: Database) throws -> Bool {
        try Bool.fetchOne(
            db, sql: "SELECT EXISTS (SELECT 1 FROM icd10 WHERE code > ? AND code < ? AND code != ?)",
            arguments: [code.value, code.value + "~", code.value]) ?? false
    }

    /// Codes by code prefix ("J06", "j06.9") or by words of the title ("upper resp").
    public static func search(_ query: String, limit: Int = 20, in db: Database) throws -> [ICD10Record] {
        let text = query.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { return [] }
        let upper = text.uppercased()
        if let first = upper.first, first.isLetter, upper.dropFirst().first?.isNumber == true {
            let prefix = ICD10Code(upper)?.value ?? upper
            return try ICD10Record.fetchAll(
                try db.cachedStatement(sql: "SELECT * FROM icd10 WHERE code >= ? AND code < ? ORDER BY code LIMIT ?"),
                arguments: [prefix, prefix + "~", limit])
        }
        let tokens = NameKey.fold(text).split(separator: " ")
        guard !tokens.isEmpty else { return [] }
        let pattern = tokens.map { "\"\($0.replacingOccurrences(of: "\"", with: "\"\""))\"*" }.joined(separator: " AND ")
        return try ICD10Record.fetchAll(
            try db.cachedStatement(
                sql: """
                    SELECT icd10.* FROM icd10 WHERE rowid IN (SELECT rowid FROM icd10Search WHERE icd10Search MATCH ? LIMIT 200)
                    ORDER BY code LIMIT ?
                    """), arguments: ["{title} : (\(pattern))", limit])
    }

    /// Inserts or replaces codes (an imported list wins over the bundled titles).
    public static func upsert(_ records: [ICD10Record], in db: Database) throws {
        for record in records { try record.upsert(db) }
    }
}
