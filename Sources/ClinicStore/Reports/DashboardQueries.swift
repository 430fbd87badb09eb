import ClinicDomain
import Foundation
import GRDB

/// A visit as the dashboard counts it.
public struct DashboardVisit: Equatable, Sendable, FetchableRecord, Decodable {
    public var stage: VisitStage
    public var colourRank: Int
    public var arrivedAt: Timestamp
    public var stageEnteredAt: Timestamp
    public var takenBy: String?
}

/// A stage change, for the time spent in each stage.
public struct StageStep: Equatable, Sendable, FetchableRecord, Decodable {
    public var visitId: String
    public var at: Timestamp
    public var fromStage: VisitStage?
}

/// The reads behind the live dashboard; bounds are UTC instants, start inclusive, end exclusive.
public enum DashboardQueries {
    /// Visits that arrived in the span, and every visit still open whenever it arrived.
    public static func visits(from start: Date, to end: Date, in db: Database) throws -> [DashboardVisit] {
        try DashboardVisit.fetchAll(
            db,
            sql: """
                SELECT stage, colourRank, arrivedAt, stageEnteredAt, takenBy FROM visit
                WHERE (arrivedAt >= ? AND arrivedAt < ?) OR stage NOT IN ('closed', 'cancelled')
                """, arguments: [Timestamp.string(start), Timestamp.string(end)])
    }

    /// Every step of the visits that changed stage in the span, with the step before it,
    /// in order per visit.
    public static func steps(from start: Date, to end: Date, in db: Database) throws -> [StageStep] {
        try StageStep.fetchAll(
            db,
            sql: """
                SELECT visitId, at, fromStage FROM visitEvent
                WHERE visitId IN (SELECT visitId FROM visitEvent WHERE at >= ? AND at < ?)
                ORDER BY visitId, id
                """, arguments: [Timestamp.string(start), Timestamp.string(end)])
    }

    /// The most frequent diagnoses made in the span, at most `limit`.
    public static func topDiagnoses(from start: Date, to end: Date, limit: Int, in db: Database) throws -> [DiagnosisCount] {
        try DiagnosisCount.fetchAll(
            db,
            sql: """
                SELECT d.code, COALESCE(i.title, '') AS title, count(*) AS count
                FROM diagnosis d LEFT JOIN icd10 i ON i.code = d.code
                WHERE d.addedAt >= ? AND d.addedAt < ? GROUP BY d.code ORDER BY count DESC, d.code LIMIT ?
                """, arguments: [Timestamp.string(start), Timestamp.string(end), limit])
    }

    /// Visits that arrived in the span, per SAST day (`YYYY-MM-DD`); days without visits are absent.
    public static func visitsPerDay(from start: Date, to end: Date, in db: Database) throws -> [String: Int] {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT \(VisitPlace.day("arrivedAt")) AS day, count(*) AS count FROM visit
                WHERE arrivedAt >= ? AND arrivedAt < ? GROUP BY day
                """, arguments: [Timestamp.string(start), Timestamp.string(end)])
        return Dictionary(uniqueKeysWithValues: rows.map { ($0["day"], $0["count"]) })
    }

    /// Appointments in the span marked as no-shows.
    public static func noShows(from start: Date, to end: Date, in db: Database) throws -> Int {
        try Int.fetchOne(
            db, sql: "SELECT count(*) FROM appointment WHERE status = 'no-show' AND startsAt >= ? AND startsAt < ?",
            arguments: [Timestamp.string(start), Timestamp.string(end)]) ?? 0
    }
}

extension DiagnosisCount: FetchableRecord {}
