import ClinicDomain
package import ClinicStore
import Foundation
internal import GRDB

/// Why a visit operation was refused, phrased for the screen.
public enum VisitError: Error, Equatable, Sendable, CustomStringConvertible {
    case workflow(WorkflowError)
    case alreadyOpen(stage: VisitStage)
    case inactivePatient
    case reasonRequired
    case notFound
    case takenByOther(String)
    case invalidVitals(FieldProblems)
    case notInStage(VisitStage)

    public var description: String {
        switch self {
        case .workflow(let error): error.description
        case .alreadyOpen(let stage): "This patient already has an open visit (in \(stage.rawValue))."
        case .inactivePatient: "This record is deactivated; reactivate it before starting a visit."
        case .reasonRequired: "Type the reason for the visit."
        case .notFound: "No such visit."
        case .takenByOther(let user): "\(user) is already seeing this patient."
        case .invalidVitals(let problems): problems.description
        case .notInStage(let stage): "The visit is no longer in \(stage.rawValue)."
        }
    }
}

/// Everything about one visit that its screens show.
public struct VisitFile: Equatable, Sendable {
    public let visit: VisitCard
    public let patient: PatientCard
    public let vitals: [VitalsReading]
    public let events: [VisitStep]
    public let background: [BackgroundEntry]
}

/// The visit workflow as use cases: each checks the role, applies the pure `Workflow`,
/// writes and audits in one transaction.
public struct VisitService: Sendable {
    let database: ClinicDatabase
    let clock: any Clock

    package init(database: ClinicDatabase, clock: any Clock = SystemClock()) {
        self.database = database
        self.clock = clock
    }

    /// Starts a visit at registration with the reason for the visit and completes the
    /// registration stage, putting the patient in the nursing queue.
    public func checkIn(patientId: String, reason: String, by actor: Actor) throws -> VisitCard {
        try actor.require(.visitStart)
        let now = clock.now()
        return VisitCard(
            try database.pool.write {
                try Self.start(patientId: patientId, reason: reason, by: actor, at: now, in: $0)
            })
    }

    /// Starts a visit inside the caller's transaction: registration, then straight on to
    /// the nursing queue. The patient must be active and have no open visit. A booking of the
    /// patient's for that day still open (booked or no-show) is checked in with it, so a walk-in
    /// never leaves a booking to be marked a no-show later.
    static func start(patientId: String, reason: String, by actor: Actor, at now: Date, in db: Database) throws -> VisitRecord {
        let reason = reason.trimmingCharacters(in: .whitespaces)
        guard !reason.isEmpty else { throw VisitError.reasonRequired }
        guard let patient = try PatientRepository.find(id: patientId, in: db) else { throw PatientError.notFound(patientId) }
        guard patient.active else { throw VisitError.inactivePatient }
        if let open = try VisitRepository.openVisit(of: patientId, in: db) { throw VisitError.alreadyOpen(stage: open.stage) }
        var visit = VisitRecord(
            id: UUID().uuidString.lowercased(), patientId: patientId, reason: reason, at: now,
            by: actor.auditName)
        try VisitRepository.insert(visit, in: db)
        try VisitRepository.addEvent(
            VisitEvent(
                visitId: visit.id, at: now, from: nil, to: .registration, action: "start",
                actor: actor.auditName, reason: reason), in: db)
        try AuditLog.append(actor: actor.auditName, action: .visitStart, patientID: patientId, detail: reason, at: now, in: db)
        visit = try VisitTransitions.apply(.completeRegistration, to: visit, actor: actor, at: now, in: db)
        try AppointmentService.linkBookings(ofDay: now, to: visit, by: actor, in: db)
        return visit
    }

    /// The queue of `stage`: most urgent colour first, then longest waiting.
    public func queue(_ stage: VisitStage, by actor: Actor) throws -> [QueueRow] {
        try actor.require(.patientRead)
        return try database.pool.read { try VisitRepository.queue(stage, in: $0) }.map(QueueRow.init)
    }

