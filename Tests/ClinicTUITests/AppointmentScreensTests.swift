import ClinicDomain
import ClinicServices
import ClinicStore
import TerminalKit
import XCTest

@testable import ClinicTUI

/// The clerk plans a stop and books, checks in and reschedules at the terminal. Today is
/// Tue 2026-11-24 10:30 SAST; the demo database has patients DEMO-000001 and on.
final class AppointmentScreensTests: XCTestCase {
    func testPlanAStopBookCheckInAndSeeTheVisitStart() throws {
        let harness = try AppHarness()
        let shell = Actor.shell(name: "setup")
        try PatientService(database: harness.database, clock: harness.clock)
            .register(PatientInput(["surname": "Ndlovu", "first_names": "Sipho", "document_number": "8001015009087"]), by: shell)
        harness.logIn("clerk")
        harness.openMenu("Appointments and routes")
        let route = try XCTUnwrap(harness.app.top as? RouteScreen)
        XCTAssertTrue(harness.screen().contains("No stops planned"), harness.screen())
        harness.press(.function(3), .function(2))
        harness.fill("Sunnyside SAPS", "shop", "GP", "", "", "")
        XCTAssertEqual(
            (harness.app.top as? FormScreen)?.form.focusedField?.error,
            "Type is police station (p), SAPS unit (s), community venue (c) or other (o)")
        (harness.app.top as? FormScreen)?.form["type"] = "p"
        (harness.app.top as? FormScreen)?.form.focus(on: "gps")
        harness.press(.enter)
        XCTAssertTrue(harness.screen().contains("Sunnyside SAPS"), harness.screen())
        harness.press(.escape, .function(2))
        // The place is picked by part of its name; the form opens on the date.
        let places = try XCTUnwrap(harness.app.top as? SearchPickerScreen)
        harness.type("sunny")
        XCTAssertEqual(places.rows.map(\.id), ["Sunnyside SAPS"])
        harness.press(.enter)
        let form = try XCTUnwrap(harness.app.top as? FormScreen)
        XCTAssertEqual(form.form["location"], "Sunnyside SAPS")
        XCTAssertEqual(form.form["truck"], "DEMO", "the truck defaults to this site")
        XCTAssertEqual(form.form["no_show_grace"], "15", "the grace defaults to 15 minutes")
        harness.fill("2026-11-23", "10:00", "12:00", "30", "0", "", "")
        XCTAssertEqual(form.message, "Please correct the 2 marked fields.")
        form.form["date"] = "2026-11-24"
        form.form["capacity"] = "2"
        form.form.focus(on: "no_show_grace")
        harness.press(.enter)
        XCTAssertTrue(harness.app.top === route)
        XCTAssertEqual(route.stops.count, 1)
        // The day list: book Sipho in the 10:30 slot (10:00 has passed; 10:30 starts now), then check him in.
        harness.press(.enter)
        let day = try XCTUnwrap(harness.app.top as? StopScreen)
        harness.press(.function(2))
        harness.type("ndlovu")
        harness.press(.enter)
        let slots = try XCTUnwrap(harness.app.top as? SearchPickerScreen)
        XCTAssertEqual(slots.rows.map(\.key), ["10:30", "11:00", "11:30"], "passed slots are not offered")
        harness.press(.enter)
        XCTAssertTrue(harness.app.top === day)
        XCTAssertEqual(day.message, "Booked at 10:30.")
        assertSnapshot(harness.snapshot(), named: "day-list-80x24")
        harness.press(.function(5))
        XCTAssertEqual(day.message, "Checked in NDLOVU, Sipho: the visit has started and waits in the nursing queue.")
        XCTAssertEqual(day.appointments.first?.booking.status, .checkedIn)
        harness.press(.function(5))
        XCTAssertEqual(day.message, "This patient was checked in already")
        harness.press(.escape, .escape, .escape)
        harness.openMenu("Closure queue")
        let queue = try XCTUnwrap(harness.app.top as? QueueScreen)
        XCTAssertTrue(queue.entries.isEmpty)
        XCTAssertEqual(try VisitService(database: harness.database, clock: harness.clock).queue(.nursing, by: shell).count, 1)
    }

