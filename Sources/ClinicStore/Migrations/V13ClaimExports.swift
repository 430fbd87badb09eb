import GRDB

extension Migrations {
    /// v13: the watermark of the claims export: a visit claimed once is not claimed again
    /// unless asked. Rows are never changed, so a re-run cannot lose the first export.
    static func v13ClaimExports(_ db: Database) throws {
        try db.create(table: "claimExport") { t in
            t.primaryKey("visitId", .text).references("visit")
            t.column("exportedAt", .text).notNull()
            t.column("file", .text).notNull()
            t.column("actor", .text).notNull()
        }
        try appendOnly("claimExport", "claim exports are append-only", in: db)
        try db.create(index: "visit_on_arrivedAt", on: "visit", columns: ["arrivedAt"])
    }
}
