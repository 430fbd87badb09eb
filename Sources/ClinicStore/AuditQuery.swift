import ClinicDomain
import Foundation
import GRDB

/// Which audit rows to show: every condition given must hold.
public struct AuditFilter: Equatable, Sendable {
    /// Part of the acting user's name (`nurse`, `shell:`), case ignored.
    public var user: String?
    /// The patient's id.
    public var patientID: String?
    /// The action or its start (`visit.` for every visit action).
    public var action: String?
    /// UTC bounds: from (inclusive), to (exclusive).
    public var from: Date?
    public var to: Date?

    public init(user: String? = nil, patientID: String? = nil, action: String? = nil, from: Date? = nil, to: Date? = nil) {
        self.user = user
        self.patientID = patientID
        self.action = action
        self.from = from
        self.to = to
    }
}

/// An audit row with the patient's folder number, for display and CSV.
public struct AuditListing: Equatable, Sendable, FetchableRecord, Decodable {
    public var id: Int64
    public var at: Timestamp
    public var actor: String
    public var action: String
    public var folderNumber: String?
    public var detail: String
}

extension AuditLog {
    /// Rows matching `filter`, newest first, at most `limit` (nil: all).
    public static func search(_ filter: AuditFilter, limit: Int?, in db: Database) throws -> [AuditListing] {
        var conditions: [String] = []
        var arguments: [any DatabaseValueConvertible] = []
        if let user = filter.user, !user.isEmpty {
            conditions.append("instr(lower(a.actor), lower(?)) > 0")
            arguments.append(user)
        }
        if let patient = filter.patientID {
            conditions.append("a.patientID = ?")
            arguments.append(patient)
        }
        if let action = filter.action, !action.isEmpty {
            conditions.append("substr(a.action, 1, length(?)) = ?")
            arguments += [action, action]
        }
        if let from = filter.from {
            conditions.append("a.at >= ?")
            arguments.append(Timestamp.string(from))
        }
        if let to = filter.to {
            conditions.append("a.at < ?")
            arguments.append(Timestamp.string(to))
        }
        let sql = """
            SELECT a.id, a.at, a.actor, a.action, p.folderNumber, a.detail FROM auditEntry a
            LEFT JOIN patient p ON p.id = a.patientID
            \(conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "))
            ORDER BY a.id DESC \(limit.map { "LIMIT \($0)" } ?? "")
            """
        return try AuditListing.fetchAll(db, sql: sql, arguments: StatementArguments(arguments))
    }
}
