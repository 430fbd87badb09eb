import GRDB

extension Migrations {
    /// v8: the formulary (with the bundled PHC list) and prescriptions.
    static func v8Prescriptions(_ db: Database) throws {
        try db.create(table: "formularyItem") { t in
            t.primaryKey("code", .text)
            t.column("genericName", .text).notNull()
            t.column("strength", .text).notNull()
            t.column("form", .text).notNull()
            t.column("route", .text).notNull()
            t.column("unit", .text).notNull()
        }
        try db.create(index: "formularyItem_on_name", on: "formularyItem", columns: ["genericName"])
        for row in try bundledRows("formulary-phc", missing: "the bundled formulary is missing from this installation") {
            try db.execute(
                sql: "INSERT INTO formularyItem(code, genericName, strength, form, route, unit) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [row[0], row[1], row[2], row[3], row[4], row[5]])
        }
        try db.create(table: "prescription") { t in
            t.autoIncrementedPrimaryKey("id")
            t.belongsTo("visit").notNull()
            t.column("itemCode", .text).notNull().references("formularyItem")
            t.column("description", .text).notNull()
            t.column("dose", .double).notNull()
            t.column("frequency", .text).notNull()
            t.column("days", .integer).notNull()
            t.column("quantity", .integer).notNull()
            t.column("allergyOverride", .text)
            t.column("prescribedBy", .text).notNull()
            t.column("prescribedAt", .text).notNull()
        }
    }
}
