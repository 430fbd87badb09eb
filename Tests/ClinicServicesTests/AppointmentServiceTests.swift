import ClinicDomain
import ClinicServices
import ClinicStore
import GRDB
import XCTest

/// Locations, stops and bookings. The fixture's clock is Fri 2027-01-15 10:00 SAST.
final class AppointmentServiceTests: XCTestCase {
    var fixture: ServiceFixture!
    var schedule: ScheduleService { ScheduleService(database: fixture.database, clock: fixture.clock) }
    var appointments: AppointmentService { AppointmentService(database: fixture.database, clock: fixture.clock) }
    let clerk = Actor.shell(name: "clerk")
    var patients: [PatientCard] = []

    override func setUpWithError() throws {
        fixture = try ServiceFixture()
        let service = PatientService(database: fixture.database, clock: fixture.clock)
        for (surname, id) in [("Ndlovu", "8001015009087"), ("Dlamini", "8505250123080"), ("Nkosi", "9001014800089")] {
            patients.append(
                try service.register(
                    PatientInput([
                        "surname": surname, "first_names": "Test", "document_number": id,
                        "phone": "082 123 4567", "province": "GP",
                    ]), by: clerk))
        }
        try schedule.addLocation(["name": "Sunnyside SAPS", "type": "p", "province": "GP"], by: clerk)
        try schedule.addLocation(["name": "Mamelodi Hall", "type": "c", "province": "GP"], by: clerk)
        try schedule.addLocation(["name": "Durban Central", "type": "p", "province": "KZN"], by: clerk)
    }

    @discardableResult
    func stop(
        _ location: String, _ date: String, _ opens: String = "08:00", _ closes: String = "09:00", capacity: String = "2",
        truck: String = "T03"
    ) throws -> RouteStop {
        try schedule.addStop(
            location: location,
            [
                "date": date, "opens": opens, "closes": closes, "slot_minutes": "30",
                "capacity": capacity, "truck": truck,
            ], by: clerk)
    }

    func testALocationIsChangedInPlaceKeepingItsStopsAndFleetID() throws {
        let place = try XCTUnwrap(try schedule.locations(by: clerk).first { $0.name == "Sunnyside SAPS" })
        try stop("Sunnyside SAPS", "2027-01-20")
        let uid = {
            try self.fixture.database.pool.read {
                try String.fetchOne($0, sql: "SELECT uid FROM location WHERE id = ?", arguments: [place.id])
            }
        }
        let before = try uid()
        XCTAssertThrowsError(
            try schedule.updateLocation(id: place.id, ["name": "mamelodi hall", "type": "p", "province": "GP"], by: clerk)
        ) { XCTAssertEqual(($0 as? FieldProblems)?["name"], "A location called 'Mamelodi Hall' exists already") }
        XCTAssertThrowsError(try schedule.updateLocation(id: 999, ["name": "X", "type": "p", "province": "GP"], by: clerk)) {
            XCTAssertEqual($0 as? ScheduleError, .locationNotFound)
        }
        let saved = try schedule.updateLocation(
            id: place.id, ["name": "Sunnyside Police Station", "type": "police", "province": "gp", "gps": "-25.75, 28.2"],
            by: clerk)
        XCTAssertEqual([saved.name, saved.type], ["Sunnyside Police Station", "police station"])
        XCTAssertEqual(saved.latitude, -25.75)
        XCTAssertEqual(try uid(), before, "the fleet-wide id stays, so the change syncs as an update")
        XCTAssertEqual(try schedule.upcomingStops(truck: nil, by: clerk).map(\.place.name), ["Sunnyside Police Station"])
        let audit = try fixture.database.pool.read {
            try String.fetchOne($0, sql: "SELECT detail FROM auditEntry WHERE action = 'location.edit'")
        }
        XCTAssertEqual(audit, "Sunnyside Police Station (GP) (was Sunnyside SAPS)")
    }

