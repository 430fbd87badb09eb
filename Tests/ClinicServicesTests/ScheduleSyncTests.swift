import ClinicDomain
import ClinicServices
import ClinicStore
import GRDB
import XCTest

/// Stops and appointments planned on one truck reach the truck they are planned for,
/// mapped to its own ids. The central database is stood in for by the rows truck A queued,
/// joined the way the central query joins them (each with its stop and location); the
/// real PostgreSQL round trip is in `SyncEndToEndTests`.
final class ScheduleSyncTests: XCTestCase {
    var planner: ServiceFixture!
    var truck: ServiceFixture!
    let clerk = Actor.shell(name: "clerk")
    var patient: PatientCard!
    /// What truck A pushed, by kind and key.
    var central: [String: [String: String]] = [:]

    override func setUpWithError() throws {
        planner = try ServiceFixture()
        truck = try ServiceFixture()
        patient = try PatientService(database: planner.database, clock: planner.clock).register(
            PatientInput(["surname": "Ndlovu", "first_names": "Sipho", "document_number": "8001015009087"]), by: clerk)
        try schedule(planner).addLocation(["name": "Giyani Hall", "type": "c", "province": "LP"], by: clerk)
    }

    func schedule(_ fixture: ServiceFixture) -> ScheduleService {
        ScheduleService(database: fixture.database, clock: fixture.clock)
    }
    func appointments(_ fixture: ServiceFixture) -> AppointmentService {
        AppointmentService(database: fixture.database, clock: fixture.clock)
    }

    func plan(
        _ fixture: ServiceFixture, at location: String = "Giyani Hall", truck code: String = "T02", capacity: String = "1"
    ) throws -> RouteStopRecord {
        let stop = try schedule(fixture).addStop(
            location: location,
            [
                "date": "2027-01-20", "opens": "08:00", "closes": "09:00",
                "slot_minutes": "30", "capacity": capacity, "truck": code,
            ], by: clerk)
        // The sync keys (uids) are the store's: read them there.
        return try fixture.database.pool.read { try ScheduleRepository.stop(id: stop.id, in: $0)! }
    }

    /// A stop's bookings as stored, with their sync keys.
    func listed(_ fixture: ServiceFixture, stopId: Int64) throws -> [AppointmentListing] {
        try fixture.database.pool.read { try ScheduleRepository.appointments(stopId: stopId, in: $0) }
    }

    /// The stored row of a booking, with its sync key.
    func stored(_ booking: Booking, _ fixture: ServiceFixture) throws -> AppointmentRecord {
        try fixture.database.pool.read { try ScheduleRepository.appointment(id: booking.id, in: $0)! }
    }

    /// Moves truck A's queued rows to the stand-in centre, then applies to truck B what the
    /// central query would give it: patients, then stops of T02 and appointments at them.
    @discardableResult
    func relay() throws -> [PulledAppointment] {
        let entries = try planner.database.pool.write { db -> [OutboxEntry] in
            let entries = try SyncStore.pending(limit: 10_000, in: db)
            try SyncStore.markPushed(entries.map(\.seq), in: db)
            return entries
        }
        var changed: [OutboxEntry] = []
        for entry in entries where entry.payload != nil {
            central[entry.table, default: [:]][entry.rowKey] = entry.payload
            changed.append(entry)
        }
        func field(_ payload: String, _ name: String) throws -> String {
            try XCTUnwrap((try JSONSerialization.jsonObject(with: Data(payload.utf8)) as? [String: Any])?[name] as? String)
        }
        return try truck.database.pool.write { db in
            try SyncStore.applying(in: db) {
                for entry in changed where entry.table == "patient" { _ = try SyncStore.applyPatient(entry.payload!, in: db) }
                var outcomes: [PulledAppointment] = []
                for entry in changed where entry.table == "routeStop" || entry.table == "appointment" {
                    let stop =
                        entry.table == "routeStop"
                        ? entry.payload! : try XCTUnwrap(central["routeStop"]?[try field(entry.payload!, "stopUid")])
                    guard try field(stop, "truck") == "T02" else { continue }
                    let location = try XCTUnwrap(central["location"]?[try field(stop, "locationUid")])
                    if entry.table == "routeStop" {
                        try ScheduleSync.applyStop(stop, location: location, in: db)
                    } else {
                        outcomes.append(try ScheduleSync.applyAppointment(entry.payload!, stop: stop, location: location, in: db))
                    }
                }
                return outcomes
            }
        }
    }

