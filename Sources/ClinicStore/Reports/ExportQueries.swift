import ClinicDomain
import Foundation
import GRDB

/// Streams the records of visits that arrived from a given instant on, for exports that
/// must not hold a hundred thousand visits in memory. Each row comes with its patient's id.
public enum ExportQueries {
    private static func visitsSince(_ alias: String) -> String {
        "JOIN visit v ON v.id = \(alias).visitId WHERE v.arrivedAt >= ?"
    }

    /// The patients of those visits, each once.
    public static func patients(since: Date, in db: Database, _ body: (PatientRecord) throws -> Void) throws {
        let cursor = try PatientRecord.fetchCursor(
            db,
            sql: """
                SELECT * FROM patient WHERE id IN (SELECT patientId FROM visit WHERE arrivedAt >= ?) ORDER BY folderNumber
                """, arguments: [Timestamp.string(since)])
        while let patient = try cursor.next() { try body(patient) }
    }

    /// The visits, oldest first.
    public static func visits(since: Date, in db: Database, _ body: (VisitRecord) throws -> Void) throws {
        let cursor = try VisitRecord.fetchCursor(
            db, sql: "SELECT * FROM visit WHERE arrivedAt >= ? ORDER BY arrivedAt, id",
            arguments: [Timestamp.string(since)])
        while let visit = try cursor.next() { try body(visit) }
    }

    /// Where a visit took place (its stop's location, nil when it was at no known stop) and
    /// the staff who moved it on, in the order they first acted, with their full names.
    public static func encounterContext(
        of visit: VisitRecord, in db: Database
    ) throws
        -> (place: String?, staff: [(username: String, name: String)])
    {
        let place = try String.fetchOne(
            db, sql: "SELECT \(VisitPlace.site("v")) FROM visit v WHERE v.id = ?", arguments: [nil as String?, visit.id])
        let staff = try Row.fetchAll(
            db,
            sql: """
                SELECT e.actor, COALESCE(u.fullName, e.actor) AS name, MIN(e.id) AS first
                FROM visitEvent e LEFT JOIN user u ON u.username = e.actor
                WHERE e.visitId = ? GROUP BY e.actor ORDER BY first
                """, arguments: [visit.id]
        ).map { (username: $0["actor"] as String, name: $0["name"] as String) }
        return (place, staff)
    }

    /// Rows of `table` belonging to those visits, decoded as `Record`, with the patient id.
    /// `also` adds a column from a table joined by `join`.
    private static func each<Record: FetchableRecord>(
        _ table: String, also: String = "", join: String = "", since: Date,
        in db: Database, _ body: (Record, Row) throws -> Void
    ) throws {
        let cursor = try Row.fetchCursor(
            db,
            sql: """
                SELECT t.*, v.patientId AS exportPatientId\(also) FROM \(table) t \(join) \(visitsSince("t")) ORDER BY t.visitId, t.id
                """, arguments: [Timestamp.string(since)])
        while let row = try cursor.next() { try body(try Record(row: row), row) }
    }

    /// Every vitals set of those visits.
    public static func vitals(since: Date, in db: Database, _ body: (VitalsRecord, _ patientId: String) throws -> Void) throws {
        try each("vitalsSet", since: since, in: db) { (record: VitalsRecord, row) in try body(record, row["exportPatientId"]) }
    }

    /// Every screening result of those visits.
    public static func screening(
        since: Date, in db: Database, _ body: (ScreeningRecord, _ patientId: String) throws -> Void
    )
        throws
    {
        try each("screeningResult", since: since, in: db) { (record: ScreeningRecord, row) in
            try body(record, row["exportPatientId"])
        }
    }

    /// Every diagnosis, with its ICD-10 title when known.
    public static func diagnoses(
        since: Date, in db: Database,
        _ body: (DiagnosisRecord, _ title: String?, _ patientId: String) throws -> Void
    ) throws {
        try each("diagnosis", also: ", i.title AS title", join: "LEFT JOIN icd10 i ON i.code = t.code", since: since, in: db) {
            (record: DiagnosisRecord, row) in
            try body(record, row["title"], row["exportPatientId"])
        }
    }

    /// Every prescription, with the item's NAPPI code when known.
    public static func prescriptions(
        since: Date, in db: Database,
        _ body: (PrescriptionRecord, _ nappi: String?, _ patientId: String) throws -> Void
    ) throws {
        try each(
            "prescription", also: ", s.nappi AS nappi", join: "LEFT JOIN stockItem s ON s.code = t.itemCode",
            since: since, in: db
        ) { (record: PrescriptionRecord, row) in
            try body(record, row["nappi"], row["exportPatientId"])
        }
    }

    /// Every referral.
    public static func referrals(
        since: Date, in db: Database, _ body: (ReferralRecord, _ patientId: String) throws -> Void
    ) throws {
        try each("referral", since: since, in: db) { (record: ReferralRecord, row) in try body(record, row["exportPatientId"]) }
    }
}