    func testStopsOfOneTruckCannotOverlapAndNeedAKnownLocation() throws {
        try stop("Sunnyside SAPS", "2027-01-20")
        XCTAssertThrowsError(try stop("Mamelodi Hall", "2027-01-20", "08:30", "12:00")) {
            XCTAssertEqual("\($0)", "T03 is already at Sunnyside SAPS on 2027-01-20 from 08:00 to 09:00")
        }
        XCTAssertNoThrow(try stop("Mamelodi Hall", "2027-01-20", "09:00", "12:00"), "back to back is fine")
        XCTAssertNoThrow(try stop("Mamelodi Hall", "2027-01-20", truck: "T04"), "another truck")
        XCTAssertThrowsError(try stop("Nowhere", "2027-01-21")) {
            XCTAssertEqual(
                ($0 as? FieldProblems)?["location"], "No location called 'Nowhere'; add it on the Locations screen first")
        }
        XCTAssertThrowsError(try stop("Sunnyside SAPS", "2027-01-14")) {
            XCTAssertEqual(($0 as? FieldProblems)?["date"], "2027-01-14 is in the past; plan stops from today on")
        }
        XCTAssertThrowsError(try schedule.addLocation(["name": "sunnyside saps", "type": "p", "province": "GP"], by: clerk))
        XCTAssertEqual(
            try schedule.upcomingStops(truck: "t03", by: clerk).map { "\($0.stop.date) \($0.stop.opens) \($0.place.name)" },
            ["2027-01-20 08:00 Sunnyside SAPS", "2027-01-20 09:00 Mamelodi Hall"])
    }

    func testCapacityPerSlotAndOneOpenBookingPerPatient() throws {
        let s = try stop("Sunnyside SAPS", "2027-01-20", capacity: "2")
        let eight = ClockTime(typed: "08:00")!
        try appointments.book(stopId: s.id, slot: eight, patientId: patients[0].id, by: clerk)
        XCTAssertThrowsError(
            try appointments.book(stopId: s.id, slot: ClockTime(typed: "08:30")!, patientId: patients[0].id, by: clerk)
        ) {
            XCTAssertEqual("\($0)", "This patient is already booked at this stop (08:00); reschedule that booking instead")
        }
        try appointments.book(stopId: s.id, slot: eight, patientId: patients[1].id, by: clerk)
        XCTAssertThrowsError(try appointments.book(stopId: s.id, slot: eight, patientId: patients[2].id, by: clerk)) {
            XCTAssertEqual($0 as? AppointmentError, .slotFull(eight))
        }
        XCTAssertThrowsError(
            try appointments.book(stopId: s.id, slot: ClockTime(typed: "08:10")!, patientId: patients[2].id, by: clerk)
        ) {
            XCTAssertEqual("\($0)", "08:10 is not a slot of this stop")
        }
        let slots = try appointments.slots(stopId: s.id, by: clerk).slots
        XCTAssertEqual(slots.map(\.free), [0, 2])
        // The database itself refuses an over-full slot, whatever code writes.
        XCTAssertThrowsError(
            try fixture.database.pool.write { db in
                try db.execute(
                    sql:
                        "INSERT INTO appointment(stopId, slot, startsAt, patientId, status, bookedBy, bookedAt) VALUES (?, '08:00', 'x', ?, 'booked', 'x', 'x')",
                    arguments: [s.id, patients[2].id])
            }
        ) { XCTAssertTrue("\($0)".contains("slot full"), "\($0)") }
    }

