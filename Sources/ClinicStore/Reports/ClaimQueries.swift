import ClinicDomain
import Foundation
import GRDB

/// Reads what the claims export needs and keeps its watermark.
public enum ClaimQueries {
    private static let closedSince = "SELECT id FROM visit WHERE stage = 'closed' AND arrivedAt >= ?"

    /// Closed visits that arrived from `since` on, oldest first; already exported ones only
    /// when `includeExported`.
    public static func visits(since: Date, siteName: String, includeExported: Bool, in db: Database) throws -> [ClaimVisit] {
        try ClaimVisit.fetchAll(
            db,
            sql: """
                SELECT v.id AS visitId, p.folderNumber, p.membershipNumber, p.dependantCode,
                       \(VisitPlace.day("v.arrivedAt")) AS serviceDate, \(VisitPlace.site("v")) AS site, c.exportedAt
                FROM visit v JOIN patient p ON p.id = v.patientId LEFT JOIN claimExport c ON c.visitId = v.id
                WHERE v.stage = 'closed' AND v.arrivedAt >= ? AND (? OR c.visitId IS NULL)
                ORDER BY v.arrivedAt, v.id
                """, arguments: [siteName, Timestamp.string(since), includeExported])
    }

    /// ICD-10 codes of the closed visits from `since` on, per visit, primary first.
    public static func diagnoses(since: Date, in db: Database) throws -> [String: [String]] {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT visitId, code FROM diagnosis WHERE visitId IN (\(closedSince))
                ORDER BY visitId, isPrimary DESC, id
                """, arguments: [Timestamp.string(since)])
        return Dictionary(grouping: rows, by: { $0["visitId"] as String }).mapValues { $0.map { $0["code"] } }
    }

    /// Medicines dispensed at the closed visits from `since` on, per visit, by item code.
    public static func dispensed(since: Date, in db: Database) throws -> [String: [DispensedItem]] {
        let items = try DispensedItem.fetchAll(
            db,
            sql: """
                SELECT m.visitId, b.itemCode, COALESCE(s.nappi, '') AS nappi,
                       COALESCE(f.genericName || ' ' || f.strength || ' ' || f.form, b.itemCode) AS description,
                       -sum(m.quantity) AS quantity
                FROM movement m JOIN batch b ON b.id = m.batchId LEFT JOIN stockItem s ON s.code = b.itemCode
                LEFT JOIN formularyItem f ON f.code = b.itemCode
                WHERE m.kind = 'dispense' AND m.visitId IN (\(closedSince))
                GROUP BY m.visitId, b.itemCode ORDER BY m.visitId, b.itemCode
                """, arguments: [Timestamp.string(since)])
        return Dictionary(grouping: items, by: \.visitId)
    }

    /// The screening tests of those visits by visit, in test order: each result's test, and
    /// `hiv` for an HIV test done (consent given; never its result).
    public static func screening(since: Date, in db: Database) throws -> [String: [String]] {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT visitId, test FROM screeningResult WHERE visitId IN (\(closedSince))
                UNION ALL
                SELECT visitId, 'hiv' FROM hivTest WHERE consent = 'given' AND visitId IN (\(closedSince))
                ORDER BY visitId
                """, arguments: [Timestamp.string(since), Timestamp.string(since)])
        return Dictionary(grouping: rows, by: { $0["visitId"] as String }).mapValues { $0.map { $0["test"] } }
    }

    /// Records that `visitIds` went out in `file`; visits exported before keep their first record.
    public static func markExported(_ visitIds: [String], file: String, actor: String, at date: Date, in db: Database) throws {
        let statement = try db.makeStatement(
            sql: """
                INSERT INTO claimExport(visitId, exportedAt, file, actor) VALUES (?, ?, ?, ?) ON CONFLICT(visitId) DO NOTHING
                """)
        for id in visitIds { try statement.execute(arguments: [id, Timestamp.string(date), file, actor]) }
    }
}

extension ClaimVisit: FetchableRecord {}
extension DispensedItem: FetchableRecord {}
