import ClinicDomain
import Foundation
import GRDB

/// The stored SOAP note of a visit. A trigger refuses any change once `signedAt` is set.
public struct NoteRecord: Codable, Equatable, Sendable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "consultationNote"

    public var visitId: String
    public var subjective: String
    public var objective: String
    public var assessment: String
    public var plan: String
    public var signedBy: String?
    public var signedAt: Timestamp?
    public var updatedAt: Timestamp
    public var updatedBy: String

    public init(visitId: String, note: ConsultationNote, at date: Date, by user: String) {
        self.visitId = visitId
        subjective = note.subjective
        objective = note.objective
        assessment = note.assessment
        plan = note.plan
        signedBy = note.signedBy
        signedAt = note.signedAt.map(Timestamp.init)
        updatedAt = Timestamp(date)
        updatedBy = user
    }

    public var note: ConsultationNote {
        ConsultationNote(
            subjective: subjective, objective: objective, assessment: assessment, plan: plan,
            signedBy: signedBy, signedAt: signedAt?.date)
    }
}

/// A correction or addition to a signed note, with its author and time.
public struct AddendumRecord: Codable, Equatable, Sendable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "noteAddendum"

    public var id: Int64?
    public var visitId: String
    public var text: String
    public var author: String
    public var at: Timestamp

    public init(visitId: String, text: String, author: String, at date: Date) {
        self.visitId = visitId
        self.text = text
        self.author = author
        at = Timestamp(date)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// A diagnosis on a visit.
public struct DiagnosisRecord: Codable, Equatable, Sendable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "diagnosis"

    public var id: Int64?
    public var visitId: String
    public var code: String
    public var isPrimary: Bool
    public var addedBy: String
    public var addedAt: Timestamp

    public init(visitId: String, code: ICD10Code, isPrimary: Bool, by user: String, at date: Date) {
        self.visitId = visitId
        self.code = code.value
        self.isPrimary = isPrimary
        addedBy = user
        addedAt = Timestamp(date)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    public var diagnosis: Diagnosis? { ICD10Code(code).map { Diagnosis(code: $0, isPrimary: isPrimary) } }
}

/// Notes, addenda and diagnoses of visits, inside the caller's transaction.
public enum ConsultationRepository {
    public static func note(of visitId: String, in db: Database) throws -> NoteRecord? {
        try NoteRecord.fetchOne(db, key: visitId)
    }

    public static func save(_ note: NoteRecord, in db: Database) throws { try note.save(db) }

    public static func addenda(of visitId: String, in db: Database) throws -> [AddendumRecord] {
        try AddendumRecord.filter(AddendumRecord.Columns.visitId == visitId).order(AddendumRecord.Columns.id).fetchAll(db)
    }

    public static func addAddendum(_ addendum: AddendumRecord, in db: Database) throws {
        var addendum = addendum
        try addendum.insert(db)
    }

    public static func diagnoses(of visitId: String, in db: Database) throws -> [DiagnosisRecord] {
        try DiagnosisRecord.filter(DiagnosisRecord.Columns.visitId == visitId).order(
            DiagnosisRecord.Columns.isPrimary.desc, DiagnosisRecord.Columns.id
        ).fetchAll(db)
    }

    /// Adds a diagnosis; marking it primary makes it the only primary one.
    public static func addDiagnosis(_ diagnosis: DiagnosisRecord, in db: Database) throws {
        if diagnosis.isPrimary {
            try db.execute(sql: "UPDATE diagnosis SET isPrimary = 0 WHERE visitId = ?", arguments: [diagnosis.visitId])
        }
        var diagnosis = diagnosis
        try diagnosis.upsert(db)
    }

    /// Makes `code` the visit's only primary diagnosis.
    public static func setPrimary(visitId: String, code: String, in db: Database) throws {
        try db.execute(
            sql: "UPDATE diagnosis SET isPrimary = 0 WHERE visitId = ? AND isPrimary = 1 AND code <> ?",
            arguments: [visitId, code])
        try db.execute(sql: "UPDATE diagnosis SET isPrimary = 1 WHERE visitId = ? AND code = ?", arguments: [visitId, code])
    }

    public static func removeDiagnosis(visitId: String, code: String, in db: Database) throws {
        for id in try Int64.fetchAll(
            db, sql: "SELECT id FROM diagnosis WHERE visitId = ? AND code = ?", arguments: [visitId, code])
        {
            try Seals.unseal("diagnosis", key: String(id), in: db)
        }
        try db.execute(sql: "DELETE FROM diagnosis WHERE visitId = ? AND code = ?", arguments: [visitId, code])
    }
}

extension AddendumRecord {
    /// The columns queries name, from the record's own coding keys.
    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let visitId = Column(CodingKeys.visitId)
    }
}

extension DiagnosisRecord {
    /// The columns queries name, from the record's own coding keys.
    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let isPrimary = Column(CodingKeys.isPrimary)
        public static let visitId = Column(CodingKeys.visitId)
    }
}
