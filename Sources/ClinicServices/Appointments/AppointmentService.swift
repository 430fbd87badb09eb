import ClinicDomain
package import ClinicStore
import Foundation
internal import GRDB

/// Why a booking or an appointment change was refused.
public enum AppointmentError: Error, Equatable, Sendable, CustomStringConvertible {
    case slotFull(ClockTime)
    case notASlot(ClockTime)
    case slotPassed(ClockTime)
    case inactivePatient
    case alreadyBooked(ClockTime)
    case notFound
    case notOpen(AppointmentStatus)
    case notToday(String)

    public var description: String {
        switch self {
        case .slotFull(let slot): "The \(slot) slot is full; pick another slot"
        case .notASlot(let slot): "\(slot) is not a slot of this stop"
        case .slotPassed(let slot): "The \(slot) slot has passed"
        case .inactivePatient: "This record is deactivated; reactivate it before booking"
        case .alreadyBooked(let slot): "This patient is already booked at this stop (\(slot)); reschedule that booking instead"
        case .notFound: "No such appointment"
        case .notOpen(let status): status.alreadyText
        case .notToday(let date): "This appointment is on \(date), not today"
        }
    }
}

/// A slot of a stop and how full it is.
public struct SlotAvailability: Equatable, Sendable {
    public let time: ClockTime
    public let taken: Int
    public let capacity: Int
    /// True once the slot's start has passed.
    public let passed: Bool

    public var free: Int { max(0, capacity - taken) }
}

/// Booking patients into the slots of route stops, and what happens to bookings after:
/// check-in (which starts the visit), cancel, reschedule, no-show. Nothing is deleted;
/// every change keeps the old row and is audited.
public struct AppointmentService: Sendable {
    let database: ClinicDatabase
    let clock: any Clock

    package init(database: ClinicDatabase, clock: any Clock = SystemClock()) {
        self.database = database
        self.clock = clock
    }

    /// The stop, its location, and its slots with places taken.
    public func slots(stopId: Int64, by actor: Actor) throws -> StopDay {
        try actor.require(.appointmentWrite, or: .routeWrite)
        let now = clock.now()
        return try database.pool.read { db in
            guard let stop = try ScheduleRepository.stop(id: stopId, in: db) else { throw ScheduleError.stopNotFound }
            let taken = try ScheduleRepository.taken(stopId: stopId, in: db)
            let plan = stop.plan
            let location = try ScheduleRepository.location(id: stop.locationId, in: db)!
            return StopDay(
                stop: RouteStop(stop), place: Place(location),
                slots: plan.slots.map { slot in
                    SlotAvailability(
                        time: slot, taken: taken[slot.description] ?? 0, capacity: plan.capacity,
                        passed: ClinicTime.instant(plan.date, slot) < now)
                })
        }
    }

    /// Every appointment of a stop, any status, by time: the day list.
    public func appointments(stopId: Int64, by actor: Actor) throws -> [BookingRow] {
        try actor.require(.patientRead)
        return try database.pool.read { try ScheduleRepository.appointments(stopId: stopId, in: $0) }.map(BookingRow.init)
    }

    /// Books an active patient into a slot that has not passed. Capacity holds even when
    /// terminals book the last place at the same moment: the database refuses the second.
    @discardableResult
    public func book(stopId: Int64, slot: ClockTime, patientId: String, by actor: Actor) throws -> Booking {
        try actor.require(.appointmentWrite)
        let now = clock.now()
        return try database.pool.write { db in
            let appointment = try Self.insert(
                stopId: stopId, slot: slot, patientId: patientId, replaces: nil, by: actor, at: now, in: db)
            try AuditLog.append(
                actor: actor.auditName, action: .appointmentBook, patientID: patientId,
                detail: "stop \(stopId) \(slot)", at: now, in: db)
            return Booking(appointment)
        }
    }

    private static func insert(
        stopId: Int64, slot: ClockTime, patientId: String, replaces: Int64?, by actor: Actor, at now: Date,
        in db: Database
    ) throws -> AppointmentRecord {
        guard let stop = try ScheduleRepository.stop(id: stopId, in: db) else { throw ScheduleError.stopNotFound }
        let plan = stop.plan
        guard plan.slots.contains(slot) else { throw AppointmentError.notASlot(slot) }
        let startsAt = ClinicTime.instant(plan.date, slot)
        guard startsAt >= now else { throw AppointmentError.slotPassed(slot) }
        guard let patient = try PatientRepository.find(id: patientId, in: db) else { throw PatientError.notFound(patientId) }
        guard patient.active else { throw AppointmentError.inactivePatient }
        if let open = try ScheduleRepository.openAppointment(patientId: patientId, stopId: stopId, in: db) {
            throw AppointmentError.alreadyBooked(ClockTime(typed: open.slot)!)
        }
        var appointment = AppointmentRecord(
            stopId: stopId, slot: slot, startsAt: startsAt, patientId: patientId, replaces: replaces,
            by: actor.auditName, at: now)
        do {
            try appointment.insert(db)
        } catch let error as DatabaseError where error.message == "slot full" {
            throw AppointmentError.slotFull(slot)
        }
        return appointment
    }

