import ClinicDomain
import Foundation
import GRDB

/// A visit row: its stage, triage colour and who has the patient now.
public struct VisitRecord: Codable, Equatable, Sendable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "visit"

    public var id: String
    public var patientId: String
    public var stage: VisitStage
    /// Reason for the visit / chief complaint.
    public var reason: String
    /// 0 red … 3 green; 4 while not yet triaged; -1 for a child waiting for the nurse to set a colour (`QueueRank`).
    public var colourRank: Int
    public var arrivedAt: Timestamp
    public var stageEnteredAt: Timestamp
    /// Username of the staff member who took the patient from the queue.
    public var takenBy: String?
    public var takenAt: Timestamp?
    public var endedAt: Timestamp?
    public var endReason: String?
    public var createdBy: String

    public init(id: String, patientId: String, reason: String, at date: Date, by user: String) {
        self.id = id
        self.patientId = patientId
        stage = .registration
        self.reason = reason
        colourRank = QueueRank.untriaged
        arrivedAt = Timestamp(date)
        stageEnteredAt = arrivedAt
        createdBy = user
    }

    /// The triage colour, nil while not triaged.
    public var colour: TriageColour? {
        QueueRank.colour(colourRank)
    }
}

extension VisitStage: DatabaseValueConvertible {}
extension TriageColour: DatabaseValueConvertible {}

/// One step of a visit's timeline.
public struct VisitEvent: Codable, Equatable, Sendable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "visitEvent"

    public var id: Int64?
    public var visitId: String
    public var at: Timestamp
    public var fromStage: VisitStage?
    public var toStage: VisitStage
    public var action: String
    public var actor: String
    public var reason: String?

    public init(visitId: String, at date: Date, from: VisitStage?, to: VisitStage, action: String, actor: String, reason: String?)
    {
        self.visitId = visitId
        at = Timestamp(date)
        fromStage = from
        toStage = to
        self.action = action
        self.actor = actor
        self.reason = reason
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// One recorded set of vital signs with the triage it gave.
public struct VitalsRecord: Codable, Equatable, Sendable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "vitalsSet"

    public var id: Int64?
    public var visitId: String
    public var recordedAt: Timestamp
    public var recordedBy: String
    public var vitals: Vitals
    public var isFull: Bool
    public var score: Int?
    public var colour: TriageColour?
    public var discriminator: TriageColour?
    public var discriminatorReason: String?
    public var note: String

    public init(
        visitId: String, at date: Date, by user: String, vitals: Vitals, triage: Triage,
        discriminatorReason: String?, note: String
    ) {
        self.visitId = visitId
        recordedAt = Timestamp(date)
        recordedBy = user
        self.vitals = vitals
        isFull = vitals.isFullSet
        score = triage.score
        colour = triage.colour
        discriminator = triage.discriminator
        self.discriminatorReason = discriminatorReason
        self.note = note
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// A queue row: the visit with what the queue shows of its patient.
public struct QueueEntry: Equatable, Sendable, FetchableRecord, Decodable {
    public var visitId: String
    public var patientId: String
    public var folderNumber: String
    public var surname: String
    public var firstNames: String
    public var sex: Sex
    public var dateOfBirth: String
    public var reason: String
    public var colourRank: Int
    public var stageEnteredAt: Timestamp
    public var takenBy: String?
    /// Whether a screening result made the visit urgent (self-harm risk on the PHQ-9).
    public var urgent: Bool

    public var colour: TriageColour? {
        QueueRank.colour(colourRank)
    }
}

/// Reads and writes visits inside the caller's transaction.
public enum VisitRepository {
    public static func insert(_ visit: VisitRecord, in db: Database) throws { try visit.insert(db) }
    public static func update(_ visit: VisitRecord, in db: Database) throws { try visit.update(db) }

    public static func find(id: String, in db: Database) throws -> VisitRecord? { try VisitRecord.fetchOne(db, key: id) }

    /// The patient's open visit, if any (at most one).
    public static func openVisit(of patientId: String, in db: Database) throws -> VisitRecord? {
        try VisitRecord.filter(
            VisitRecord.Columns.patientId == patientId && !["closed", "cancelled"].contains(VisitRecord.Columns.stage)
        ).fetchOne(db)
    }

    /// A stage's queue: most urgent colour first, then visits a screening made urgent, then
    /// longest waiting in this stage. In counselling, the social worker's queue, the urgent
    /// ones come first whatever their colour.
    public static func queue(_ stage: VisitStage, in db: Database) throws -> [QueueEntry] {
        try QueueEntry.fetchAll(
            db,
            sql: """
                SELECT v.id AS visitId, v.patientId, p.folderNumber, p.surname, p.firstNames, p.sex, p.dateOfBirth,
                       v.reason, v.colourRank, v.stageEnteredAt, v.takenBy,
                       EXISTS (SELECT 1 FROM screeningResult s WHERE s.visitId = v.id AND s.urgent) AS urgent
                FROM visit v JOIN patient p ON p.id = v.patientId
                WHERE v.stage = ?
                ORDER BY (v.stage = 'counselling' AND urgent) DESC, v.colourRank, urgent DESC, v.stageEnteredAt
                """, arguments: [stage])
    }

    public static func addEvent(_ event: VisitEvent, in db: Database) throws {
        var event = event
        try event.insert(db)
    }

    public static func events(of visitId: String, in db: Database) throws -> [VisitEvent] {
        try VisitEvent.filter(VisitEvent.Columns.visitId == visitId).order(VisitEvent.Columns.id).fetchAll(db)
    }

    public static func addVitals(_ record: VitalsRecord, in db: Database) throws -> VitalsRecord {
        var record = record
        try record.insert(db)
        return record
    }

    public static func vitals(of visitId: String, in db: Database) throws -> [VitalsRecord] {
        try VitalsRecord.filter(VitalsRecord.Columns.visitId == visitId).order(VitalsRecord.Columns.id).fetchAll(db)
    }

    /// Every vitals set of the patient's visits, oldest first.
    public static func vitals(ofPatient patientId: String, in db: Database) throws -> [VitalsRecord] {
        try VitalsRecord.fetchAll(
            db,
            sql: """
                SELECT s.* FROM vitalsSet s JOIN visit v ON v.id = s.visitId WHERE v.patientId = ? ORDER BY s.recordedAt, s.id
                """, arguments: [patientId])
    }

    /// The patient's visits, newest first.
    public static func visits(of patientId: String, in db: Database) throws -> [VisitRecord] {
        try VisitRecord.filter(VisitRecord.Columns.patientId == patientId).order(VisitRecord.Columns.arrivedAt.desc).fetchAll(db)
    }

    /// A number that changes whenever any process commits a change: every change is audited,
    /// so the newest audit row id serves as a cross-process change counter.
    public static func changeToken(in db: Database) throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT max(id) FROM auditEntry") ?? 0
    }
}

extension VisitRecord {
    /// The columns queries name, from the record's own coding keys.
    public enum Columns {
        public static let arrivedAt = Column(CodingKeys.arrivedAt)
        public static let patientId = Column(CodingKeys.patientId)
        public static let stage = Column(CodingKeys.stage)
    }
}

extension VisitEvent {
    /// The columns queries name, from the record's own coding keys.
    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let visitId = Column(CodingKeys.visitId)
    }
}

extension VitalsRecord {
    /// The columns queries name, from the record's own coding keys.
    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let visitId = Column(CodingKeys.visitId)
    }
}