    func truckStops() throws -> [StopListing] {
        try truck.database.pool.read {
            try ScheduleRepository.listings(truck: "T02", from: CalendarDate(truck.clock.now()), in: $0)
        }
    }

    func testAStopAndABookingPlannedElsewhereArriveUnderTheTrucksOwnIds() throws {
        try schedule(truck).addLocation(["name": "Elim Clinic", "type": "c", "province": "LP"], by: clerk)
        let stop = try plan(planner)
        let booked = try appointments(planner).book(
            stopId: stop.id!, slot: ClockTime(typed: "08:30")!, patientId: patient.id, by: clerk)
        XCTAssertEqual(try relay(), [.inserted])
        let stops = try truckStops()
        XCTAssertEqual(stops.map(\.stop.uid), [stop.uid])
        XCTAssertEqual(stops.map(\.location.name), ["Giyani Hall"])
        XCTAssertNotEqual(stops[0].location.id, 1, "the truck's own location keeps id 1; the pulled one gets the next")
        let list = try listed(truck, stopId: stops[0].stop.id!)
        XCTAssertEqual(list.map(\.appointment.uid), [try stored(booked, planner).uid])
        XCTAssertEqual(list.map(\.folderNumber), [patient.folderNumber])
        XCTAssertEqual(list.map(\.location), ["Giyani Hall"])
        let queued = try truck.database.pool.read { db in
            try Int.fetchOne(
                db,
                sql: """
                    SELECT count(*) FROM syncOutbox WHERE rowKey IN (SELECT uid FROM location WHERE name = 'Giyani Hall'
                        UNION SELECT uid FROM routeStop UNION SELECT uid FROM appointment UNION SELECT ?)
                    """, arguments: [patient.id])
        }
        XCTAssertEqual(queued, 0, "pulled rows are not queued to go back")
        XCTAssertEqual(try relay(), [], "nothing new, nothing applied again")
    }

