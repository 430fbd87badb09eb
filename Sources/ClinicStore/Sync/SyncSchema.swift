import Foundation
import GRDB

/// What the truck sends to the central database: every synced table, how its rows are
/// keyed, and the triggers that queue each insert, update and delete in `syncOutbox`.
public enum SyncTables {
    /// Synced tables and their key column. Tables keyed by a UUID (or a visit's UUID) keep
    /// that key centrally; the others' integer ids are prefixed with the site code there.
    public static let keys: [(table: String, key: String)] = [
        ("patient", "id"), ("patientBackground", "id"), ("visit", "id"), ("visitEvent", "id"), ("vitalsSet", "id"),
        ("consultationNote", "visitId"), ("noteAddendum", "id"), ("diagnosis", "id"), ("prescription", "id"),
        ("referral", "id"), ("counsellingNote", "id"), ("batch", "id"), ("movement", "id"), ("location", "uid"),
        ("routeStop", "uid"), ("appointment", "uid"), ("auditEntry", "id"),
    ]

    /// The itinerary's tables: pulled by the truck they are planned for, so keyed by a
    /// fleet-wide `uid` (since v15; v14 keyed them by their integer id).
    public static let scheduleTables = ["location", "routeStop", "appointment"]

    /// Tables whose key is already globally unique.
    public static let globalKeys: Set<String> = ["patient", "visit", "consultationNote", "location", "routeStop", "appointment"]

    /// Fleet-wide ids of the rows a payload refers to by this truck's integer ids, added to
    /// the pushed JSON so another truck can map them to its own rows.
    static let references: [String: [(field: String, sql: String)]] = [
        "routeStop": [("locationUid", "(SELECT l.uid FROM location l WHERE l.id = routeStop.locationId)")],
        "appointment": [("stopUid", "(SELECT s.uid FROM routeStop s WHERE s.id = appointment.stopId)"),
                        ("replacesUid", "(SELECT r.uid FROM appointment r WHERE r.id = appointment.replaces)")],
    ]

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
            try queueChanges(of: table, key: scheduleTables.contains(table) ? "id" : key, in: db)
        }
    }

    /// Triggers that queue every insert, update and delete of `table` by `key`, and the
    /// table's present rows.
    private static func queueChanges(of table: String, key: String, in db: Database) throws {
        for (event, row) in [("INSERT", "NEW"), ("UPDATE", "NEW"), ("DELETE", "OLD")] {
            try db.execute(sql: """
                CREATE TRIGGER \(table)_sync_\(event.lowercased()) AFTER \(event) ON \(table)
                WHEN (SELECT applying FROM syncFlag) = 0
                BEGIN INSERT OR REPLACE INTO syncOutbox(tableName, rowKey) VALUES ('\(table)', \(row).\(key)); END;
                """)
        }
        try db.execute(sql: "INSERT OR IGNORE INTO syncOutbox(tableName, rowKey) SELECT '\(table)', \(key) FROM \(table)")
    }

    /// v15: locations, stops and appointments get a fleet-wide `uid` and are queued again
    /// under it; a pulled booking may exceed a slot's capacity here (it happened elsewhere).
    static func keyScheduleByUID(_ db: Database) throws {
        for table in scheduleTables {
            try db.alter(table: table) { $0.add(column: "uid", .text) }
            for id in try Int64.fetchAll(db, sql: "SELECT id FROM \(table)") {
                try db.execute(sql: "UPDATE \(table) SET uid = ? WHERE id = ?", arguments: [UUID().uuidString.lowercased(), id])
            }
            try db.create(index: "\(table)_on_uid", on: table, columns: ["uid"], options: .unique)
            for event in ["insert", "update", "delete"] { try db.execute(sql: "DROP TRIGGER \(table)_sync_\(event)") }
            try db.execute(sql: "DELETE FROM syncOutbox WHERE tableName = ?", arguments: [table])
            try queueChanges(of: table, key: "uid", in: db)
        }
        try db.execute(sql: """
            DROP TRIGGER appointment_capacity;
            CREATE TRIGGER appointment_capacity BEFORE INSERT ON appointment
            WHEN (SELECT applying FROM syncFlag) = 0
                 AND (SELECT COUNT(*) FROM appointment WHERE stopId = NEW.stopId AND slot = NEW.slot
                        AND status NOT IN ('cancelled', 'rescheduled'))
                     >= (SELECT capacity FROM routeStop WHERE id = NEW.stopId)
            BEGIN SELECT RAISE(ABORT, 'slot full'); END;
            """)
    }
}
