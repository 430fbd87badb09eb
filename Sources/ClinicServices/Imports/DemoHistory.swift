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
    /// the database holds visits already). Today has visits too: two closed, one waiting for
    /// the doctor and one for the nurse.
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
        func next(on day: CalendarDate, at start: Date, number: Int, upTo last: VisitStage = .closed) throws {
            // Thirty regulars, each back with the same complaint every week or so.
            let regular = made * 7 % min(30, patients.count)
            try visit(
                Regular(record: patients[regular], number: regular, on: day), at: start + Double(number) * 40 * 60,
                upTo: last, staff)
            made += 1
        }
        for back in stride(from: pastDays, through: 1, by: -1) {
            let day = today.adding(days: -back)
            guard (2...6).contains(day.weekday) else { continue }
            for number in 0..<perDay {
                try next(on: day, at: ClinicTime.instant(day, ClockTime(minutes: 8 * 60 + 30)!), number: number)
            }
        }
        // This morning, ending about twenty minutes ago (when that is still today).
        let morning = clock.now() - 3 * 3600
        if CalendarDate(morning) == today {
            for (number, last) in [VisitStage.closed, .closed, .consultation, .nursing].enumerated() {
                try next(on: today, at: morning, number: number, upTo: last)
            }
        }
        try planAhead(from: today, patients: patients.map(\.id), schedule: schedule, admin: admin)
        return made
    }

    /// A regular patient on a day: who, how old, and what brings them.
    struct Regular {
        let id: String
        let number: Int
        let adult: Bool
        let age: Int
        /// Children come for screening only: the other cases' medicines are adult doses.
        var visitCase: (reason: String, code: String, medicine: String?, dose: String, frequency: String, days: String) {
            cases[adult ? number % cases.count : 0]
        }

        /// 0 to 3 from the day of the month: readings move a little from visit to visit.
        let wobble: Int

        init(record: PatientRecord, number: Int, on day: CalendarDate) {
            id = record.id
            wobble = (Int(day.description.suffix(2)) ?? 0) % 4
            self.number = number
            age = CalendarDate(iso: record.dateOfBirth)?.age(on: day) ?? 30
            adult = age >= 18
        }

        /// The nurse's readings, varying from patient to patient (demo readings, not
        /// reference values); a child's colour is the nurse's, as no adult chart applies.
        var vitals: VitalsInput {
            guard adult else {
                return VitalsInput([
                    "systolic": "100", "diastolic": "65", "heart_rate": "100", "resp_rate": "22", "temperature": "36.8",
                    "spo2": "98", "weight": DemoHistory.childWeight(age).plainText,
                    "height": String(DemoHistory.childHeight(age)),
                    "mobility": "walking", "avpu": "alert", "trauma": "no", "discriminator": "g",
                    "discriminator_reason": "Well child, screening",
                ])
            }
            return VitalsInput([
                "systolic": String(112 + number * 11 % 60), "diastolic": String(70 + number * 7 % 28),
                "heart_rate": String(62 + number * 5 % 40), "resp_rate": String(14 + number % 6),
                "temperature": (36.4 + Double(number % 8) / 10).plainText, "spo2": String(95 + number % 5),
                "weight": String(58 + number * 13 % 50), "height": String(155 + number * 7 % 35),
                "glucose": visitCase.code == "E11.9" ? (7.5 + Double(number % 6)).plainText : "",
                "mobility": "walking", "avpu": "alert", "trauma": "no",
            ])
        }
    }

    /// A child's demo weight in kg by age: the APLS estimates ((2 × age) + 8 from 1 to 5
    /// years, (3 × age) + 7 from 6 to 12), a newborn's 3.5 kg, and teenagers growing from
    /// 45 kg at 13. Demo readings, not reference values.
    static func childWeight(_ age: Int) -> Double {
        switch age {
        case ..<1: 3.5
        case 1...5: Double(2 * age + 8)
        case 6...12: Double(3 * age + 7)
        default: Double(45 + 4 * (age - 13))
        }
    }

    /// A child's demo height in cm by age: 50 at birth, 75 at one, then Weech's estimate
    /// (6 × age) + 77 to 12, and teenagers growing from 155 at 13. Demo readings only.
    static func childHeight(_ age: Int) -> Int {
        switch age {
        case ..<1: 50
        case 1: 75
        case 2...12: 6 * age + 77
        default: 155 + 3 * (age - 13)
        }
    }

    /// One visit from check-in at `start` on, by the clerk, nurse and doctor in `staff`, as far
    /// as stage `last` (closed, or left waiting in consultation or nursing).
    private func visit(_ patient: Regular, at start: Date, upTo last: VisitStage, _ staff: [Actor]) throws {
        let clock = ManualClock(start)
        let (clerk, nurse, doctor) = (staff[0], staff[1], staff[2])
        let visits = VisitService(database: database, clock: clock)
        let visitCase = patient.visitCase
        try recordChronic(visitCase.code, of: patient.id, clock: clock)
        let visit = try visits.checkIn(patientId: patient.id, reason: visitCase.reason, by: clerk)
        guard last != .nursing else { return }
        clock.advance(10 * 60)
        _ = try visits.take(visitId: visit.id, stage: .nursing, by: nurse)
        _ = try visits.recordVitals(visitId: visit.id, input: patient.vitals, by: nurse)
        if let screen = patient.screening {
            try ScreeningService(database: database, clock: clock).record(visitId: visit.id, input: screen, by: nurse)
        }
        if let test = patient.hivTest(on: CalendarDate(clock.now())) {
            // Only a demo with the sample stock has kits to test with: without, no test is made.
            _ = try? HTSService(database: database, clock: clock).record(visitId: visit.id, input: test, by: nurse)
        }
        _ = try visits.perform(.completeNursing, visitId: visit.id, by: nurse)
        guard last != .consultation else { return }
        clock.advance(15 * 60)
        try consult(visit.id, visitCase, clock: clock, doctor: doctor)
        clock.advance(5 * 60)
        _ = try visits.take(visitId: visit.id, stage: .closure, by: clerk)
        if visitCase.medicine != nil {
            _ = try? StockService(database: database, clock: clock).dispense(visitId: visit.id, by: nurse)
        }
        _ = try visits.perform(.close(outcome: "Treated"), visitId: visit.id, by: clerk)
    }

    /// A chronic condition seen at a visit is on the patient's record with its medicine.
    private func recordChronic(_ code: String, of patientId: String, clock: ManualClock) throws {
        guard let chronic = DemoPatients.conditions.first(where: { $0.code == code }) else { return }
        let patients = PatientService(database: database, clock: clock)
        let shell = Actor.shell(name: "demo")
        _ = try? patients.addBackground(.condition, text: chronic.condition, to: patientId, by: shell)
        _ = try? patients.addBackground(.medication, text: chronic.medicine, to: patientId, by: shell)
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

    /// A stop today (the day's visits are at it) and on the weekdays of the next two weeks,
    /// alternating between the places, with a few bookings each.
    private func planAhead(from today: CalendarDate, patients: [String], schedule: ScheduleService, admin: Actor) throws {
        let truck = try SettingsRepository(database: database).load().siteCode
        let appointments = AppointmentService(database: database, clock: clock)
        var booked = 0
        for ahead in 0...14 {
            let day = today.adding(days: ahead)
            guard ahead == 0 || (2...6).contains(day.weekday) else { continue }
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

extension DemoHistory.Regular {
    /// A wellness-day screen after an adult's vitals, varying from patient to patient (demo
    /// answers, not reference values): some raised cholesterol and waists, one presumptive
    /// TB with its sputum sent, one positive PHQ-2 going on to the PHQ-9 (without item 9,
    /// which would send the visit to counselling).
    var screening: ScreeningInput? {
        guard adult else { return nil }
        let cough = number == 13
        let low = number != 17
        var values = [
            "glucose": (visitCase.code == "E11.9" ? 7.5 + Double(number % 6) : Double(48 + number % 5 * 6) / 10).plainText,
            "fasting": "n",
            "cholesterol": (3.9 + Double(number * 3 % 25 + wobble * 2) / 10).plainText,
            "waist": String(78 + number * 5 % 40 + wobble),
            "cough": cough ? "y" : "n", "fever": "n", "night_sweats": cough ? "y" : "n", "weight_loss": "n",
            "sputum_to": cough ? "NHLS Polokwane" : "",
            "phq1": low ? String(number % 3 == 0 ? 1 : 0) : "2", "phq2": low ? String(number % 4 == 0 ? 1 : 0) : "2",
            "audit1": String(number % 4), "audit2": String(number % 3), "audit3": number % 5 == 0 ? "1" : "0",
        ]
        if !low { for item in 3...9 { values["phq\(item)"] = item == 9 ? "0" : "1" } }
        return ScreeningInput(values)
    }
}

extension DemoHistory.Regular {
    /// An HIV test on some adults' visits (demo answers, not advice): most negative with a
    /// retest in a year, one positive referred for ART, one declined.
    func hivTest(on day: CalendarDate) -> HTSInput? {
        guard adult, [9, 11].contains(number) || (number + day.dayNumber) % 5 == 0 else { return nil }
        var values = ["consent": "y", "test1": "n", "post_test": "y", "retest": day.adding(days: 365).description]
        if number == 11 {
            values = [
                "consent": "y", "test1": "r", "test2": "r", "post_test": "y", "linkage": "r",
                "linkage_to": "Seshego Clinic", "linkage_date": day.adding(days: 7).description,
            ]
        } else if number == 9 {
            values = ["consent": "n"]
        }
        return HTSInput(values)
    }
}
