import GRDB

extension Migrations {
    /// v7: the social worker's counselling notes.
    static func v7Counselling(_ db: Database) throws {
        try db.create(table: "counsellingNote") { t in
            t.autoIncrementedPrimaryKey("id")
            t.belongsTo("visit").notNull()
            t.column("sessionType", .text).notNull()
            t.column("notes", .text).notNull()
            t.column("outcome", .text).notNull()
            t.column("referral", .text).notNull()
            t.column("author", .text).notNull()
            t.column("at", .text).notNull()
        }
    }
}
