import GRDB

extension Migrations {
    /// v11: suppliers (one for each name batches already named), batch unit costs, and
    /// equipment with its append-only history.
    static func v11SuppliersAssets(_ db: Database) throws {
        try db.create(table: "supplier") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("name", .text).notNull().unique().collate(.nocase)
            t.column("contact", .text).notNull().defaults(to: "")
            t.column("phone", .text).notNull().defaults(to: "")
        }
        try db.execute(sql: "INSERT OR IGNORE INTO supplier(name) SELECT DISTINCT supplier FROM batch WHERE supplier <> ''")
        try db.alter(table: "batch") { t in t.add(column: "unitCostCents", .integer) }
        try db.create(table: "asset") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("type", .text).notNull()
            t.column("make", .text).notNull()
            t.column("model", .text).notNull()
            t.column("serial", .text).notNull().unique().collate(.nocase)
            t.column("location", .text).notNull()
            t.column("status", .text).notNull()
            t.column("nextService", .text)
        }
        try db.create(table: "assetEvent") { t in
            t.autoIncrementedPrimaryKey("id")
            t.belongsTo("asset").notNull()
            t.column("status", .text).notNull()
            t.column("location", .text).notNull()
            t.column("nextService", .text)
            t.column("note", .text).notNull()
            t.column("actor", .text).notNull()
            t.column("at", .text).notNull()
        }
        try appendOnly("assetEvent", "equipment history is append-only", in: db)
    }
}
