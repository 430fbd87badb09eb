import GRDB

extension Migrations {
    /// v25: the tariff code the scheme pays for each screening test, as finance imports it
    /// (`clinic tariffs import`); a test without a row is not claimed.
    static func v25ScreeningTariffs(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE screeningTariff (
                    test TEXT PRIMARY KEY,
                    code TEXT NOT NULL,
                    description TEXT NOT NULL
                )
                """)
    }
}
