import ClinicDomain
package import ClinicStore
import Foundation
internal import GRDB

/// What the screening form needs of its visit: the member it reads against and what this
/// visit already has recorded (to show and to prefill).
public struct ScreeningSheet: Equatable, Sendable {
    public let member: ScreeningInput.Member
    public let recorded: [ScreeningOutcome]
    /// The form's values as last recorded in this visit, by field id.
    public let values: [String: String]
    /// A result made the visit urgent (thoughts of self-harm): it goes to counselling today.
    public let urgent: Bool
}

/// The screening day's tests for a visit in nursing or counselling: read with
/// `ScreeningInput`, stored one row per test (a test done again replaces its row), audited
/// by the tests' names only, and the patient's history of them.
public struct ScreeningService: Sendable {
    let database: ClinicDatabase
    let clock: any Clock

    package init(database: ClinicDatabase, clock: any Clock = SystemClock()) {
        self.database = database
        self.clock = clock
    }

    /// The stages a screen may be recorded in.
    static let stages: Set<VisitStage> = [.nursing, .counselling]
    /// The results read off the vitals rather than typed on the form.
    static let fromVitals: Set<ScreeningTest> = [.bloodPressure, .bmi]

    /// The member and the visit's results so far.
    public func sheet(visitId: String, by actor: Actor) throws -> ScreeningSheet {
        try actor.require(.vitalsWrite, or: .counsellingRead)
        let now = clock.now()
        return try database.pool.read { db in
            guard let visit = try VisitRepository.find(id: visitId, in: db),
                let patient = try PatientRepository.find(id: visit.patientId, in: db)
            else { throw VisitError.notFound }
            let member = ScreeningInput.Member(
                sex: patient.sex, ageYears: patient.age(on: CalendarDate(now)),
                vitals: try VisitRepository.vitals(of: visitId, in: db).last?.vitals)
            guard member.ageYears >= ScreeningInput.adultAge else { throw ScreeningError.adultsOnly }
            let records = try ScreeningRepository.results(of: visitId, in: db)
            return ScreeningSheet(
                member: member, recorded: records.map(\.outcome),
                values: ScreeningInput(
                    recorded: records.map(\.outcome), sputumTo: records.first { $0.test == .tb }?.sampleSentTo ?? ""
                ).values, urgent: records.contains(where: \.urgent))
        }
    }

    /// Records every section the form gives; nothing is written when any field is refused.
    @discardableResult
    public func record(visitId: String, input: ScreeningInput, by actor: Actor) throws -> ScreeningInput.Reading {
        try actor.require(.vitalsWrite, or: .counsellingWrite)
        let now = clock.now()
        return try database.pool.write { db in
            guard let visit = try VisitRepository.find(id: visitId, in: db),
                let patient = try PatientRepository.find(id: visit.patientId, in: db)
            else { throw VisitError.notFound }
            guard Self.stages.contains(visit.stage) else { throw VisitError.notInStage(.nursing) }
            let member = ScreeningInput.Member(
                sex: patient.sex, ageYears: patient.age(on: CalendarDate(now)),
                vitals: try VisitRepository.vitals(of: visitId, in: db).last?.vitals)
            guard member.ageYears >= ScreeningInput.adultAge else { throw ScreeningError.adultsOnly }
            let reading = input.read(for: member)
            guard reading.problems.isEmpty else { throw PatientError.invalid(FieldProblems(reading.problems)) }
            // BP and BMI come with the vitals: a form with nothing typed has nothing of its own to record.
            guard reading.outcomes.contains(where: { !Self.fromVitals.contains($0.test) }) else {
                throw ScreeningError.nothingToRecord
            }
            // Once thoughts of self-harm are recorded the visit stays urgent: a later answer
            // does not take the social worker off it.
            let wasUrgent = try ScreeningRepository.isUrgent(visitId: visitId, in: db)
            for outcome in reading.outcomes {
                try ScreeningRepository.save(
                    ScreeningRecord(
                        visitId: visitId, outcome: outcome, sampleSentTo: outcome.test == .tb ? input[.sputumTo] : "",
                        urgent: outcome.test == .phq9 && (reading.selfHarmRisk || wasUrgent), by: actor.auditName, at: now),
                    in: db)
            }
            // The audit row names the tests and whether any was raised, never the answers.
            let raised = reading.outcomes.filter { $0.finding == .raised }.map(\.test.rawValue)
            try AuditLog.append(
                actor: actor.auditName, action: .screeningRecord, patientID: visit.patientId,
                detail: "\(visitId): \(reading.outcomes.map(\.test.rawValue).joined(separator: ","))"
                    + (raised.isEmpty ? "" : "; raised \(raised.joined(separator: ","))"), at: now, in: db)
            return reading
        }
    }

    /// The patient's screening results, oldest first, with when and by whom, for roles that
    /// screen (the mood answers are sensitive).
    public func history(patientId: String, by actor: Actor) throws -> [ScreeningEntry] {
        try actor.require(.vitalsWrite, or: .counsellingRead)
        return try database.pool.read { db in
            try ScreeningRepository.results(ofPatient: patientId, in: db).map(ScreeningEntry.init)
        }
    }
}

/// One stored result as the record shows it.
public struct ScreeningEntry: Equatable, Sendable {
    public let visitId: String
    public let outcome: ScreeningOutcome
    public let sampleSentTo: String
    public let urgent: Bool
    public let recordedBy: String
    public let recordedAt: Date

    init(_ record: ScreeningRecord) {
        visitId = record.visitId
        outcome = record.outcome
        sampleSentTo = record.sampleSentTo
        urgent = record.urgent
        recordedBy = record.recordedBy
        recordedAt = record.recordedAt.date ?? .distantPast
    }
}

/// Why a screen was not recorded.
public enum ScreeningError: Error, Equatable, Sendable, CustomStringConvertible {
    case nothingToRecord
    case adultsOnly

    public var description: String {
        switch self {
        case .nothingToRecord: "Nothing to record yet: type a result, or answer a section's questions."
        case .adultsOnly:
            "The screening form's thresholds and questionnaires are for adults (18 and over): a child's measurements go in the vitals."
        }
    }
}
