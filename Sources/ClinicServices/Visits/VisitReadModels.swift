import ClinicDomain
package import ClinicStore
import Foundation

/// A visit as its screens show it: where it is, its colour and who has the patient.
public struct VisitCard: Equatable, Sendable {
    public let id: String
    public let patientId: String
    public let stage: VisitStage
    /// Reason for the visit / chief complaint.
    public let reason: String
    /// The triage colour, nil while not triaged.
    public let colour: TriageColour?
    public let arrivedAt: Date
    public let stageEnteredAt: Date
    /// Username of the staff member who took the patient from the queue.
    public let takenBy: String?
    public let endedAt: Date?
    public let endReason: String?

    package init(_ record: VisitRecord) {
        id = record.id
        patientId = record.patientId
        stage = record.stage
        reason = record.reason
        colour = record.colour
        arrivedAt = record.arrivedAt.date ?? .distantPast
        stageEnteredAt = record.stageEnteredAt.date ?? arrivedAt
        takenBy = record.takenBy
        endedAt = record.endedAt?.date
        endReason = record.endReason
    }
}

/// One step of a visit's timeline.
public struct VisitStep: Equatable, Sendable {
    public let at: Date
    public let fromStage: VisitStage?
    public let toStage: VisitStage
    public let action: String
    public let actor: String
    public let reason: String?

    package init(_ event: VisitEvent) {
        at = event.at.date ?? .distantPast
        fromStage = event.fromStage
        toStage = event.toStage
        action = event.action
        actor = event.actor
        reason = event.reason
    }
}

/// One recorded set of vital signs with the triage it gave.
public struct VitalsReading: Equatable, Sendable {
    public let id: Int64
    public let recordedAt: Date
    public let recordedBy: String
    public let vitals: Vitals
    public let isFull: Bool
    public let score: Int?
    public let colour: TriageColour?
    public let discriminator: TriageColour?
    public let discriminatorReason: String?
    public let note: String

    package init(_ record: VitalsRecord) {
        id = record.id ?? 0
        recordedAt = record.recordedAt.date ?? .distantPast
        recordedBy = record.recordedBy
        vitals = record.vitals
        isFull = record.isFull
        score = record.score
        colour = record.colour
        discriminator = record.discriminator
        discriminatorReason = record.discriminatorReason
        note = record.note
    }
}

/// One line of a stage's queue: the visit with what the queue shows of its patient.
public struct QueueRow: Equatable, Sendable {
    public let visitId: String
    public let patientId: String
    public let folderNumber: String
    public let surname: String
    public let firstNames: String
    public let sex: Sex
    public let dateOfBirth: CalendarDate?
    public let reason: String
    /// The triage colour, nil while not triaged.
    public let colour: TriageColour?
    public let stageEnteredAt: Date
    public let takenBy: String?
    /// Whether a screening made the visit urgent (thoughts of self-harm).
    public let urgent: Bool

    package init(_ entry: QueueEntry) {
        visitId = entry.visitId
        patientId = entry.patientId
        folderNumber = entry.folderNumber
        surname = entry.surname
        firstNames = entry.firstNames
        sex = entry.sex
        dateOfBirth = CalendarDate(iso: entry.dateOfBirth)
        reason = entry.reason
        colour = entry.colour
        stageEnteredAt = entry.stageEnteredAt.date ?? .distantPast
        takenBy = entry.takenBy
        urgent = entry.urgent
    }
}

/// One past or open visit of a patient with its timeline, for the record's history.
public struct VisitHistoryEntry: Equatable, Sendable {
    public let visit: VisitCard
    public let steps: [VisitStep]
}

/// One visit of today as the Today board shows it: who, where in the day, with whom.
public struct TodayRow: Equatable, Sendable {
    public let visitId: String
    public let patientId: String
    public let folderNumber: String
    /// "NDLOVU, Sipho".
    public let name: String
    public let stage: VisitStage
    public let reason: String
    /// The triage colour, nil while not triaged.
    public let colour: TriageColour?
    public let arrivedAt: Date
    public let stageEnteredAt: Date
    /// Username of the staff member who has the patient now, nil while waiting.
    public let takenBy: String?

    package init(_ entry: DayEntry) {
        visitId = entry.visitId
        patientId = entry.patientId
        folderNumber = entry.folderNumber
        name = "\(entry.surname.uppercased()), \(entry.firstNames)"
        stage = entry.stage
        reason = entry.reason
        colour = entry.colour
        arrivedAt = entry.arrivedAt.date ?? .distantPast
        stageEnteredAt = entry.stageEnteredAt.date ?? arrivedAt
        takenBy = entry.takenBy
    }
}