    func testPastSlotsAndDeactivatedPatientsAreRefused() throws {
        let today = try stop("Sunnyside SAPS", "2027-01-15", "08:00", "12:00")
        XCTAssertThrowsError(
            try appointments.book(stopId: today.id, slot: ClockTime(typed: "09:30")!, patientId: patients[0].id, by: clerk)
        ) {
            XCTAssertEqual("\($0)", "The 09:30 slot has passed")
        }
        XCTAssertNoThrow(
            try appointments.book(stopId: today.id, slot: ClockTime(typed: "10:00")!, patientId: patients[0].id, by: clerk))
        _ = try PatientService(database: fixture.database, clock: fixture.clock).setActive(
            false, id: patients[1].id, reason: "duplicate",
            by: clerk)
        XCTAssertThrowsError(
            try appointments.book(stopId: today.id, slot: ClockTime(typed: "10:30")!, patientId: patients[1].id, by: clerk)
        ) {
            XCTAssertEqual("\($0)", "This record is deactivated; reactivate it before booking")
        }
    }

    func testCancelRescheduleCheckInAndNoShowKeepHistory() throws {
        let today = try stop("Sunnyside SAPS", "2027-01-15", "10:00", "12:00")
        let later = try stop("Mamelodi Hall", "2027-01-22")
        let a = try appointments.book(stopId: today.id, slot: ClockTime(typed: "10:00")!, patientId: patients[0].id, by: clerk)
        let b = try appointments.book(stopId: today.id, slot: ClockTime(typed: "10:30")!, patientId: patients[1].id, by: clerk)
        let c = try appointments.book(stopId: today.id, slot: ClockTime(typed: "11:00")!, patientId: patients[2].id, by: clerk)
        XCTAssertThrowsError(try appointments.cancel(c.id, reason: "", by: clerk))
        try appointments.cancel(c.id, reason: "patient phoned", by: clerk)
        XCTAssertThrowsError(try appointments.cancel(c.id, reason: "again", by: clerk)) {
            XCTAssertEqual("\($0)", "This appointment was cancelled already")
        }
        let moved = try appointments.reschedule(
            b.id, toStop: later.id, slot: ClockTime(typed: "08:30")!, reason: "at work", by: clerk)
        XCTAssertEqual(moved.replaces, b.id)
        let visit = try appointments.checkIn(a.id, by: clerk)
        XCTAssertEqual(visit.stage, .nursing, "checked in through registration, into the nursing queue")
        XCTAssertEqual(
            try VisitService(database: fixture.database, clock: fixture.clock).queue(.nursing, by: clerk).map(\.patientId),
            [patients[0].id])
        XCTAssertThrowsError(try appointments.checkIn(moved.id, by: clerk)) {
            XCTAssertEqual("\($0)", "This appointment is on 2027-01-22, not today")
        }
        let statuses = try appointments.appointments(stopId: today.id, by: clerk).map {
            "\($0.booking.slot) \($0.booking.status.rawValue) \($0.booking.note)"
        }
        XCTAssertEqual(statuses, ["10:00 checked in ", "10:30 rescheduled at work", "11:00 cancelled patient phoned"])
        XCTAssertEqual(try appointments.appointments(stopId: today.id, by: clerk).first?.booking.visitId, visit.id)
        // A booking nobody checked in becomes a no-show only once its slot (11:30-12:00) has
        // ended and the 15-minute grace after it has passed: never while the patient may
        // still walk in on time (the 21:34 mark of a 21:30-22:00 slot seen in use).
        let d = try appointments.book(stopId: today.id, slot: ClockTime(typed: "11:30")!, patientId: patients[2].id, by: clerk)
        for (at, due) in [("11:34", 0), ("12:00", 0), ("12:14", 0), ("12:15", 1)] {
            fixture.clock.advance(
                ClinicTime.instant(CalendarDate(typed: "2027-01-15")!, ClockTime(typed: at)!).timeIntervalSince(
                    fixture.clock.now()))
            XCTAssertEqual(try appointments.dueNoShows(stopId: today.id, by: clerk).count, due, "at \(at)")
        }
        XCTAssertEqual(try appointments.markNoShows(stopId: today.id, by: clerk), 1)
        XCTAssertEqual(try fixture.database.pool.read { try AppointmentRecord.fetchOne($0, key: d.id)?.status }, "no-show")
        XCTAssertTrue(try fixture.auditActions().contains("appointment.no-show"))
        XCTAssertThrowsError(try appointments.cancel(d.id, reason: "x", by: clerk)) {
            XCTAssertEqual("\($0)", "This appointment was already marked as a no-show")
        }
        // Set back to booked only with a reason, audited; then the late arrival is checked in.
        XCTAssertThrowsError(try appointments.restore(d.id, reason: " ", by: clerk))
        XCTAssertEqual(try fixture.database.pool.read { try AppointmentRecord.fetchOne($0, key: d.id)?.status }, "no-show")
        try appointments.restore(d.id, reason: "phoned: stuck in traffic", by: clerk)
        XCTAssertEqual(try fixture.auditActions().last, "appointment.restored")
        XCTAssertEqual(try appointments.bookingToday(patientId: patients[2].id, by: clerk)?.booking.id, d.id)
        XCTAssertEqual(try appointments.checkIn(d.id, by: clerk).stage, .nursing)
        XCTAssertNil(try appointments.bookingToday(patientId: patients[2].id, by: clerk), "checked in: nothing left to offer")
    }