    /// Cancels a booking, keeping it with the reason.
    public func cancel(_ id: Int64, reason: String, by actor: Actor) throws {
        try change(id, to: .cancelled, note: reason, by: actor)
    }

    /// Moves a booking to another slot (of this or another stop): the old row is kept as
    /// rescheduled, the new one points back to it. All or nothing.
    @discardableResult
    public func reschedule(_ id: Int64, toStop stopId: Int64, slot: ClockTime, reason: String, by actor: Actor) throws -> Booking
    {
        try change(id, to: .rescheduled, note: reason, by: actor) { old, now, db in
            _ = try Self.insert(
                stopId: stopId, slot: slot, patientId: old.patientId, replaces: old.id, by: actor, at: now, in: db)
        }
        return Booking(try database.pool.read { try ScheduleRepository.replacement(of: id, in: $0)! })
    }

    /// Checks a booked patient in on the stop's day: starts the visit (registration, then
    /// the nursing queue) and links it to the appointment, in one transaction.
    @discardableResult
    public func checkIn(_ id: Int64, by actor: Actor) throws -> VisitCard {
        try actor.require(.visitStart)
        var visit: VisitRecord?
        try change(id, to: .checkedIn, note: "", by: actor) { appointment, now, db in
            let stop = try ScheduleRepository.stop(id: appointment.stopId, in: db)!
            guard stop.date == CalendarDate(now).description else { throw AppointmentError.notToday(stop.date) }
            let place = try ScheduleRepository.location(id: stop.locationId, in: db)?.name ?? "route stop"
            let started = try VisitService.start(
                patientId: appointment.patientId, reason: "Appointment \(appointment.slot) at \(place)",
                by: actor, at: now, in: db)
            appointment.visitId = started.id
            visit = started
        }
        return VisitCard(visit!)
    }

    /// The stop's bookings nobody checked in whose slot ended more than the grace ago
    /// (`NoShowRule`): what F7 offers to mark, by time.
    public func dueNoShows(stopId: Int64, by actor: Actor) throws -> [BookingRow] {
        try actor.require(.appointmentWrite)
        let now = clock.now()
        return try database.pool.read { db in
            guard let stop = try ScheduleRepository.stop(id: stopId, in: db) else { throw ScheduleError.stopNotFound }
            return try Self.due(stop, now: now, in: db)
        }
    }

    /// Marks the stop's due no-shows (as `dueNoShows` lists them now); returns how many.
    @discardableResult
    public func markNoShows(stopId: Int64, by actor: Actor) throws -> Int {
        try actor.require(.appointmentWrite)
        let now = clock.now()
        return try database.pool.write { db in
            guard let stop = try ScheduleRepository.stop(id: stopId, in: db) else { throw ScheduleError.stopNotFound }
            let due = try Self.due(stop, now: now, in: db)
            for row in due {
                guard var appointment = try ScheduleRepository.appointment(id: row.booking.id, in: db) else { continue }
                appointment.status = AppointmentStatus.noShow.rawValue
                appointment.changedBy = actor.auditName
                appointment.changedAt = Timestamp(now)
                try appointment.update(db)
                try AuditLog.append(
                    actor: actor.auditName, action: .appointmentNoShow, patientID: appointment.patientId,
                    detail: "stop \(stopId) \(appointment.slot)", at: now, in: db)
            }
            return due.count
        }
    }

    private static func due(_ stop: RouteStopRecord, now: Date, in db: Database) throws -> [BookingRow] {
        try ScheduleRepository.appointments(stopId: stop.id ?? 0, in: db)
            .filter {
                $0.appointment.appointmentStatus == .booked
                    && NoShowRule.isDue(
                        startsAt: $0.appointment.startsAt.date ?? now, slotMinutes: stop.slotMinutes, now: now,
                        graceMinutes: stop.noShowGraceMinutes)
            }
            .map(BookingRow.init)
    }

