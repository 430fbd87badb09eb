import ClinicDomain
package import ClinicStore
import Foundation
internal import GRDB

/// A demo truck's recent past and near future, made through the services staff use (so the
/// timelines, ledger and audit log are real): closed visits on the weekdays of the last
/// `pastDays` at two police stations, each registered by the clerk, triaged by the nurse,
/// seen by the doctor and closed; and stops on the weekdays of the next two weeks with
/// bookings. Needs the demo users and patients; the medicines are dispensed when stock is held.
public struct DemoHistory: Sendable {
    let database: ClinicDatabase
    let clock: any Clock

    package init(database: ClinicDatabase, clock: any Clock = SystemClock()) {
        self.database = database
        self.clock = clock
    }

    /// The places the demo truck visits.
    static let places: [[String: String]] = [
        ["name": "Sunnyside SAPS", "type": "p", "province": "GP", "address": "Esselen St, Sunnyside, Pretoria"],
        ["name": "Mankweng SAPS", "type": "p", "province": "LP", "address": "Main Rd, Mankweng"],
    ]

    /// Why people came, with what the doctor found and gave: (reason, ICD-10 code, medicine, dose, frequency, days).
    static let cases: [(reason: String, code: String, medicine: String?, dose: String, frequency: String, days: String)] = [
        ("Wellness screening", "Z00.0", nil, "", "", ""),
        ("Blood pressure review", "I10", "AMLO5T", "1", "od", "30"),
        ("Diabetes follow-up", "E11.9", "METF500T", "1", "bd", "30"),
        ("Sore throat and cough", "J06.9", "PARA500T", "2", "qid", "3"),
        ("Lower back pain", "M54.5", "IBU200T", "1", "tds", "5"),
        ("Heartburn after meals", "K30", nil, "", "", ""),
    ]

    /// Seeds the history with the demo users' `password`; returns the visits made (none when
    /// the database holds visits already).
    @discardableResult
    public func seed(password: String, pastDays: Int = 21, perDay: Int = 5) throws -> Int {
        // A database with visits has a history of its own: refreshing the demo leaves it.
        guard try database.pool.read({ try VisitRecord.fetchCount($0) }) == 0 else { return 0 }
        let today = CalendarDate(clock.now())
        let schedule = ScheduleService(database: database, clock: clock)
        let admin = Actor.shell(name: "demo")
        for place in Self.places { _ = try schedule.addLocation(place, by: admin) }
        let patients = try database.pool.read { try PatientRecord.limit(400).fetchAll($0) }.filter(\.active)
        guard !patients.isEmpty else { return 0 }
        // The staff log in once, on the first morning; each visit keeps its own clock.
        let firstMorning = ManualClock(ClinicTime.instant(today.adding(days: -pastDays), ClockTime(minutes: 8 * 60)!))
        let auth = AuthService(database: database, clock: firstMorning)
        let staff = try ["clerk", "nurse", "doctor"].map {
            Actor.user(try auth.login(username: $0, password: password, terminal: "demo"))
        }
        var made = 0
        for back in stride(from: pastDays, through: 1, by: -1) {
            let day = today.adding(days: -back)
            guard (2...6).contains(day.weekday) else { continue }
            for number in 0..<perDay {
                // Thirty regulars, each back with the same complaint every week or so.
                // Children come for screening only: the other cases' medicines are adult doses.
                let regular = made * 7 % min(30, patients.count)
                let adult = CalendarDate(iso: patients[regular].dateOfBirth).map { $0.age(on: day) >= 18 } ?? false
                try visit(
                    patients[regular].id, on: day, number: number,
                    case: Self.cases[adult ? regular % Self.cases.count : 0], staff)
                made += 1
            }
        }
        try planAhead(from: today, patients: patients.map(\.id), schedule: schedule, admin: admin)
        return made
    }

