import ClinicDomain
import Foundation
import GRDB

/// Reads and writes patients inside the caller's transaction.
public enum PatientRepository {
    /// Issues the next folder number of `siteCode`: `T03-000001`, `T03-000002`, …
    public static func nextFolderNumber(siteCode: String, in db: Database) throws -> String {
        let next = try Int.fetchOne(db, sql: """
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
        try PatientRecord.filter(Column("folderNumber") == folderNumber).fetchOne(db)
    }

    public static func find(saID: String, in db: Database) throws -> PatientRecord? {
        try PatientRecord.filter(Column("saID") == saID).fetchOne(db)
    }

    public static func find(membership: String, dependant: String, in db: Database) throws -> PatientRecord? {
        try PatientRecord.filter(Column("membershipNumber") == membership && Column("dependantCode") == dependant).fetchOne(db)
    }

    /// Everyone born on `dateOfBirth` (the candidates for a likely-duplicate check).
    public static func born(on dateOfBirth: String, in db: Database) throws -> [PatientRecord] {
        try PatientRecord.filter(Column("dateOfBirth") == dateOfBirth).fetchAll(db)
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
        try BackgroundItem.filter(Column("patientId") == patientID).order(Column("kind"), Column("id")).fetchAll(db)
    }

    public static func addBackground(_ item: BackgroundItem, in db: Database) throws -> BackgroundItem {
        var item = item
        try item.insert(db)
        return item
    }

    /// The roster entry for a membership, if the roster has been imported and lists it.
    public static func rosterMember(membership: String, dependant: String, in db: Database) throws -> RosterMember? {
        try RosterMember.filter(Column("membershipNumber") == membership && Column("dependantCode") == dependant).fetchOne(db)
    }

    /// Inserts or replaces roster rows (idempotent re-import).
    public static func upsertRoster(_ members: [RosterMember], in db: Database) throws {
        for member in members { try member.upsert(db) }
    }
}