    /// Sets a no-show back to booked (marked by mistake, or the patient phoned): the reason
    /// is required and kept, and the change audited.
    public func restore(_ id: Int64, reason: String, by actor: Actor) throws {
        try change(id, to: .booked, note: reason, audit: .appointmentRestored, by: actor)
    }

    /// Checks in, linked to `visit`, the patient's bookings of the SAST day of `now` still open
    /// (booked or marked a no-show), inside the caller's transaction; audited.
    static func linkBookings(ofDay now: Date, to visit: VisitRecord, by actor: Actor, in db: Database) throws {
        let day = CalendarDate(now)
        for listing in try ScheduleRepository.appointments(patientId: visit.patientId, in: db) {
            var appointment = listing.appointment
            guard [.booked, .noShow].contains(appointment.appointmentStatus), appointment.visitId == nil,
                appointment.startsAt.date.map({ CalendarDate($0) == day }) == true
            else { continue }
            appointment.status = AppointmentStatus.checkedIn.rawValue
            appointment.visitId = visit.id
            appointment.changedBy = actor.auditName
            appointment.changedAt = Timestamp(now)
            try appointment.update(db)
            try AuditLog.append(
                actor: actor.auditName, action: .appointmentCheckedIn, patientID: visit.patientId,
                detail: "stop \(appointment.stopId) \(appointment.slot) with visit \(visit.id)", at: now, in: db)
        }
    }

    /// Today's booking of the patient still to check in (booked, or marked a no-show), at any
    /// stop of today: what a walk-in for them should check in instead.
    public func bookingToday(patientId: String, by actor: Actor) throws -> BookingRow? {
        try actor.require(.patientRead)
        let today = CalendarDate(clock.now())
        return try database.pool.read { db in
            try ScheduleRepository.appointments(patientId: patientId, in: db)
                .first { listing in
                    let status = listing.appointment.appointmentStatus
                    return (status == .booked || status == .noShow)
                        && listing.appointment.startsAt.date.map { CalendarDate($0) == today } == true
                }
                .map(BookingRow.init)
        }
    }

    /// The patient's first booked appointment starting after `date`: the follow-up a visit
    /// arriving at `date` made, as its closure sheet and summary show it.
    public func nextBooking(patientId: String, after date: Date, by actor: Actor) throws -> BookingRow? {
        try actor.require(.patientRead)
        return try database.pool.read { try Self.nextBooked(patientId: patientId, after: date, in: $0) }
    }

    /// The first booked appointment of the patient starting after `date`.
    static func nextBooked(patientId: String, after date: Date, in db: Database) throws -> BookingRow? {
        try ScheduleRepository.appointments(patientId: patientId, in: db)
            .filter { $0.appointment.appointmentStatus == .booked && ($0.appointment.startsAt.date ?? .distantPast) > date }
            .min { ($0.appointment.startsAt.date ?? .distantPast) < ($1.appointment.startsAt.date ?? .distantPast) }
            .map(BookingRow.init)
    }

    /// Changes a booked appointment's status (with a note) and runs `also` in the same transaction.
    private func change(
        _ id: Int64, to status: AppointmentStatus, note: String, audit: AuditAction? = nil, by actor: Actor,
        also: (inout AppointmentRecord, Date, Database) throws -> Void = { _, _, _ in }
    ) throws {
        try actor.require(.appointmentWrite)
        let note = note.trimmingCharacters(in: .whitespaces)
        if status != .checkedIn && note.isEmpty {
            throw FieldProblems([FieldProblem(ReasonField.reason, "A reason is required")])
        }
        let now = clock.now()
        try database.pool.write { db in
            guard var appointment = try ScheduleRepository.appointment(id: id, in: db) else { throw AppointmentError.notFound }
            guard appointment.appointmentStatus.canBecome(status) else {
                throw AppointmentError.notOpen(appointment.appointmentStatus)
            }
            appointment.status = status.rawValue
            appointment.note = note
            appointment.changedBy = actor.auditName
            appointment.changedAt = Timestamp(now)
            // Saved before `also`, so a reschedule's new booking no longer competes with this one.
            try appointment.update(db)
            let saved = appointment
            try also(&appointment, now, db)
            if appointment != saved { try appointment.update(db) }
            try AuditLog.append(
                actor: actor.auditName, action: audit ?? .appointment(status),
                patientID: appointment.patientId, detail: "stop \(appointment.stopId) \(appointment.slot) \(note)",
                at: now, in: db)
        }
    }
}