    func testRescheduleMovesTheBookingToAnotherStop() throws {
        let harness = try AppHarness()
        let shell = Actor.shell(name: "setup")
        let patient = try PatientService(database: harness.database, clock: harness.clock)
            .register(PatientInput(["surname": "Ndlovu", "first_names": "Sipho", "document_number": "8001015009087"]), by: shell)
        let schedule = ScheduleService(database: harness.database, clock: harness.clock)
        try schedule.addLocation(["name": "Sunnyside SAPS", "type": "p", "province": "GP"], by: shell)
        try schedule.addLocation(["name": "Mamelodi Hall", "type": "c", "province": "GP"], by: shell)
        let first = try schedule.addStop(
            location: "Sunnyside SAPS",
            [
                "date": "2026-11-25", "opens": "08:00", "closes": "09:00",
                "slot_minutes": "30", "capacity": "1", "truck": "DEMO",
            ], by: shell)
        try schedule.addStop(
            location: "Mamelodi Hall",
            [
                "date": "2026-11-26", "opens": "08:00", "closes": "09:00",
                "slot_minutes": "30", "capacity": "1", "truck": "DEMO",
            ], by: shell)
        try AppointmentService(database: harness.database, clock: harness.clock)
            .book(stopId: first.id, slot: ClockTime(typed: "08:00")!, patientId: patient.id, by: shell)
        harness.logIn("clerk")
        harness.openMenu("Appointments and routes")
        harness.press(.enter)
        let day = try XCTUnwrap(harness.app.top as? StopScreen)
        harness.press(.function(6))
        harness.fill("patient at work")
        let stops = try XCTUnwrap(harness.app.top as? SearchPickerScreen)
        harness.type("mame")
        XCTAssertEqual(stops.rows.map(\.key), ["2026-11-26"])
        harness.press(.enter, .down, .enter)
        XCTAssertTrue(harness.app.top === day, harness.screen())
        XCTAssertEqual(day.message, "Rescheduled to stop #2 at 08:30.")
        XCTAssertEqual(day.appointments.map(\.booking.status), [.rescheduled])
        XCTAssertEqual(day.appointments.first?.booking.note, "patient at work")
        harness.press(.function(7))
        XCTAssertEqual(
            day.message, "No booking's slot ended more than 15 min ago without a check-in: nothing to mark.",
            "a rescheduled booking is not a no-show")
    }

    /// A slot taken at another terminal while the picker is open: the refusal says so and
    /// the picker stops offering it; cancelling a booking says what it did.
    func testAFullSlotLeavesThePickerAndACancelledBookingIsConfirmed() throws {
        let harness = try AppHarness()
        let shell = Actor.shell(name: "setup")
        let patients = PatientService(database: harness.database, clock: harness.clock)
        let sipho = try patients.register(
            PatientInput(["surname": "Ndlovu", "first_names": "Sipho", "document_number": "8001015009087"]), by: shell)
        _ = try patients.register(
            PatientInput(["surname": "Mokoena", "first_names": "Lerato", "document_number": "8801235111088"]), by: shell)
        let schedule = ScheduleService(database: harness.database, clock: harness.clock)
        try schedule.addLocation(["name": "Sunnyside SAPS", "type": "p", "province": "GP"], by: shell)
        let stop = try schedule.addStop(
            location: "Sunnyside SAPS",
            [
                "date": "2026-11-25", "opens": "08:00", "closes": "09:00",
                "slot_minutes": "30", "capacity": "1", "truck": "DEMO",
            ], by: shell)
        harness.logIn("clerk")
        harness.openMenu("Appointments and routes")
        harness.press(.enter, .function(2))
        harness.type("mokoena")
        harness.press(.enter)
        let slots = try XCTUnwrap(harness.app.top as? SearchPickerScreen)
        XCTAssertEqual(slots.rows.map(\.key), ["08:00", "08:30"])
        try AppointmentService(database: harness.database, clock: harness.clock)
            .book(stopId: stop.id, slot: ClockTime(typed: "08:00")!, patientId: sipho.id, by: shell)
        harness.press(.enter)
        XCTAssertTrue(harness.app.top === slots)
        XCTAssertEqual(slots.message, "The 08:00 slot is full; pick another slot")
        XCTAssertEqual(slots.rows.map(\.key), ["08:30"], "the full slot is no longer offered")
        harness.press(.enter)
        let day = try XCTUnwrap(harness.app.top as? StopScreen)
        XCTAssertEqual(day.message, "Booked at 08:30.")
        harness.press(.function(8))
        harness.fill("called to say she cannot come")
        XCTAssertTrue(harness.app.top === day)
        XCTAssertEqual(day.message, "Cancelled the 08:00 booking of NDLOVU, Sipho.", "not the previous message")
    }
}

