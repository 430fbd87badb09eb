import GRDB

extension Migrations {
    /// The tables v14 synced and their key then (the itinerary by its integer id; v15 keys
    /// it by uid). Frozen: later changes to `SyncTables.keys` belong in new migrations.
    private static let v14SyncedTables: [(table: String, key: String)] = [
        ("patient", "id"), ("patientBackground", "id"), ("visit", "id"), ("visitEvent", "id"), ("vitalsSet", "id"),
        ("consultationNote", "visitId"), ("noteAddendum", "id"), ("diagnosis", "id"), ("prescription", "id"),
        ("referral", "id"), ("counsellingNote", "id"), ("batch", "id"), ("movement", "id"), ("location", "id"),
        ("routeStop", "id"), ("appointment", "id"), ("auditEntry", "id"),
    ]

    /// v14: fleet sync with a central database: the outbox its triggers fill, the flag that
    /// keeps pulled rows from being sent back, the merge base and the conflict list.
    static func v14Sync(_ db: Database) throws {
        try db.create(table: "syncOutbox") { t in
            t.autoIncrementedPrimaryKey("seq")
            t.column("tableName", .text).notNull()
            t.column("rowKey", .text).notNull()
            t.uniqueKey(["tableName", "rowKey"])
        }
        // Set to 1 inside the transaction that applies pulled rows, so they are not sent back.
        try db.create(table: "syncFlag") { t in t.column("applying", .integer).notNull() }
        try db.execute(sql: "INSERT INTO syncFlag(applying) VALUES (0)")
        try db.create(table: "syncState") { t in
            t.primaryKey("key", .text)
            t.column("value", .text).notNull()
        }
        // The patient's demographics as the central database last had them: the base of
        // the field-by-field merge.
        try db.create(table: "syncBase") { t in
            t.primaryKey("patientId", .text)
            t.column("payload", .text).notNull()
        }
        // Rows pulled from other trucks, by their central key, with the local id they got.
        try db.create(table: "syncOrigin") { t in
            t.column("tableName", .text).notNull()
            t.column("centralKey", .text).notNull()
            t.column("localKey", .text).notNull()
            t.primaryKey(["tableName", "centralKey"])
        }
        try createSyncConflict(db)
        for (table, key) in v14SyncedTables { try queueSyncChanges(of: table, key: key, in: db) }
    }

    /// v14's list of patient fields on which the central database and this truck disagree.
    private static func createSyncConflict(_ db: Database) throws {
        try db.create(table: "syncConflict") { t in
            t.primaryKey("id", .text)
            t.column("patientId", .text).notNull()
            t.column("field", .text).notNull()
            t.column("centralValue", .text).notNull()
            t.column("truckValue", .text).notNull()
            t.column("site", .text).notNull()
            t.column("createdAt", .text).notNull()
            t.column("resolvedAt", .text)
            t.column("resolution", .text)
            // Set once a resolution made here has reached the central database.
            t.column("resolutionSent", .boolean).notNull().defaults(to: false)
        }
    }
}
