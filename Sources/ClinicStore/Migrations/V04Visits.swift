import GRDB

extension Migrations {
    /// v4: visits and their queue, the visit's stage events and vital signs.
    static func v4Visits(_ db: Database) throws {
        try db.create(table: "visit") { t in
            t.primaryKey("id", .text)
            t.belongsTo("patient").notNull()
            t.column("stage", .text).notNull()
            t.column("reason", .text).notNull()
            /// Triage colour rank: 0 red … 3 green, 4 not yet triaged; queues sort by it.
            t.column("colourRank", .integer).notNull().defaults(to: 4)
            t.column("arrivedAt", .text).notNull()
            t.column("stageEnteredAt", .text).notNull()
            t.column("takenBy", .text)
            t.column("takenAt", .text)
            t.column("endedAt", .text)
            t.column("endReason", .text)
            t.column("createdBy", .text).notNull()
        }
        try db.execute(
            sql: """
                CREATE UNIQUE INDEX visit_one_open_per_patient ON visit(patientId)
                    WHERE stage NOT IN ('closed', 'cancelled');
                CREATE INDEX visit_queue ON visit(stage, colourRank, stageEnteredAt);
                """)
        try db.create(table: "visitEvent") { t in
            t.autoIncrementedPrimaryKey("id")
            t.belongsTo("visit").notNull()
            t.column("at", .text).notNull()
            t.column("fromStage", .text)
            t.column("toStage", .text).notNull()
            t.column("action", .text).notNull()
            t.column("actor", .text).notNull()
            t.column("reason", .text)
        }
        try db.create(table: "vitalsSet") { t in
            t.autoIncrementedPrimaryKey("id")
            t.belongsTo("visit").notNull()
            t.column("recordedAt", .text).notNull()
            t.column("recordedBy", .text).notNull()
            t.column("vitals", .jsonText).notNull()
            t.column("isFull", .boolean).notNull()
            t.column("score", .integer)
            t.column("colour", .text)
            t.column("discriminator", .text)
            t.column("discriminatorReason", .text)
            t.column("note", .text).notNull().defaults(to: "")
        }
    }
}
