import GRDB

extension Migrations {
    /// v18: files an import applied, by SHA-256, so the same file is never applied twice.
    static func v18ImportedFiles(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE importedFile (
                    sha256 TEXT NOT NULL, kind TEXT NOT NULL, name TEXT NOT NULL, rows INTEGER NOT NULL,
                    at TEXT NOT NULL, actor TEXT NOT NULL, PRIMARY KEY (sha256, kind))
                """)
        try appendOnly("importedFile", "imported files are never changed", in: db)
    }
}