    /// One visit from check-in to closure on `day`, the `number`th of the morning, by the
    /// clerk, nurse and doctor in `staff`.
    private func visit(
        _ patientId: String, on day: CalendarDate, number: Int,
        case visitCase: (reason: String, code: String, medicine: String?, dose: String, frequency: String, days: String),
        _ staff: [Actor]
    ) throws {
        let clock = ManualClock(ClinicTime.instant(day, ClockTime(minutes: 8 * 60 + 30)!) + Double(number) * 40 * 60)
        let (clerk, nurse, doctor) = (staff[0], staff[1], staff[2])
        let visits = VisitService(database: database, clock: clock)
        let visit = try visits.checkIn(patientId: patientId, reason: visitCase.reason, by: clerk)
        clock.advance(10 * 60)
        _ = try visits.take(visitId: visit.id, stage: .nursing, by: nurse)
        let readings = number % 3 == 0 ? ["148", "94", "88"] : ["122", "78", "72"]
        _ = try visits.recordVitals(
            visitId: visit.id,
            input: VitalsInput([
                "systolic": readings[0], "diastolic": readings[1], "heart_rate": readings[2], "resp_rate": "16",
                "temperature": "36.7", "spo2": "98", "weight": "\(68 + number * 4)", "height": "170", "mobility": "walking",
                "avpu": "alert", "trauma": "no",
            ]), by: nurse)
        _ = try visits.perform(.completeNursing, visitId: visit.id, by: nurse)
        clock.advance(15 * 60)
        try consult(visit.id, visitCase, clock: clock, doctor: doctor)
        clock.advance(5 * 60)
        _ = try visits.take(visitId: visit.id, stage: .closure, by: clerk)
        if visitCase.medicine != nil {
            _ = try? StockService(database: database, clock: clock).dispense(visitId: visit.id, by: nurse)
        }
        _ = try visits.perform(.close(outcome: "Treated"), visitId: visit.id, by: clerk)
    }

    /// The doctor's part: a signed note, the diagnosis and the medicine, to closure.
    private func consult(
        _ visitId: String,
        _ visitCase: (reason: String, code: String, medicine: String?, dose: String, frequency: String, days: String),
        clock: ManualClock, doctor: Actor
    ) throws {
        _ = try VisitService(database: database, clock: clock).take(visitId: visitId, stage: .consultation, by: doctor)
        let consultation = ConsultationService(database: database, clock: clock)
        try consultation.saveNote(
            visitId: visitId, subjective: visitCase.reason + ".", objective: "Vitals as recorded; examination unremarkable.",
            assessment: visitCase.reason,
            plan: visitCase.medicine == nil ? "Advice given; return if worse." : "Medicine as prescribed; review in a month.",
            by: doctor)
        try consultation.addDiagnosis(visitId: visitId, code: visitCase.code, primary: true, by: doctor)
        if let medicine = visitCase.medicine {
            _ = try PrescriptionService(database: database, clock: clock).prescribe(
                visitId: visitId, itemCode: medicine, dose: visitCase.dose, frequency: visitCase.frequency,
                days: visitCase.days, overrideReason: "Demo: allergy reviewed", by: doctor)
        }
        clock.advance(20 * 60)
        _ = try consultation.complete(visitId: visitId, toCounselling: false, by: doctor)
    }

    /// Stops on the weekdays of the next two weeks, alternating between the places, with a
    /// few bookings each.
    private func planAhead(from today: CalendarDate, patients: [String], schedule: ScheduleService, admin: Actor) throws {
        let truck = try SettingsRepository(database: database).load().siteCode
        let appointments = AppointmentService(database: database, clock: clock)
        var booked = 0
        for ahead in 1...14 {
            let day = today.adding(days: ahead)
            guard (2...6).contains(day.weekday) else { continue }
            let place = Self.places[ahead % Self.places.count]["name"]!
            let stop = try schedule.addStop(
                location: place,
                [
                    "date": day.description, "opens": "08:00", "closes": "15:00", "slot_minutes": "30", "capacity": "2",
                    "truck": truck,
                ], by: admin)
            for slot in ["08:00", "08:30", "09:00", "10:00"] {
                _ = try? appointments.book(
                    stopId: stop.id, slot: ClockTime(typed: slot)!, patientId: patients[(booked * 53 + 11) % patients.count],
                    by: admin)
                booked += 1
            }
        }
    }
}