    /// A stop's no-show grace travels with it; a truck before v22 sends none, and its stop
    /// keeps the 15 minutes every stop had then.
    func testAStopsNoShowGraceTravelsAndAnOlderTrucksStopKeepsTheDefault() throws {
        let stop = try schedule(planner).addStop(
            location: "Giyani Hall",
            [
                "date": "2027-01-20", "opens": "08:00", "closes": "09:00", "slot_minutes": "30", "capacity": "1",
                "truck": "T02", "no_show_grace": "40",
            ], by: clerk)
        try relay()
        XCTAssertEqual(try truckStops().map(\.stop.noShowGraceMinutes), [40])
        let pushed = try XCTUnwrap(central["routeStop"]?.values.first)
        var old = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(pushed.utf8)) as? [String: Any])
        old["noShowGraceMinutes"] = nil
        old["uid"] = "older-truck-stop"
        old["date"] = "2027-01-21"
        let payload = String(decoding: try JSONSerialization.data(withJSONObject: old), as: UTF8.self)
        let location = try XCTUnwrap(central["location"]?[try XCTUnwrap(old["locationUid"] as? String)])
        try truck.database.pool.write { db in
            try SyncStore.applying(in: db) { try ScheduleSync.applyStop(payload, location: location, in: db) }
        }
        XCTAssertEqual(try truckStops().map(\.stop.noShowGraceMinutes), [40, 15])
        XCTAssertEqual(stop.plan.noShowGraceMinutes, 40)
    }

    func testAPlaceOfTheSameNameIsTheSamePlace() throws {
        try schedule(truck).addLocation(["name": "GIYANI hall", "type": "c", "province": "LP"], by: clerk)
        try plan(planner)
        try relay()
        XCTAssertEqual(try schedule(truck).locations(by: clerk).map(\.name), ["GIYANI hall"], "no second Giyani Hall")
        XCTAssertEqual(try truckStops().map(\.location.name), ["GIYANI hall"])
    }

    func testChangesMadeOnThePlanningTruckFollowAndAReschedulePointsToTheOldBooking() throws {
        let first = try plan(planner)
        try plan(planner, truck: "T05")
        let booked = try appointments(planner).book(
            stopId: first.id!, slot: ClockTime(typed: "08:00")!, patientId: patient.id, by: clerk)
        try relay()
        let moved = try appointments(planner).reschedule(
            booked.id, toStop: first.id!, slot: ClockTime(typed: "08:30")!, reason: "clash",
            by: clerk)
        XCTAssertEqual(try relay(), [.updated, .inserted])
        let list = try listed(truck, stopId: try truckStops()[0].stop.id!).map(\.appointment)
        XCTAssertEqual(list.map(\.status), ["rescheduled", "booked"])
        XCTAssertEqual(list[1].uid, try stored(moved, planner).uid)
        XCTAssertEqual(list[1].replaces, list[0].id, "points to the truck's own row of the old booking")
        XCTAssertEqual(try schedule(truck).upcomingStops(truck: nil, by: clerk).count, 1, "the stop planned for T05 stays away")
    }

    func testTheTrucksOwnUnsentChangeGoesFirst() throws {
        let stop = try plan(planner)
        let booked = try appointments(planner).book(
            stopId: stop.id!, slot: ClockTime(typed: "08:00")!, patientId: patient.id, by: clerk)
        try relay()
        let local = try listed(truck, stopId: try truckStops()[0].stop.id!)[0].appointment
        try appointments(truck).cancel(local.id!, reason: "patient phoned", by: clerk)
        try appointments(planner).cancel(booked.id, reason: "truck broke down", by: clerk)
        XCTAssertEqual(try relay(), [.pendingHere])
        let after = try truck.database.pool.read { try AppointmentRecord.fetchOne($0, key: local.id!)! }
        XCTAssertEqual(after.note, "patient phoned", "kept until this truck's push; the centre then holds the later write")
    }

    func testBookingsMadeOfflineOnTwoTrucksAreNeverLostOrRefused() throws {
        let stop = try plan(planner, capacity: "1")
        try relay()
        let other = try PatientService(database: planner.database, clock: planner.clock).register(
            PatientInput(["surname": "Dlamini", "first_names": "Thandi", "document_number": "8505250123080"]), by: clerk)
        try relay()
        let here = try truckStops()[0].stop.id!
        // Offline, both trucks give away the same single place at 08:00, and both book Sipho.
        try appointments(truck).book(stopId: here, slot: ClockTime(typed: "08:30")!, patientId: patient.id, by: clerk)
        try appointments(truck).book(stopId: here, slot: ClockTime(typed: "08:00")!, patientId: other.id, by: clerk)
        try appointments(planner).book(stopId: stop.id!, slot: ClockTime(typed: "08:00")!, patientId: patient.id, by: clerk)
        XCTAssertEqual(try relay(), [.doubleBooked], "Sipho already holds a booking at this stop here")
        let sipho = try listed(truck, stopId: here).filter { $0.folderNumber == patient.folderNumber }
        XCTAssertEqual(sipho.map(\.appointment.slot), ["08:30"])
        // Once the truck's booking is cancelled, the other truck's next change of its booking comes in.
        try appointments(truck).cancel(sipho[0].appointment.id!, reason: "double booked", by: clerk)
        let planned = try listed(planner, stopId: stop.id!)[0].appointment
        try appointments(planner).reschedule(
            planned.id!, toStop: stop.id!, slot: ClockTime(typed: "08:00")!, reason: "confirm", by: clerk)
        XCTAssertEqual(try relay(), [.inserted, .inserted])
        let eight = try appointments(truck).slots(stopId: here, by: clerk).slots.first
        XCTAssertEqual(eight?.taken, 2, "08:00 now holds two bookings made on two trucks: kept over-full, not refused")
        XCTAssertEqual(eight?.free, 0)
    }
}
