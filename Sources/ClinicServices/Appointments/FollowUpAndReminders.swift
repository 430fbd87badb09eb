import ClinicDomain
package import ClinicStore
import Foundation
internal import GRDB

extension AppointmentService {
    /// Stops after today with a free place, nearest first for this patient: the same
    /// location as today's stop, then the same province as the patient (or as today's
    /// stop when the record has none), then the rest; by date within each.
    public func followUpStops(patientId: String, by actor: Actor) throws -> [PlannedStop] {
        try actor.require(.appointmentWrite)
        let today = CalendarDate(clock.now())
        return try database.pool.read { db in
            guard let patient = try PatientRepository.find(id: patientId, in: db) else { throw PatientError.notFound(patientId) }
            let all = try ScheduleRepository.listings(truck: nil, from: today, in: db)
            let here = all.filter { $0.stop.date == today.description }.map(\.location)
            let province = patient.province?.rawValue ?? here.first?.province
            func rank(_ listing: StopListing) -> Int {
                if here.contains(where: { $0.id == listing.location.id }) { return 0 }
                return listing.location.province == province ? 1 : 2
            }
            return all.filter { $0.stop.date > today.description && $0.booked < $0.stop.capacity * $0.stop.plan.slots.count }
                .enumerated().sorted { (rank($0.element), $0.offset) < (rank($1.element), $1.offset) }.map {
                    PlannedStop($0.element)
                }
        }
    }

    /// Reminders for an SMS tool: every booked appointment on `date` as CSV with a header,
    /// `name,phone,time,place`, by time. Patients without a phone are listed with it empty.
    public func reminders(on date: CalendarDate, by actor: Actor) throws -> String {
        try actor.require(.appointmentWrite)
        let rows = try database.pool.read { try ScheduleRepository.booked(on: date, in: $0) }
        let lines = rows.map { CSVText.line([$0.patientName, $0.phone, $0.appointment.slot, $0.location]) }
        return (["name,phone,time,place"] + lines).joined(separator: "\n") + "\n"
    }
}
