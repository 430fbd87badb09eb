import GRDB

extension Migrations {
    /// v12: locations, the trucks' route stops and appointments in their slots.
    static func v12Appointments(_ db: Database) throws {
        try createLocationsAndStops(db)
        try db.create(table: "appointment") { t in
            t.autoIncrementedPrimaryKey("id")
            t.belongsTo("stop", inTable: "routeStop").notNull()
            t.column("slot", .text).notNull()
            t.column("startsAt", .text).notNull()
            t.belongsTo("patient").notNull()
            t.column("status", .text).notNull()
            t.column("note", .text).notNull().defaults(to: "")
            t.column("replaces", .integer).references("appointment")
            t.column("visitId", .text)
            t.column("bookedBy", .text).notNull()
            t.column("bookedAt", .text).notNull()
            t.column("changedBy", .text)
            t.column("changedAt", .text)
        }
        try db.create(index: "appointment_on_startsAt", on: "appointment", columns: ["startsAt"])
        // One open booking per patient per stop, and never more bookings in a slot than
        // its capacity, whichever terminal or process writes.
        try db.execute(
            sql: """
                CREATE UNIQUE INDEX appointment_one_open_per_patient ON appointment(stopId, patientId) WHERE status = 'booked';
                CREATE TRIGGER appointment_capacity BEFORE INSERT ON appointment
                WHEN (SELECT COUNT(*) FROM appointment WHERE stopId = NEW.stopId AND slot = NEW.slot
                        AND status NOT IN ('cancelled', 'rescheduled'))
                     >= (SELECT capacity FROM routeStop WHERE id = NEW.stopId)
                BEGIN SELECT RAISE(ABORT, 'slot full'); END;
                """)
    }

    /// v12's locations and the route stops planned at them.
    private static func createLocationsAndStops(_ db: Database) throws {
        try db.create(table: "location") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("name", .text).notNull().unique().collate(.nocase)
            t.column("type", .text).notNull()
            t.column("province", .text).notNull()
            t.column("address", .text).notNull()
            t.column("contact", .text).notNull()
            t.column("latitude", .double)
            t.column("longitude", .double)
        }
        try db.create(table: "routeStop") { t in
            t.autoIncrementedPrimaryKey("id")
            t.belongsTo("location").notNull()
            t.column("truck", .text).notNull().collate(.nocase)
            t.column("date", .text).notNull()
            t.column("opens", .text).notNull()
            t.column("closes", .text).notNull()
            t.column("slotMinutes", .integer).notNull().check { $0 > 0 }
            t.column("capacity", .integer).notNull().check { $0 > 0 }
            t.column("createdBy", .text).notNull()
            t.column("createdAt", .text).notNull()
        }
        try db.create(index: "routeStop_on_truck_date", on: "routeStop", columns: ["truck", "date"])
    }
}