    /// Changes whenever any terminal commits a change; queues poll it to refresh.
    public func changeToken() throws -> Int64 {
        try database.pool.read { try VisitRepository.changeToken(in: $0) }
    }

    /// Takes the patient from the queue so that nobody else takes them; opening the visit
    /// is audited as a view of the patient.
    public func take(visitId: String, stage: VisitStage, by actor: Actor) throws -> VisitFile {
        try actor.require(.patientRead)
        let now = clock.now()
        return try database.pool.write { db in
            guard var visit = try VisitRepository.find(id: visitId, in: db) else { throw VisitError.notFound }
            guard visit.stage == stage else { throw VisitError.notInStage(stage) }
            if let holder = visit.takenBy, holder != actor.auditName { throw VisitError.takenByOther(holder) }
            if visit.takenBy == nil {
                visit.takenBy = actor.auditName
                visit.takenAt = Timestamp(now)
                try VisitRepository.update(visit, in: db)
            }
            try AuditLog.append(
                actor: actor.auditName, action: .visitTake, patientID: visit.patientId,
                detail: "\(stage.rawValue) \(visit.id)", at: now, in: db)
            return try file(visit, in: db)
        }
    }

    /// Puts the patient back in the queue for someone else.
    public func release(visitId: String, by actor: Actor) throws {
        try database.pool.write { db in
            guard var visit = try VisitRepository.find(id: visitId, in: db), visit.takenBy == actor.auditName else { return }
            visit.takenBy = nil
            visit.takenAt = nil
            try VisitRepository.update(visit, in: db)
            _ = try AuditLog.append(
                actor: actor.auditName, action: .visitRelease, patientID: visit.patientId,
                detail: visit.id, at: clock.now(), in: db)
        }
    }

    /// Records a vitals set with its triage; the visit takes the new colour (a partial
    /// set's floor colour). Very low values are refused until the input confirms them.
    public func recordVitals(visitId: String, input: VitalsInput, by actor: Actor) throws -> VitalsReading {
        try actor.require(.vitalsWrite)
        let now = clock.now()
        return try database.pool.write { db in
            guard var visit = try VisitRepository.find(id: visitId, in: db) else { throw VisitError.notFound }
            guard visit.stage.isOpen else { throw VisitError.workflow(.finished(visit.stage)) }
            guard let patient = try PatientRepository.find(id: visit.patientId, in: db) else { throw VisitError.notFound }
            let reading = input.read(ageYears: patient.age(on: CalendarDate(now)))
            let refused = reading.problems + reading.toConfirm
            guard refused.isEmpty else { throw VisitError.invalidVitals(FieldProblems(refused)) }
            let triage = reading.triage
            let record = try VisitRepository.addVitals(
                VitalsRecord(
                    visitId: visitId, at: now, by: actor.auditName, vitals: reading.vitals, triage: triage,
                    discriminatorReason: input[.discriminatorReason].isEmpty
                        ? reading.emergencySign : input[.discriminatorReason],
                    note: input[.note]), in: db)
            if let colour = triage.colour {
                visit.colourRank = colour.rank
                try VisitRepository.update(visit, in: db)
            }
            let summary =
                triage.colour.map {
                    (triage.isFloor ? "at least " : "") + $0.rawValue + (triage.score.map { " TEWS \($0)" } ?? "")
                }
                ?? "not triaged"
            try AuditLog.append(
                actor: actor.auditName, action: .vitalsRecord, patientID: visit.patientId,
                detail: "\(visitId): \(summary)", at: now, in: db)
            return VitalsReading(record)
        }
    }

