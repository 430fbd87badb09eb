import GRDB

extension Migrations {
    /// v10: stock items, their barcodes, batches and the append-only stock ledger; a
    /// prescription records when it was dispensed.
    static func v10Stock(_ db: Database) throws {
        try db.create(table: "stockItem") { t in
            t.primaryKey("code", .text).references("formularyItem")
            t.column("nappi", .text).notNull().defaults(to: "")
            t.column("reorderLevel", .integer).notNull().defaults(to: 0)
            t.column("storageNote", .text).notNull().defaults(to: "")
        }
        try db.create(table: "gtin") { t in
            t.primaryKey("gtin", .text)
            t.column("itemCode", .text).notNull().references("stockItem")
        }
        try db.create(table: "batch") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("itemCode", .text).notNull().references("stockItem")
            t.column("batchNumber", .text).notNull()
            t.column("expiry", .text).notNull()
            t.column("supplier", .text).notNull().defaults(to: "")
            t.column("receivedAt", .text).notNull()
            t.uniqueKey(["itemCode", "batchNumber", "expiry"])
        }
        try db.create(table: "movement") { t in
            t.autoIncrementedPrimaryKey("id")
            t.belongsTo("batch").notNull()
            t.column("kind", .text).notNull()
            t.column("quantity", .integer).notNull()
            t.column("visitId", .text)
            t.column("reason", .text).notNull().defaults(to: "")
            t.column("actor", .text).notNull()
            t.column("at", .text).notNull()
        }
        try appendOnly("movement", "the stock ledger is append-only", in: db)
        try db.alter(table: "prescription") { t in t.add(column: "dispensedAt", .text) }
    }
}
