import ClinicDomain
import Foundation
import GRDB

/// Reads and writes patients inside the caller's transaction.
public enum PatientRepository {
    /// Issues the next folder number of `siteCode`: `T03-000001`, `T03-000002`, …
    public static func nextFolderNumber(siteCode: String, in db: Database) throws -> String {
        let next = try Int.fetchOne(
            db,
            sql: """
                INSERT INTO folderCounter(siteCode, next) VALUES (?, 2)
                ON CONFLICT(siteCode) DO UPDATE SET next = next + 1
                RETURNING next - 1
                """, arguments: [siteCode])!
        return String(format: "%@-%06d", siteCode, next)
    }

    public static func insert(_ record: PatientRecord, in db: Database) throws {
        try record.insert(db)
    }

    public static func find(id: String, in db: Database) throws -> PatientRecord? {
        try PatientRecord.fetchOne(db, key: id)
    }

    public static func find(folderNumber: String, in db: Database) throws -> PatientRecord? {
        try PatientRecord.filter(PatientRecord.Columns.folderNumber == folderNumber).fetchOne(db)
    }

    public static func find(saID: String, in db: Database) throws -> PatientRecord? {
        try PatientRecord.filter(PatientRecord.Columns.saID == saID).fetchOne(db)
    }

    public static func find(membership: String, dependant: String, in db: Database) throws -> PatientRecord? {
        try PatientRecord.filter(
            PatientRecord.Columns.membershipNumber == membership && PatientRecord.Columns.dependantCode == dependant
        ).fetchOne(db)
    }

    /// Everyone born on `dateOfBirth` (the candidates for a likely-duplicate check).
    public static func born(on dateOfBirth: String, in db: Database) throws -> [PatientRecord] {
        try PatientRecord.filter(PatientRecord.Columns.dateOfBirth == dateOfBirth).fetchAll(db)
    }

    /// Saves `record` if the stored version is still `record.version`, bumping it.
    /// Returns false (and writes nothing) when someone else saved in between.
    public static func update(_ record: PatientRecord, in db: Database) throws -> Bool {
        // Write transactions are IMMEDIATE, so nobody can save between this check and the update.
        let stored = try Int.fetchOne(db, sql: "SELECT version FROM patient WHERE id = ?", arguments: [record.id])
        guard stored == record.version else { return false }
        var saved = record
        saved.version += 1
        try saved.update(db)
        return true
    }

    public static func background(of patientID: String, in db: Database) throws -> [BackgroundItem] {
        try BackgroundItem.filter(BackgroundItem.Columns.patientId == patientID).order(
            BackgroundItem.Columns.kind, BackgroundItem.Columns.id
        ).fetchAll(db)
    }

    public static func addBackground(_ item: BackgroundItem, in db: Database) throws -> BackgroundItem {
        var item = item
        try item.insert(db)
        return item
    }

    /// The roster entry for a membership, if the roster has been imported and lists it.
    public static func rosterMember(membership: String, dependant: String, in db: Database) throws -> RosterMember? {
        try RosterMember.filter(
            RosterMember.Columns.membershipNumber == membership && RosterMember.Columns.dependantCode == dependant
        ).fetchOne(db)
    }

    /// Inserts new roster rows and updates changed ones; an identical row is left alone,
    /// so re-importing a file is a no-op. Returns how many rows were inserted or changed.
    @discardableResult
    public static func upsertRoster(_ members: [RosterMember], in db: Database) throws -> Int {
        let statement = try db.cachedStatement(
            sql: """
                INSERT INTO memberRoster(membershipNumber, dependantCode, surname, firstNames, dateOfBirth, saID, status, option, importedAt)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(membershipNumber, dependantCode) DO UPDATE SET
                    surname = excluded.surname, firstNames = excluded.firstNames, dateOfBirth = excluded.dateOfBirth,
                    saID = excluded.saID, status = excluded.status, option = excluded.option, importedAt = excluded.importedAt
                WHERE surname IS NOT excluded.surname OR firstNames IS NOT excluded.firstNames
                   OR dateOfBirth IS NOT excluded.dateOfBirth OR saID IS NOT excluded.saID
                   OR status IS NOT excluded.status OR option IS NOT excluded.option
                """)
        var changed = 0
        for member in members {
            try statement.execute(arguments: [
                member.membershipNumber, member.dependantCode, member.surname, member.firstNames,
                member.dateOfBirth, member.saID, member.status, member.option, member.importedAt,
            ])
            changed += db.changesCount
        }
        return changed
    }
}
