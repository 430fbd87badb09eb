import ClinicDomain
import Foundation
import GRDB

/// A confidential counselling session note. Only roles with `counselling.read` may see it;
/// the services enforce that, and no export includes it.
public struct CounsellingRecord: Codable, Equatable, Sendable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "counsellingNote"

    public var id: Int64?
    public var visitId: String
    public var sessionType: String
    public var notes: String
    public var outcome: String
    public var referral: String
    public var author: String
    public var at: Timestamp

    public init(
        visitId: String, sessionType: String, notes: String, outcome: String, referral: String,
        author: String, at date: Date
    ) {
        self.visitId = visitId
        self.sessionType = sessionType
        self.notes = notes
        self.outcome = outcome
        self.referral = referral
        self.author = author
        at = Timestamp(date)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    /// Whether the visit has a counselling session recorded (read without opening any note).
    public static func exists(of visitId: String, in db: Database) throws -> Bool {
        try filter(sql: "visitId = ?", arguments: [visitId]).fetchCount(db) > 0
    }

    public static func all(of visitId: String, in db: Database) throws -> [CounsellingRecord] {
        try CounsellingRecord.filter(CounsellingRecord.Columns.visitId == visitId).order(CounsellingRecord.Columns.id).fetchAll(
            db)
    }

    /// Every session of the patient's visits other than `visitId`, oldest first.
    public static func all(
        ofPatient patientId: String, except visitId: String, in db: Database
    ) throws
        -> [CounsellingRecord]
    {
        try CounsellingRecord.fetchAll(
            db,
            sql: """
                SELECT counsellingNote.* FROM counsellingNote JOIN visit ON visit.id = counsellingNote.visitId
                WHERE visit.patientId = ? AND counsellingNote.visitId <> ? ORDER BY counsellingNote.at, counsellingNote.id
                """, arguments: [patientId, visitId])
    }

    /// Whether the note's text is stored sealed (see `CounsellingCipher`).
    public var isSealed: Bool { CounsellingCipher.isSealed(notes) }

    /// The key id of the newest sealed note; nil when no note is sealed.
    public static func sealingKeyID(in db: Database) throws -> String? {
        let stored = try String.fetchOne(
            db, sql: "SELECT notes FROM counsellingNote WHERE notes LIKE ? ORDER BY id DESC LIMIT 1",
            arguments: ["\(CounsellingCipher.prefix)%"])
        return stored.map { String($0.dropFirst(CounsellingCipher.prefix.count).prefix { $0 != ":" }) }
    }

    /// Seals the notes written before notes were sealed, under `cipher`.
    public static func sealUnsealed(with cipher: CounsellingCipher, in db: Database) throws {
        let open = try CounsellingRecord.filter(!CounsellingRecord.Columns.notes.like("\(CounsellingCipher.prefix)%")).fetchAll(
            db)
        for record in open { try cipher.sealed(record).update(db) }
    }
}

extension CounsellingRecord {
    /// The columns queries name, from the record's own coding keys.
    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let notes = Column(CodingKeys.notes)
        public static let visitId = Column(CodingKeys.visitId)
    }
}
