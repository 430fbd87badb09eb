import GRDB

extension Migrations {
    /// v22: each route stop's no-show grace, the minutes after a slot's end before a
    /// booking nobody checked in counts as a no-show; stops planned before keep the 15
    /// minutes they had.
    static func v22StopNoShowGrace(_ db: Database) throws {
        try db.execute(sql: "ALTER TABLE routeStop ADD COLUMN noShowGraceMinutes INTEGER NOT NULL DEFAULT 15")
    }
}
