import ClinicDomain
import Foundation
import GRDB

/// Locations, route stops and appointments inside the caller's transaction.
public enum ScheduleRepository {
    public static func locations(in db: Database) throws -> [LocationRecord] {
        try LocationRecord.fetchAll(db, sql: "SELECT * FROM location ORDER BY province, name COLLATE NOCASE")
    }

    public static func location(named name: String, in db: Database) throws -> LocationRecord? {
        try LocationRecord.fetchOne(db, sql: "SELECT * FROM location WHERE name = ? COLLATE NOCASE", arguments: [name])
    }

    public static func location(id: Int64, in db: Database) throws -> LocationRecord? { try LocationRecord.fetchOne(db, key: id) }

    public static func stop(id: Int64, in db: Database) throws -> RouteStopRecord? { try RouteStopRecord.fetchOne(db, key: id) }

    /// Every stop of `truck` on `date`.
    public static func stops(truck: String, on date: CalendarDate, in db: Database) throws -> [RouteStopRecord] {
        try RouteStopRecord.fetchAll(
            db, sql: "SELECT * FROM routeStop WHERE truck = ? COLLATE NOCASE AND date = ?",
            arguments: [truck, date.description])
    }

    /// Stops from `date` on (of one truck, or of all when nil), by date and opening time,
    /// with their locations and places taken.
    public static func listings(truck: String?, from date: CalendarDate, in db: Database) throws -> [StopListing] {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT s.*, (SELECT COUNT(*) FROM appointment a WHERE a.stopId = s.id
                               AND a.status NOT IN ('cancelled', 'rescheduled')) AS taken
                FROM routeStop s WHERE s.date >= ? AND (? IS NULL OR s.truck = ? COLLATE NOCASE)
                ORDER BY s.date, s.opens, s.id
                """, arguments: [date.description, truck, truck])
        let locations = Dictionary(uniqueKeysWithValues: try LocationRecord.fetchAll(db).map { ($0.id!, $0) })
        return try rows.map { row in
            let stop = try RouteStopRecord(row: row)
            return StopListing(stop: stop, location: locations[stop.locationId]!, booked: row["taken"])
        }
    }

    /// Places taken per slot of a stop (booked, checked in or no-show).
    public static func taken(stopId: Int64, in db: Database) throws -> [String: Int] {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT slot, COUNT(*) AS n FROM appointment WHERE stopId = ? AND status NOT IN ('cancelled', 'rescheduled') GROUP BY slot
                """, arguments: [stopId])
        return Dictionary(uniqueKeysWithValues: rows.map { ($0["slot"], $0["n"]) })
    }

    public static func appointment(id: Int64, in db: Database) throws -> AppointmentRecord? {
        try AppointmentRecord.fetchOne(db, key: id)
    }

    /// The open booking of a patient at a stop, if any.
    /// The booking a reschedule of `id` made, nil before one.
    public static func replacement(of id: Int64, in db: Database) throws -> AppointmentRecord? {
        try AppointmentRecord.filter(AppointmentRecord.Columns.replaces == id).fetchOne(db)
    }

    public static func openAppointment(patientId: String, stopId: Int64, in db: Database) throws -> AppointmentRecord? {
        try AppointmentRecord.fetchOne(
            db, sql: "SELECT * FROM appointment WHERE stopId = ? AND patientId = ? AND status = 'booked'",
            arguments: [stopId, patientId])
    }

    /// Appointments matching `condition` (SQL over `a`, the appointment, and `s`, its stop)
    /// with patient and place, by start time.
    static func listings(where condition: String, _ arguments: StatementArguments, in db: Database) throws -> [AppointmentListing]
    {
        try Row.fetchAll(
            db,
            sql: """
                SELECT a.*, p.folderNumber, p.surname, p.firstNames, p.phone, l.name AS locationName
                FROM appointment a JOIN routeStop s ON s.id = a.stopId JOIN location l ON l.id = s.locationId
                JOIN patient p ON p.id = a.patientId
                WHERE \(condition) ORDER BY a.startsAt, a.id
                """, arguments: arguments
        ).map { row in
            AppointmentListing(
                appointment: try AppointmentRecord(row: row), folderNumber: row["folderNumber"],
                patientName: "\((row["surname"] as String).uppercased()), \(row["firstNames"] as String)",
                phone: (row["phone"] as String?) ?? "", location: row["locationName"])
        }
    }

    /// Every appointment of a stop, any status.
    public static func appointments(stopId: Int64, in db: Database) throws -> [AppointmentListing] {
        try listings(where: "a.stopId = ?", [stopId], in: db)
    }

    /// Booked appointments at stops on `date` (all trucks), for reminders.
    public static func booked(on date: CalendarDate, in db: Database) throws -> [AppointmentListing] {
        try listings(where: "s.date = ? AND a.status = 'booked'", [date.description], in: db)
    }

    /// A patient's appointments, newest first.
    public static func appointments(patientId: String, in db: Database) throws -> [AppointmentListing] {
        try listings(where: "a.patientId = ?", [patientId], in: db).reversed()
    }
}
