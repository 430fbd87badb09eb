import GRDB

extension Migrations {
    /// v17: the SA ICD-10 MIT's Valid_ICD10_Asterisk and Valid_ICD10_Dagger: an
    /// asterisk-only code cannot be primary and is claimed only beside a dagger code.
    static func v17ICD10AsteriskDagger(_ db: Database) throws {
        try db.alter(table: "icd10") { t in
            t.add(column: "validAsterisk", .boolean).notNull().defaults(to: false)
            t.add(column: "validDagger", .boolean).notNull().defaults(to: false)
        }
    }
}