    /// Moves the visit on (or back, or cancels it) if the workflow allows it.
    public func perform(_ action: VisitAction, visitId: String, by actor: Actor) throws -> VisitCard {
        try actor.require(action.permission)  // before the visit is looked up, like every other action
        let now = clock.now()
        return VisitCard(
            try database.pool.write { db in
                guard let visit = try VisitRepository.find(id: visitId, in: db) else { throw VisitError.notFound }
                return try VisitTransitions.apply(action, to: visit, actor: actor, at: now, in: db)
            })
    }

    /// Throws what `perform(action)` would refuse now, writing nothing: a screen asks before
    /// it opens a form for the action's reason, so nobody types a reason for a refusal.
    public func check(_ action: VisitAction, visitId: String, by actor: Actor) throws {
        try actor.require(action.permission)
        try database.pool.read { db in
            guard let visit = try VisitRepository.find(id: visitId, in: db) else { throw VisitError.notFound }
            _ = try VisitTransitions.nextStage(action, of: visit, actor: actor, in: db)
        }
    }

    /// The visit with its patient, vitals and timeline.
    public func file(visitId: String, by actor: Actor) throws -> VisitFile {
        try actor.require(.patientRead)
        return try database.pool.read { db in
            guard let visit = try VisitRepository.find(id: visitId, in: db) else { throw VisitError.notFound }
            return try file(visit, in: db)
        }
    }

    /// A visit read back from the patient's record, whatever its stage; the opening is
    /// audited like the record's own (`visit.view`).
    public func open(visitId: String, by actor: Actor) throws -> VisitFile {
        try actor.require(.patientRead)
        let now = clock.now()
        return try database.pool.write { db in
            guard let visit = try VisitRepository.find(id: visitId, in: db) else { throw VisitError.notFound }
            try AuditLog.append(
                actor: actor.auditName, action: .visitView, patientID: visit.patientId, detail: visitId, at: now, in: db)
            return try file(visit, in: db)
        }
    }

    /// Every visit that started today (SAST), those still under way first in the order of
    /// the day's stages, then the ended ones; each group by arrival.
    public func today(by actor: Actor) throws -> [TodayRow] {
        try actor.require(.patientRead)
        let start = Timestamp(ReportPeriod.day(CalendarDate(clock.now())).instants.start)
        let rows = try database.pool.read { try VisitRepository.visits(since: start, in: $0) }.map(TodayRow.init)
        let order = VisitStage.allCases
        return rows.enumerated().sorted { a, b in
            let (x, y) = (order.firstIndex(of: a.element.stage) ?? 0, order.firstIndex(of: b.element.stage) ?? 0)
            return x != y ? x < y : a.offset < b.offset
        }.map(\.element)
    }

    /// A patient's visits, newest first, each with its timeline.
    public func history(patientId: String, by actor: Actor) throws -> [VisitHistoryEntry] {
        try actor.require(.patientRead)
        return try database.pool.read { db in
            try VisitRepository.visits(of: patientId, in: db).map {
                VisitHistoryEntry(visit: VisitCard($0), steps: try VisitRepository.events(of: $0.id, in: db).map(VisitStep.init))
            }
        }
    }

    /// Every vitals set the patient has had, oldest first, for trend lines.
    public func vitalsHistory(patientId: String, by actor: Actor) throws -> [VitalsReading] {
        try actor.require(.patientRead)
        return try database.pool.read { try VisitRepository.vitals(ofPatient: patientId, in: $0) }.map(VitalsReading.init)
    }

    private func file(_ visit: VisitRecord, in db: Database) throws -> VisitFile {
        guard let patient = try PatientRepository.find(id: visit.patientId, in: db) else { throw VisitError.notFound }
        return VisitFile(
            visit: VisitCard(visit), patient: PatientCard(patient),
            vitals: try VisitRepository.vitals(of: visit.id, in: db).map(VitalsReading.init),
            events: try VisitRepository.events(of: visit.id, in: db).map(VisitStep.init),
            background: try PatientRepository.background(of: patient.id, in: db).map(BackgroundEntry.init))
    }
}
