import ClinicDomain
import GRDB

/// What happened to one pulled appointment.
public enum PulledAppointment: Equatable, Sendable {
    case inserted, updated, unchanged
    /// This truck changed the appointment since; its own push goes first.
    case pendingHere
    /// The patient is not on this truck (not pulled, nor registered here under another folder).
    case patientMissing
    /// The patient already holds another open booking at the same stop here; the pulled one
    /// waits until one of the two is cancelled, checked in or rescheduled.
    case doubleBooked
}

/// Applies the stops planned for this truck and their appointments as the central
/// database holds them, mapping fleet-wide `uid`s to this truck's integer ids. Call inside
/// `SyncStore.applying`, so the rows are not queued to be sent back.
public enum ScheduleSync {
    /// Stores or updates a stop and its location; returns the stop's local id.
    @discardableResult
    public static func applyStop(_ payload: String, location: String, in db: Database) throws -> Int64 {
        // A truck before v22 sends no grace: its stops keep the default.
        var pulled = try RouteStopRecord(
            row: SyncStore.row(payload, defaults: ["noShowGraceMinutes": Int64(NoShowRule.defaultGraceMinutes)]))
        pulled.locationId = try applyLocation(location, in: db)
        guard let local = try RouteStopRecord.filter(RouteStopRecord.Columns.uid == pulled.uid).fetchOne(db) else {
            pulled.id = nil
            try pulled.insert(db)
            return pulled.id!
        }
        pulled.id = local.id
        if pulled != local, try !SyncStore.isPending(table: "routeStop", key: pulled.uid, in: db) { try pulled.update(db) }
        return local.id!
    }

    /// Stores or updates an appointment, with its stop and the stop's location.
    public static func applyAppointment(
        _ payload: String, stop: String, location: String, in db: Database
    ) throws -> PulledAppointment {
        let fields = try SyncStore.row(payload)
        var pulled = try AppointmentRecord(row: fields)
        guard let patient = try SyncStore.localPatient(pulled.patientId, in: db) else { return .patientMissing }
        pulled.patientId = patient
        pulled.stopId = try applyStop(stop, location: location, in: db)
        let replaces: String? = fields["replacesUid"]
        pulled.replaces = try replaces.flatMap {
            try Int64.fetchOne(db, sql: "SELECT id FROM appointment WHERE uid = ?", arguments: [$0])
        }
        if let local = try AppointmentRecord.filter(AppointmentRecord.Columns.uid == pulled.uid).fetchOne(db) {
            pulled.id = local.id
            if try SyncStore.isPending(table: "appointment", key: pulled.uid, in: db) { return .pendingHere }
            if pulled == local { return .unchanged }
            try pulled.update(db)
            return .updated
        }
        if pulled.appointmentStatus == .booked,
            try ScheduleRepository.openAppointment(patientId: patient, stopId: pulled.stopId, in: db) != nil
        {
            return .doubleBooked
        }
        pulled.id = nil
        try pulled.insert(db)
        return .inserted
    }

    /// The local id of a pulled location: the same `uid`, else a place here with the same
    /// name (names are unique on a truck), else a new row.
    static func applyLocation(_ payload: String, in db: Database) throws -> Int64 {
        var pulled = try LocationRecord(row: SyncStore.row(payload))
        if let local = try LocationRecord.filter(LocationRecord.Columns.uid == pulled.uid).fetchOne(db) {
            pulled.id = local.id
            let nameTaken = try ScheduleRepository.location(named: pulled.name, in: db).map { $0.id != local.id } ?? false
            if pulled != local, !nameTaken, try !SyncStore.isPending(table: "location", key: pulled.uid, in: db) {
                try pulled.update(db)
            }
            return local.id!
        }
        if let mapped = try SyncStore.origin(table: "location", centralKey: pulled.uid, in: db), let id = Int64(mapped) {
            return id
        }
        if let same = try ScheduleRepository.location(named: pulled.name, in: db) {
            try SyncStore.setOrigin(table: "location", centralKey: pulled.uid, localKey: String(same.id!), in: db)
            return same.id!
        }
        pulled.id = nil
        try pulled.insert(db)
        return pulled.id!
    }
}