    /// A patient who missed the slot phones: the no-show moves to another stop, the new
    /// booking pointing back; a no-show is not cancelled (it did happen).
    func testANoShowIsRescheduledButNotCancelled() throws {
        let today = try stop("Sunnyside SAPS", "2027-01-15", "10:00", "12:00")
        let later = try stop("Mamelodi Hall", "2027-01-22")
        let missed = try appointments.book(
            stopId: today.id, slot: ClockTime(typed: "10:00")!, patientId: patients[1].id, by: clerk)
        fixture.clock.advance(
            ClinicTime.instant(CalendarDate(typed: "2027-01-15")!, ClockTime(typed: "10:45")!).timeIntervalSince(
                fixture.clock.now()))
        XCTAssertEqual(try appointments.markNoShows(stopId: today.id, by: clerk), 1)
        XCTAssertThrowsError(try appointments.cancel(missed.id, reason: "x", by: clerk)) {
            XCTAssertEqual("\($0)", "This appointment was already marked as a no-show")
        }
        let moved = try appointments.reschedule(
            missed.id, toStop: later.id, slot: ClockTime(typed: "08:30")!, reason: "phoned after missing it", by: clerk)
        XCTAssertEqual(moved.status, .booked)
        XCTAssertEqual(
            try fixture.database.pool.read { try AppointmentRecord.fetchOne($0, key: missed.id)?.status }, "rescheduled")
        XCTAssertEqual(try fixture.auditActions().suffix(2), ["appointment.no-show", "appointment.rescheduled"])
    }

    /// A stop that sets no grace marks a booking at the slot's end; one with 40 minutes waits.
    func testTheStopsGraceDecidesWhenABookingIsDue() throws {
        let values = ["date": "2027-01-15", "opens": "10:00", "closes": "12:00", "slot_minutes": "30", "capacity": "2"]
        let strict = try schedule.addStop(
            location: "Sunnyside SAPS", values.merging(["truck": "T03", "no_show_grace": "0"]) { $1 }, by: clerk)
        let patient = try schedule.addStop(
            location: "Mamelodi Hall", values.merging(["truck": "T04", "no_show_grace": "40"]) { $1 }, by: clerk)
        for stop in [strict, patient] {
            try appointments.book(stopId: stop.id, slot: ClockTime(typed: "10:00")!, patientId: patients[0].id, by: clerk)
        }
        for (at, dueStrict, duePatient) in [("10:29", 0, 0), ("10:30", 1, 0), ("11:09", 1, 0), ("11:10", 1, 1)] {
            fixture.clock.advance(
                ClinicTime.instant(CalendarDate(typed: "2027-01-15")!, ClockTime(typed: at)!).timeIntervalSince(
                    fixture.clock.now()))
            XCTAssertEqual(try appointments.dueNoShows(stopId: strict.id, by: clerk).count, dueStrict, "no grace, at \(at)")
            XCTAssertEqual(try appointments.dueNoShows(stopId: patient.id, by: clerk).count, duePatient, "40 min, at \(at)")
        }
    }

