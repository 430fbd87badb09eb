import ClinicDomain
import Foundation
import GRDB

/// A place the truck parks at.
public struct LocationRecord: Codable, Equatable, Sendable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "location"

    public var id: Int64?
    /// The location's id across the fleet (the integer id is this truck's own).
    public var uid: String
    public var name: String
    public var type: String
    public var province: String
    public var address: String
    public var contact: String
    public var latitude: Double?
    public var longitude: Double?

    public init(_ details: LocationDetails) {
        uid = UUID().uuidString.lowercased()
        name = details.name
        type = details.type.rawValue
        province = details.province.rawValue
        address = details.address
        contact = details.contact
        latitude = details.gps?.latitude
        longitude = details.gps?.longitude
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// A truck at a location on a date, with its opening hours and slots.
public struct RouteStopRecord: Codable, Equatable, Sendable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "routeStop"

    public var id: Int64?
    /// The stop's id across the fleet.
    public var uid: String
    public var locationId: Int64
    public var truck: String
    public var date: String
    public var opens: String
    public var closes: String
    public var slotMinutes: Int
    public var capacity: Int
    /// Minutes after a slot's end before an unchecked booking is a no-show (since v22).
    public var noShowGraceMinutes: Int
    public var createdBy: String
    public var createdAt: Timestamp

    public init(locationId: Int64, plan: StopPlan, by actor: String, at date: Date) {
        uid = UUID().uuidString.lowercased()
        self.locationId = locationId
        truck = plan.truck
        self.date = plan.date.description
        opens = plan.opens.description
        closes = plan.closes.description
        slotMinutes = plan.slotMinutes
        capacity = plan.capacity
        noShowGraceMinutes = plan.noShowGraceMinutes
        createdBy = actor
        createdAt = Timestamp(date)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    /// The stop as the domain rules see it.
    public var plan: StopPlan {
        StopPlan(
            truck: truck, date: CalendarDate(iso: date)!, opens: ClockTime(typed: opens)!, closes: ClockTime(typed: closes)!,
            slotMinutes: slotMinutes, capacity: capacity, noShowGraceMinutes: noShowGraceMinutes)
    }
}

/// A patient booked into a slot of a stop. Rows are never deleted: cancelling or
/// rescheduling changes the status, and a reschedule's new row points back to the old.
public struct AppointmentRecord: Codable, Equatable, Sendable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "appointment"

    public var id: Int64?
    /// The appointment's id across the fleet.
    public var uid: String
    public var stopId: Int64
    public var slot: String
    /// The slot's start, UTC.
    public var startsAt: Timestamp
    public var patientId: String
    public var status: String
    public var note: String
    public var replaces: Int64?
    public var visitId: String?
    public var bookedBy: String
    public var bookedAt: Timestamp
    public var changedBy: String?
    public var changedAt: Timestamp?

    public init(
        stopId: Int64, slot: ClockTime, startsAt: Date, patientId: String, replaces: Int64?, by actor: String, at date: Date
    ) {
        uid = UUID().uuidString.lowercased()
        self.stopId = stopId
        self.slot = slot.description
        self.startsAt = Timestamp(startsAt)
        self.patientId = patientId
        status = AppointmentStatus.booked.rawValue
        note = ""
        self.replaces = replaces
        bookedBy = actor
        bookedAt = Timestamp(date)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    public var appointmentStatus: AppointmentStatus { AppointmentStatus(rawValue: status) ?? .booked }
}

/// A stop with its location, for lists.
public struct StopListing: Equatable, Sendable {
    public let stop: RouteStopRecord
    public let location: LocationRecord
    /// Places taken (booked, checked in or no-show) across all slots.
    public let booked: Int
}

/// An appointment with what lists show of the patient and the place.
public struct AppointmentListing: Equatable, Sendable {
    public let appointment: AppointmentRecord
    public let folderNumber: String
    public let patientName: String
    public let phone: String
    public let location: String
}

extension RouteStopRecord {
    /// The columns queries name, from the record's own coding keys.
    public enum Columns {
        public static let uid = Column(CodingKeys.uid)
    }
}

extension AppointmentRecord {
    /// The columns queries name, from the record's own coding keys.
    public enum Columns {
        public static let replaces = Column(CodingKeys.replaces)
        public static let uid = Column(CodingKeys.uid)
    }
}

extension LocationRecord {
    /// The columns queries name, from the record's own coding keys.
    public enum Columns {
        public static let uid = Column(CodingKeys.uid)
    }
}
