import GRDB

extension Migrations {
    /// v9: referrals out of a visit.
    static func v9Referrals(_ db: Database) throws {
        try db.create(table: "referral") { t in
            t.autoIncrementedPrimaryKey("id")
            t.belongsTo("visit").notNull()
            t.column("kind", .text).notNull()
            t.column("destination", .text).notNull()
            t.column("urgency", .text).notNull()
            t.column("reason", .text).notNull()
            t.column("referredBy", .text).notNull()
            t.column("referredAt", .text).notNull()
        }
    }
}