    /// A patient booked today who is started as a walk-in (fresh-eyes walk: the booking stayed
    /// open and was offered as a no-show while the patient sat in nursing): the visit checks the
    /// booking in with it; a booking of another day is left alone.
    func testAWalkInChecksInTheDaysBookingSoItIsNeverANoShow() throws {
        let today = try stop("Sunnyside SAPS", "2027-01-15", "10:00", "12:00")
        let later = try stop("Mamelodi Hall", "2027-01-22")
        let booking = try appointments.book(
            stopId: today.id, slot: ClockTime(typed: "10:30")!, patientId: patients[0].id, by: clerk)
        let next = try appointments.book(stopId: later.id, slot: ClockTime(typed: "08:30")!, patientId: patients[0].id, by: clerk)
        let visit = try VisitService(database: fixture.database, clock: fixture.clock)
            .checkIn(patientId: patients[0].id, reason: "headache", by: clerk)
        let rows = try fixture.database.pool.read { db in
            try [booking.id, next.id].map { try XCTUnwrap(try AppointmentRecord.fetchOne(db, key: $0)) }
        }
        XCTAssertEqual(rows.map(\.appointmentStatus), [.checkedIn, .booked])
        XCTAssertEqual(rows[0].visitId, visit.id)
        fixture.clock.advance(3 * 3600)
        XCTAssertEqual(try appointments.dueNoShows(stopId: today.id, by: clerk).count, 0)
        XCTAssertEqual(try fixture.auditActions().last, "appointment.checked-in", "audited after the visit started")
    }

    func testANoShowArrivingLateIsCheckedIn() throws {
        let today = try stop("Sunnyside SAPS", "2027-01-15", "10:00", "12:00")
        let booking = try appointments.book(
            stopId: today.id, slot: ClockTime(typed: "10:00")!, patientId: patients[0].id, by: clerk)
        fixture.clock.advance(3600)
        XCTAssertEqual(try appointments.markNoShows(stopId: today.id, by: clerk), 1)
        XCTAssertEqual(try appointments.bookingToday(patientId: patients[0].id, by: clerk)?.booking.status, .noShow)
        XCTAssertEqual(try appointments.checkIn(booking.id, by: clerk).stage, .nursing)
        XCTAssertEqual(try appointments.appointments(stopId: today.id, by: clerk).first?.booking.status, .checkedIn)
    }

    func testRemindersAndFollowUpStopsNearestFirst() throws {
        try stop("Sunnyside SAPS", "2027-01-15", "10:00", "12:00")  // where the patient is seen today
        let kzn = try stop("Durban Central", "2027-01-18")
        let hall = try stop("Mamelodi Hall", "2027-01-25")
        let again = try stop("Sunnyside SAPS", "2027-02-01")
        try appointments.book(stopId: hall.id, slot: ClockTime(typed: "08:30")!, patientId: patients[1].id, by: clerk)
        try appointments.book(stopId: hall.id, slot: ClockTime(typed: "08:00")!, patientId: patients[0].id, by: clerk)
        XCTAssertEqual(
            try appointments.reminders(on: CalendarDate(iso: "2027-01-25")!, by: clerk),
            """
            name,phone,time,place
            "NDLOVU, Test",+27821234567,08:00,Mamelodi Hall
            "DLAMINI, Test",+27821234567,08:30,Mamelodi Hall

            """)
        XCTAssertEqual(
            try appointments.followUpStops(patientId: patients[2].id, by: clerk).map(\.stop.id),
            [again.id, hall.id, kzn.id], "same place first, then the patient's province, then the rest")
    }
}
