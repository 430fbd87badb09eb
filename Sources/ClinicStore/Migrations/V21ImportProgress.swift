import GRDB

extension Migrations {
    /// v21: how far an import applied in steps got, so one that was stopped resumes where
    /// it stopped.
    static func v21ImportProgress(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE importProgress (
                    sha256 TEXT NOT NULL, kind TEXT NOT NULL, name TEXT NOT NULL, rows INTEGER NOT NULL, at TEXT NOT NULL,
                    PRIMARY KEY (sha256, kind))
                """)
    }
}
