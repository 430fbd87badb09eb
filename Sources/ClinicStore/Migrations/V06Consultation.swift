import GRDB

extension Migrations {
    /// v6: the ICD-10 list (with the bundled primary-care subset), consultation notes that
    /// are final once signed, addenda and diagnoses.
    static func v6Consultation(_ db: Database) throws {
        try createICD10(db)
        try db.create(table: "consultationNote") { t in
            t.primaryKey("visitId", .text).references("visit")
            t.column("subjective", .text).notNull()
            t.column("objective", .text).notNull()
            t.column("assessment", .text).notNull()
            t.column("plan", .text).notNull()
            t.column("signedBy", .text)
            t.column("signedAt", .text)
            t.column("updatedAt", .text).notNull()
            t.column("updatedBy", .text).notNull()
        }
        try db.execute(
            sql: """
                CREATE TRIGGER consultationNote_signed_is_final BEFORE UPDATE ON consultationNote
                WHEN OLD.signedAt IS NOT NULL
                BEGIN SELECT RAISE(ABORT, 'a signed note cannot be changed; add an addendum'); END;
                """)
        try db.create(table: "noteAddendum") { t in
            t.autoIncrementedPrimaryKey("id")
            t.belongsTo("visit").notNull()
            t.column("text", .text).notNull()
            t.column("author", .text).notNull()
            t.column("at", .text).notNull()
        }
        try db.create(table: "diagnosis") { t in
            t.autoIncrementedPrimaryKey("id")
            t.belongsTo("visit").notNull()
            t.column("code", .text).notNull()
            t.column("isPrimary", .boolean).notNull()
            t.column("addedBy", .text).notNull()
            t.column("addedAt", .text).notNull()
            t.uniqueKey(["visitId", "code"])
        }
    }

    /// v6's ICD-10 table, its word search, and the bundled primary-care subset (codes that
    /// are both public-domain ICD-10-CM and WHO ICD-10) in v6's columns; the full South
    /// African MIT list is imported with `clinic icd10 import`.
    private static func createICD10(_ db: Database) throws {
        try db.create(table: "icd10") { t in
            t.primaryKey("code", .text)
            t.column("title", .text).notNull()
            t.column("validPrimary", .boolean).notNull()
            t.column("source", .text).notNull()
        }
        try db.create(virtualTable: "icd10Search", using: FTS5()) { t in
            t.synchronize(withTable: "icd10")
            t.tokenizer = .unicode61(diacritics: .remove)
            t.prefixes = [1, 2, 3]
            t.column("code")
            t.column("title")
        }
        let rows = try bundledRows("icd10-primary-care", missing: "the bundled ICD-10 list is missing from this installation")
        for row in rows {
            try db.execute(
                sql: "INSERT INTO icd10(code, title, validPrimary, source) VALUES (?, ?, ?, 'bundled')",
                arguments: [row[0], row[1], row[2] == "true"])
        }
    }
}
