import ClinicDomain
package import ClinicStore
import Foundation
internal import GRDB

/// Why a stop could not be planned.
public enum ScheduleError: Error, Equatable, Sendable, CustomStringConvertible {
    case unknownLocation(String)
    case overlap(truck: String, location: String, date: CalendarDate, opens: ClockTime, closes: ClockTime)
    case stopNotFound
    case locationNotFound

    public var description: String {
        switch self {
        case .unknownLocation(let name): "No location called '\(name)'; add it on the Locations screen first"
        case .overlap(let truck, let location, let date, let opens, let closes):
            "\(truck) is already at \(location) on \(date) from \(opens) to \(closes)"
        case .stopNotFound: "No such route stop"
        case .locationNotFound: "No such location; it may have been removed on another terminal."
        }
    }
}

/// The truck's itinerary: the places it parks at and its stops there.
public struct ScheduleService: Sendable {
    let database: ClinicDatabase
    let clock: any Clock

    package init(database: ClinicDatabase, clock: any Clock = SystemClock()) {
        self.database = database
        self.clock = clock
    }

    /// Every location, by province and name.
    public func locations(by actor: Actor) throws -> [Place] {
        try actor.require(.appointmentWrite, or: .routeWrite)
        return try database.pool.read { try ScheduleRepository.locations(in: $0) }.map(Place.init)
    }

    /// Adds a location from typed values (see `LocationDetails.validate`); names are unique.
    @discardableResult
    public func addLocation(_ values: [String: String], by actor: Actor) throws -> Place {
        try actor.require(.routeWrite)
        let details = try LocationDetails.validate(values).get()
        let now = clock.now()
        return try database.pool.write { db in
            try Self.requireFree(details.name, except: nil, in: db)
            var location = LocationRecord(details)
            try location.insert(db)
            try AuditLog.append(
                actor: actor.auditName, action: .locationAdd, detail: "\(details.name) (\(details.province.rawValue))",
                at: now, in: db)
            return Place(location)
        }
    }

    /// Changes the location with `id` from typed values, by the rules of `addLocation`. It
    /// keeps its fleet-wide id, so its stops and bookings stay with it and the change syncs.
    @discardableResult
    public func updateLocation(id: Int64, _ values: [String: String], by actor: Actor) throws -> Place {
        try actor.require(.routeWrite)
        let details = try LocationDetails.validate(values).get()
        let now = clock.now()
        return try database.pool.write { db in
            guard let old = try ScheduleRepository.location(id: id, in: db) else { throw ScheduleError.locationNotFound }
            try Self.requireFree(details.name, except: id, in: db)
            var location = LocationRecord(details)
            location.id = id
            location.uid = old.uid
            try location.update(db)
            let renamed = old.name == details.name ? "" : " (was \(old.name))"
            try AuditLog.append(
                actor: actor.auditName, action: .locationEdit,
                detail: "\(details.name) (\(details.province.rawValue))\(renamed)", at: now, in: db)
            return Place(location)
        }
    }

    /// Refuses a name another location (not `id`) has, in any case.
    private static func requireFree(_ name: String, except id: Int64?, in db: Database) throws {
        if let existing = try ScheduleRepository.location(named: name, in: db), existing.id != id {
            throw FieldProblems([FieldProblem(LocationField.name, "A location called '\(existing.name)' exists already")])
        }
    }

    /// Plans a stop at the location named `location` (or by a part of its name only it has) from typed values (see
    /// `StopPlan.validate`). A truck cannot be at two stops at once.
    @discardableResult
    public func addStop(location name: String, _ values: [String: String], by actor: Actor) throws -> RouteStop {
        try actor.require(.routeWrite)
        let now = clock.now()
        let plan = try StopPlan.validate(values, today: CalendarDate(now)).get()
        return try database.pool.write { db in
            let places = try ScheduleRepository.locations(in: db)
            let location: LocationRecord
            switch NameMatch.resolve(name, among: places.map(\.name)) {
            case .found(let found): location = places.first { $0.name == found }!
            case .none: throw FieldProblems([FieldProblem(StopField.location, ScheduleError.unknownLocation(name).description)])
            case .several(let names):
                throw FieldProblems([FieldProblem(StopField.location, "'\(name)' could be \(NameMatch.listed(names)): type more")]
                )
            }
            for other in try ScheduleRepository.stops(truck: plan.truck, on: plan.date, in: db) where other.plan.overlaps(plan) {
                let place = try ScheduleRepository.location(id: other.locationId, in: db)?.name ?? "another stop"
                throw ScheduleError.overlap(
                    truck: other.truck, location: place, date: plan.date, opens: other.plan.opens,
                    closes: other.plan.closes)
            }
            var stop = RouteStopRecord(locationId: location.id!, plan: plan, by: actor.auditName, at: now)
            try stop.insert(db)
            try AuditLog.append(
                actor: actor.auditName, action: .routeStop,
                detail: "\(plan.truck) at \(location.name) \(plan.date) \(plan.opens)-\(plan.closes)", at: now, in: db)
            return RouteStop(stop)
        }
    }

    /// Stops from today on, by date (one truck's, or every truck's when nil).
    public func upcomingStops(truck: String?, by actor: Actor) throws -> [PlannedStop] {
        try actor.require(.appointmentWrite, or: .routeWrite)
        return try database.pool.read {
            try ScheduleRepository.listings(truck: truck, from: CalendarDate(clock.now()), in: $0)
        }.map(PlannedStop.init)
    }
}
