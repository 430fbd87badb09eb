import ClinicDomain
import Foundation
import GRDB

/// One screening test's stored result (`screeningResult`): at most one per test per visit.
public struct ScreeningRecord: Codable, Equatable, Sendable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "screeningResult"

    public var id: Int64?
    public var visitId: String
    public var test: ScreeningTest
    public var value: Double?
    public var value2: Double?
    public var detail: String
    public var finding: ScreenFinding
    public var meaning: String
    public var nextStep: String
    /// Where a sample went (the sputum of a presumptive TB screen); "" when none was sent.
    public var sampleSentTo: String
    /// The result puts the visit first in its queue (thoughts of self-harm).
    public var urgent: Bool
    public var recordedBy: String
    public var recordedAt: Timestamp

    public init(
        visitId: String, outcome: ScreeningOutcome, sampleSentTo: String = "", urgent: Bool = false, by user: String,
        at date: Date
    ) {
        self.visitId = visitId
        test = outcome.test
        value = outcome.value
        value2 = outcome.value2
        detail = outcome.detail
        finding = outcome.finding
        meaning = outcome.meaning
        nextStep = outcome.nextStep
        self.sampleSentTo = sampleSentTo
        self.urgent = urgent
        recordedBy = user
        recordedAt = Timestamp(date)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    /// The outcome as the domain knows it (the source is the test's own, not stored).
    public var outcome: ScreeningOutcome {
        ScreeningOutcome(
            test: test, value: value, value2: value2, detail: detail, finding: finding, meaning: meaning,
            nextStep: nextStep, source: "")
    }
}

extension ScreeningTest: DatabaseValueConvertible {}
extension ScreenFinding: DatabaseValueConvertible {}

/// Reads and writes screening results inside the caller's transaction.
public enum ScreeningRepository {
    /// Stores `record`, replacing the same test's earlier result in the same visit (its row
    /// is updated in place, so its key, its seal and its synced copy follow).
    @discardableResult
    public static func save(_ record: ScreeningRecord, in db: Database) throws -> ScreeningRecord {
        var record = record
        if let earlier = try ScreeningRecord.filter(sql: "visitId = ? AND test = ?", arguments: [record.visitId, record.test])
            .fetchOne(db)
        {
            record.id = earlier.id
            try record.update(db)
        } else {
            try record.insert(db)
        }
        return record
    }

    /// The visit's results in the order of `ScreeningTest`.
    public static func results(of visitId: String, in db: Database) throws -> [ScreeningRecord] {
        let rows = try ScreeningRecord.filter(sql: "visitId = ?", arguments: [visitId]).fetchAll(db)
        return ScreeningTest.allCases.compactMap { test in rows.first { $0.test == test } }
    }

    /// Every result of the patient's visits, oldest first: the record's history and trends.
    public static func results(ofPatient patientId: String, in db: Database) throws -> [ScreeningRecord] {
        try ScreeningRecord.fetchAll(
            db,
            sql: """
                SELECT s.* FROM screeningResult s JOIN visit v ON v.id = s.visitId
                WHERE v.patientId = ? ORDER BY s.recordedAt, s.id
                """, arguments: [patientId])
    }

    /// Whether a result of the visit is marked urgent (thoughts of self-harm).
    public static func isUrgent(visitId: String, in db: Database) throws -> Bool {
        try Bool.fetchOne(
            db, sql: "SELECT EXISTS (SELECT 1 FROM screeningResult WHERE visitId = ? AND urgent)", arguments: [visitId]) ?? false
    }
}