extension AppointmentScreensTests {
    /// A booked patient whose slot ended: F7 asks once before marking, F4 sets the no-show
    /// back with a reason, and starting a visit from the record offers today's booking.
    func testNoShowsAreAskedForUndoneWithAReasonAndAWalkInIsOfferedTheBooking() throws {
        let harness = try AppHarness()
        let shell = Actor.shell(name: "setup")
        let sipho = try PatientService(database: harness.database, clock: harness.clock)
            .register(PatientInput(["surname": "Ndlovu", "first_names": "Sipho", "document_number": "8001015009087"]), by: shell)
        let schedule = ScheduleService(database: harness.database, clock: harness.clock)
        try schedule.addLocation(["name": "Sunnyside SAPS", "type": "p", "province": "GP"], by: shell)
        let stop = try schedule.addStop(
            location: "Sunnyside SAPS",
            ["date": "2026-11-24", "opens": "10:00", "closes": "14:00", "slot_minutes": "30", "capacity": "2", "truck": "DEMO"],
            by: shell)
        try AppointmentService(database: harness.database, clock: harness.clock)
            .book(stopId: stop.id, slot: ClockTime(typed: "11:00")!, patientId: sipho.id, by: shell)
        harness.clock.advance(60 * 60)  // 11:30: the slot has ended, the grace has not
        harness.logIn("clerk")
        harness.openMenu("Appointments and routes")
        harness.press(.enter)
        let day = try XCTUnwrap(harness.app.top as? StopScreen)
        harness.press(.function(7))
        XCTAssertEqual(day.message, "No booking's slot ended more than 15 min ago without a check-in: nothing to mark.")
        harness.clock.advance(15 * 60)
        harness.press(.function(7))
        XCTAssertEqual(day.message, "Mark 1 no-show: 11:00 NDLOVU, Sipho? Enter marks it, any other key keeps it booked.")
        harness.press(.character("x"))
        XCTAssertEqual(day.message, "Nothing marked: 1 booking kept as booked.")
        XCTAssertEqual(day.appointments.first?.booking.status, .booked)
        harness.press(.function(7), .enter)
        XCTAssertEqual(day.appointments.first?.booking.status, .noShow)
        harness.press(.home)
        XCTAssertTrue(harness.screen().contains("No-show: F5 checks in late, F4 sets back to booked."), harness.screen())
        harness.press(.function(4), .enter)
        XCTAssertEqual((harness.app.top as? FormScreen)?.form.focusedField?.error, "A reason is required")
        harness.type("phoned: stuck at roadblock")
        harness.press(.enter)
        XCTAssertTrue(harness.app.top === day)
        XCTAssertEqual(day.appointments.first?.booking.status, .booked)
        XCTAssertEqual(day.appointments.first?.booking.note, "phoned: stuck at roadblock")
        // The patient walks up to the desk: the record offers the booking, not a second visit.
        harness.press(.escape, .escape)
        harness.openMenu("Patients: find and register")
        harness.type("N9087")
        harness.press(.enter, .function(5))
        let record = try XCTUnwrap(harness.app.top as? PatientRecordScreen)
        XCTAssertEqual(
            record.message,
            "Booked today at 11:00, Sunnyside SAPS: Enter checks that booking in, F5 starts a walk-in visit instead.")
        harness.press(.enter)
        XCTAssertEqual(record.message, "Checked in for the 11:00 booking: waiting in the nursing queue.")
        XCTAssertEqual(record.visits.first?.visit.stage, .nursing)
    }
}
