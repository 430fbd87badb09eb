import GRDB

/// What the truck sends to the central database: every synced table, how its rows are
/// keyed, and the triggers that queue each insert, update and delete in `syncOutbox`.
public enum SyncTables {
    /// Synced tables and their key column. Tables keyed by a UUID (or a visit's UUID) keep
    /// that key centrally; the others' integer ids are prefixed with the site code there.
    public static let keys: [(table: String, key: String)] = [
        ("patient", "id"), ("patientBackground", "id"), ("visit", "id"), ("visitEvent", "id"), ("vitalsSet", "id"),
        ("consultationNote", "visitId"), ("noteAddendum", "id"), ("diagnosis", "id"), ("prescription", "id"),
        ("referral", "id"), ("counsellingNote", "id"), ("batch", "id"), ("movement", "id"), ("location", "id"),
        ("routeStop", "id"), ("appointment", "id"), ("auditEntry", "id"),
    ]

    /// Tables whose key is already globally unique.
    public static let globalKeys: Set<String> = ["patient", "visit", "consultationNote"]

    /// The central key of a row: its own key, or `SITE:id`.
    public static func centralKey(table: String, key: String, site: String) -> String {
        globalKeys.contains(table) ? key : "\(site):\(key)"
    }

    static func migrate(_ db: Database) throws {
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
        for (table, key) in keys {
            for (event, row) in [("INSERT", "NEW"), ("UPDATE", "NEW"), ("DELETE", "OLD")] {
                try db.execute(sql: """
                    CREATE TRIGGER \(table)_sync_\(event.lowercased()) AFTER \(event) ON \(table)
                    WHEN (SELECT applying FROM syncFlag) = 0
                    BEGIN INSERT OR REPLACE INTO syncOutbox(tableName, rowKey) VALUES ('\(table)', \(row).\(key)); END;
                    """)
            }
            try db.execute(sql: "INSERT OR IGNORE INTO syncOutbox(tableName, rowKey) SELECT '\(table)', \(key) FROM \(table)")
        }
    }
}
