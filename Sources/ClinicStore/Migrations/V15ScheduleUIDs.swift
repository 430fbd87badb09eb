import Foundation
import GRDB

extension Migrations {
    /// v15: locations, stops and appointments get a fleet-wide `uid` and are queued again
    /// under it; a pulled booking may exceed a slot's capacity here (it happened elsewhere).
    static func v15ScheduleUIDs(_ db: Database) throws {
        for table in ["location", "routeStop", "appointment"] {
            try db.alter(table: table) { $0.add(column: "uid", .text) }
            for id in try Int64.fetchAll(db, sql: "SELECT id FROM \(table)") {
                try db.execute(sql: "UPDATE \(table) SET uid = ? WHERE id = ?", arguments: [UUID().uuidString.lowercased(), id])
            }
            try db.create(index: "\(table)_on_uid", on: table, columns: ["uid"], options: .unique)
            for event in ["insert", "update", "delete"] { try db.execute(sql: "DROP TRIGGER \(table)_sync_\(event)") }
            try db.execute(sql: "DELETE FROM syncOutbox WHERE tableName = ?", arguments: [table])
            try queueSyncChanges(of: table, key: "uid", in: db)
        }
        try db.execute(
            sql: """
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
