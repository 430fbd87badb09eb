import ClinicDomain
import Foundation
import GRDB

/// SQL shared by reports and exports: where a visit took place and on which SAST day.
public enum VisitPlace {
    /// The SAST day of a UTC timestamp column, as `YYYY-MM-DD`.
    public static func day(_ column: String) -> String { "date(\(column), '+2 hours')" }

    /// The place of visit `v`: the location of the route stop it was booked at, else of the
    /// stop held that day, else the truck's site name (bound as the one `?` argument).
    public static func site(_ visit: String) -> String {
        """
        COALESCE(
          (SELECT l.name FROM appointment a JOIN routeStop s ON s.id = a.stopId JOIN location l ON l.id = s.locationId
            WHERE a.visitId = \(visit).id LIMIT 1),
          (SELECT l.name FROM routeStop s JOIN location l ON l.id = s.locationId
            WHERE s.date = \(day("\(visit).arrivedAt")) ORDER BY s.opens, s.id LIMIT 1),
          ?)
        """
    }
}

/// The aggregate queries behind the daily and monthly reports.
public enum ReportQueries {
    /// Every figure for visits that arrived from `start` (inclusive) to `end` (exclusive),
    /// UTC timestamps, by day and site; stock used is counted by the day it was dispensed.
    /// `siteName` names visits held at no known stop. Screening counts results by test and
    /// finding (`screened` counts the visits screened); HIV tests count by result
    /// ('declined' without one) and positives linked to ART by how.
    public static func rows(from start: Date, to end: Date, siteName: String, in db: Database) throws -> [ReportRow] {
        let bounds = [Timestamp.string(start), Timestamp.string(end)]
        let visits = """
            SELECT v.*, \(VisitPlace.day("v.arrivedAt")) AS day, \(VisitPlace.site("v")) AS site
            FROM visit v WHERE v.arrivedAt >= ? AND v.arrivedAt < ?
            """
        let sql = """
            WITH rv AS (\(visits))
            SELECT day, site, 'visits' AS measure, '' AS code, '' AS description, count(*) AS count, NULL AS quantity
              FROM rv GROUP BY day, site
            UNION ALL
            SELECT day, site, stage, '', '', count(*), NULL FROM rv WHERE stage IN ('closed', 'cancelled') GROUP BY day, site, stage
            UNION ALL
            SELECT rv.day, rv.site, 'diagnosis', d.code, COALESCE(i.title, ''), count(*), NULL
              FROM rv JOIN diagnosis d ON d.visitId = rv.id LEFT JOIN icd10 i ON i.code = d.code
              GROUP BY rv.day, rv.site, d.code
            UNION ALL
            SELECT rv.day, rv.site, 'prescription', p.itemCode, min(p.description), count(*), sum(p.quantity)
              FROM rv JOIN prescription p ON p.visitId = rv.id GROUP BY rv.day, rv.site, p.itemCode
            UNION ALL
            SELECT rv.day, rv.site, 'referral', r.kind, '', count(*), NULL
              FROM rv JOIN referral r ON r.visitId = rv.id GROUP BY rv.day, rv.site, r.kind
            UNION ALL
            SELECT rv.day, rv.site, 'screened', '', '', count(DISTINCT rv.id), NULL
              FROM rv JOIN screeningResult s ON s.visitId = rv.id GROUP BY rv.day, rv.site
            UNION ALL
            SELECT rv.day, rv.site, 'screening', s.test, s.finding, count(*), NULL
              FROM rv JOIN screeningResult s ON s.visitId = rv.id GROUP BY rv.day, rv.site, s.test, s.finding
            UNION ALL
            SELECT rv.day, rv.site, 'hiv test', COALESCE(h.result, 'declined'), '', count(*), NULL
              FROM rv JOIN hivTest h ON h.visitId = rv.id GROUP BY rv.day, rv.site, h.result
            UNION ALL
            SELECT rv.day, rv.site, 'hiv linked', h.linkage, '', count(*), NULL
              FROM rv JOIN hivTest h ON h.visitId = rv.id WHERE h.result = 'positive' AND h.linkage != ''
              GROUP BY rv.day, rv.site, h.linkage
            UNION ALL
            SELECT \(VisitPlace.day("m.at")), \(VisitPlace.site("v")), 'stock used', b.itemCode,
                   COALESCE(f.genericName || ' ' || f.strength, ''), count(DISTINCT m.visitId), -sum(m.quantity)
              FROM movement m JOIN batch b ON b.id = m.batchId LEFT JOIN formularyItem f ON f.code = b.itemCode
              LEFT JOIN visit v ON v.id = m.visitId
              WHERE m.kind = 'dispense' AND m.at >= ? AND m.at < ?
              GROUP BY 1, 2, b.itemCode
            """
        let arguments = StatementArguments([siteName] + bounds + [siteName] + bounds)
        return try ReportRow.fetchAll(db, sql: sql, arguments: arguments)
    }
}

extension ReportRow: FetchableRecord {}
