import ClinicDomain
import Foundation
import GRDB

/// A visit's HIV testing (`hivTest`): at most one per visit, written once. Its result is
/// special personal information, read only through services that hold `screening.hiv.read`.
public struct HIVTestRecord: Codable, Equatable, Sendable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "hivTest"

    public var id: Int64?
    public var visitId: String
    public var consent: HTSConsent
    /// The rapid tests in the order done (stored as JSON).
    public var tests: [HIVKitTest]
    public var result: HIVResult?
    public var linkage: String
    public var linkageTo: String
    public var linkageDate: String?
    public var retestDate: String?
    public var labTo: String
    public var recordedBy: String
    public var recordedAt: Timestamp

    public init(
        visitId: String, reading: HTSInput.Reading, tests: [HIVKitTest], by user: String, at date: Date
    ) {
        self.visitId = visitId
        consent = reading.consent ?? .declined
        self.tests = tests
        result = reading.result
        linkage = reading.linkage?.rawValue ?? ""
        linkageTo = reading.linkageTo
        linkageDate = reading.linkageDate?.description
        retestDate = reading.retest?.description
        labTo = reading.labTo
        recordedBy = user
        recordedAt = Timestamp(date)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension HTSConsent: DatabaseValueConvertible {}
extension HIVResult: DatabaseValueConvertible {}

/// Reads and writes HIV tests inside the caller's transaction.
public enum HIVTestRepository {
    /// The visit's HIV test, if one was recorded.
    public static func test(of visitId: String, in db: Database) throws -> HIVTestRecord? {
        try HIVTestRecord.filter(sql: "visitId = ?", arguments: [visitId]).fetchOne(db)
    }

    /// Stores an HIV test: a new row, or in place of the row with its id (a decline the
    /// client took back), so its key, seal and synced copy follow.
    public static func save(_ record: HIVTestRecord, in db: Database) throws {
        var record = record
        if record.id == nil { try record.insert(db) } else { try record.update(db) }
    }

    /// One HIV test of the register with the patient and place it belongs to.
    public struct RegisterEntry: Sendable {
        public let test: HIVTestRecord
        public let folderNumber: String
        public let site: String
        public let day: String
    }

    /// Every HIV test of visits that arrived from `start` to `end`, oldest first, with the
    /// folder number, the site (`siteName` when at no known stop) and the SAST day.
    public static func register(from start: Date, to end: Date, siteName: String, in db: Database) throws -> [RegisterEntry] {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT h.*, p.folderNumber AS folder, \(VisitPlace.day("v.arrivedAt")) AS day, \(VisitPlace.site("v")) AS site
                FROM hivTest h JOIN visit v ON v.id = h.visitId JOIN patient p ON p.id = v.patientId
                WHERE v.arrivedAt >= ? AND v.arrivedAt < ? ORDER BY v.arrivedAt, h.id
                """, arguments: [siteName, Timestamp.string(start), Timestamp.string(end)])
        return try rows.map {
            RegisterEntry(test: try HIVTestRecord(row: $0), folderNumber: $0["folder"], site: $0["site"], day: $0["day"])
        }
    }

    /// The patient's HIV tests, oldest first.
    public static func tests(ofPatient patientId: String, in db: Database) throws -> [HIVTestRecord] {
        try HIVTestRecord.fetchAll(
            db,
            sql: """
                SELECT h.* FROM hivTest h JOIN visit v ON v.id = h.visitId
                WHERE v.patientId = ? ORDER BY h.recordedAt, h.id
                """, arguments: [patientId])
    }
}
