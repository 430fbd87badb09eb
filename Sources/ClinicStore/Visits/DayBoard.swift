import ClinicDomain
import GRDB

/// A visit of the day with who it is, for the Today board.
public struct DayEntry: Equatable, Sendable, FetchableRecord, Decodable {
    public var visitId: String
    public var patientId: String
    public var folderNumber: String
    public var surname: String
    public var firstNames: String
    public var stage: VisitStage
    public var reason: String
    public var colourRank: Int
    public var arrivedAt: Timestamp
    public var stageEnteredAt: Timestamp
    public var takenBy: String?

    public var colour: TriageColour? { QueueRank.colour(colourRank) }
}

extension VisitRepository {
    /// Every visit that started at or after `start`, in the order they arrived.
    public static func visits(since start: Timestamp, in db: Database) throws -> [DayEntry] {
        try DayEntry.fetchAll(
            db,
            sql: """
                SELECT v.id AS visitId, v.patientId, p.folderNumber, p.surname, p.firstNames, v.stage, v.reason,
                       v.colourRank, v.arrivedAt, v.stageEnteredAt, v.takenBy
                FROM visit v JOIN patient p ON p.id = v.patientId
                WHERE v.arrivedAt >= ? ORDER BY v.arrivedAt, v.id
                """, arguments: [start])
    }
}

extension PatientSearch {
    /// The patients with a visit that started at or after `start`, latest arrival first,
    /// with that visit as their last: who Find patient lists before anything is typed.
    public static func seen(since start: Timestamp, limit: Int = 50, in db: Database) throws -> [PatientSummary] {
        try PatientSummary.fetchAll(
            db,
            sql: """
                SELECT \(PatientSummary.columns.split(separator: ",").map { "p." + $0.trimmingCharacters(in: .whitespaces) }
                    .joined(separator: ", ")), max(v.arrivedAt) AS lastVisit
                FROM visit v JOIN patient p ON p.id = v.patientId
                WHERE v.arrivedAt >= ? GROUP BY p.id ORDER BY lastVisit DESC LIMIT ?
                """, arguments: [start, limit])
    }
}
