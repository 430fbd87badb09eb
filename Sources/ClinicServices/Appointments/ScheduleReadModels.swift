import ClinicDomain
package import ClinicStore
import Foundation

/// A place the trucks stop at.
public struct Place: Equatable, Sendable {
    public let id: Int64
    public let name: String
    /// Police station, school, community hall…
    public let type: String
    /// The province's code as stored (e.g. `GP`).
    public let province: String
    public let address: String
    public let contact: String
    /// Latitude and longitude in decimal degrees, when known.
    public let latitude: Double?
    public let longitude: Double?

    package init(_ record: LocationRecord) {
        id = record.id ?? 0
        name = record.name
        type = record.type
        province = record.province
        address = record.address
        contact = record.contact
        latitude = record.latitude
        longitude = record.longitude
    }
}

/// A planned stop of a truck: its day, hours and slots.
public struct RouteStop: Equatable, Sendable {
    public let id: Int64
    public let plan: StopPlan

    package init(_ record: RouteStopRecord) {
        id = record.id ?? 0
        plan = record.plan
    }

    public var truck: String { plan.truck }
    public var date: CalendarDate { plan.date }
    public var opens: ClockTime { plan.opens }
    public var closes: ClockTime { plan.closes }
    public var slotMinutes: Int { plan.slotMinutes }
    /// Patients per slot.
    public var capacity: Int { plan.capacity }
    /// Places across all slots.
    public var places: Int { plan.capacity * plan.slots.count }
}

/// A stop with its place and how many places are taken, for lists and pickers.
public struct PlannedStop: Equatable, Sendable {
    public let stop: RouteStop
    public let place: Place
    /// Places taken (booked, checked in or no-show) across all slots.
    public let booked: Int

    package init(_ listing: StopListing) {
        stop = RouteStop(listing.stop)
        place = Place(listing.location)
        booked = listing.booked
    }
}

/// A stop's day: the stop, its place and its slots with places taken.
public struct StopDay: Equatable, Sendable {
    public let stop: RouteStop
    public let place: Place
    public let slots: [SlotAvailability]
}

/// A patient booked into a slot of a stop.
public struct Booking: Equatable, Sendable {
    public let id: Int64
    public let stopId: Int64
    /// The slot's time as stored, `09:30`.
    public let slot: String
    public let startsAt: Date?
    public let patientId: String
    public let status: AppointmentStatus
    public let note: String
    /// The visit a check-in started, nil before.
    public let visitId: String?
    /// The booking this one was rescheduled from, nil for a first booking.
    public let replaces: Int64?

    package init(_ record: AppointmentRecord) {
        id = record.id ?? 0
        stopId = record.stopId
        slot = record.slot
        startsAt = record.startsAt.date
        patientId = record.patientId
        status = record.appointmentStatus
        note = record.note
        visitId = record.visitId
        replaces = record.replaces
    }
}

/// A booking with what the day list shows of the patient and the place.
public struct BookingRow: Equatable, Sendable {
    public let booking: Booking
    public let folderNumber: String
    public let patientName: String
    public let phone: String
    public let location: String

    package init(_ listing: AppointmentListing) {
        booking = Booking(listing.appointment)
        folderNumber = listing.folderNumber
        patientName = listing.patientName
        phone = listing.phone
        location = listing.location
    }
}
