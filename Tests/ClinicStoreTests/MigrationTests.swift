import ClinicDomain
import Foundation
import GRDB
import TestSupport
import XCTest

@testable import ClinicStore

/// The migrations write their own SQL and freeze their own table lists (issue 20), so
/// nothing else pins what they produce to the schema that databases in the field already
/// have: the seals and the hash chain are computed over that schema's columns and
/// triggers, and a drift would show as tampering or break the next upgrade.
final class MigrationTests: XCTestCase {
    let folder = TemporaryFolder()

    /// `Fixtures/` beside this file: a schema dump and a demo database, both made by the
    /// program at commit 48f69d9, before the migrations were split.
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// Every table, index, trigger and view with its SQL text, in the format of
    /// `Fixtures/schema-48f69d9.txt` (made with the same query in the sqlite3 shell).
    func schema(of db: Database) throws -> String {
        try String.fetchAll(
            db,
            sql: """
                SELECT '-- ' || type || ' ' || name || ' on ' || tbl_name || char(10) || coalesce(sql, '(no sql)') || char(10)
                FROM sqlite_master ORDER BY type, name
                """
        ).map { $0 + "\n" }.joined()
    }

    func testMigratingStepByStepGivesTheSchemaOfOneGoAndOfTheProgramBeforeTheSplit() throws {
        let migrator = Schema.migrator
        let stepwise = try DatabaseQueue()
        for (index, id) in migrator.migrations.enumerated() {
            try migrator.migrate(stepwise, upTo: id)
            XCTAssertEqual(try stepwise.read(migrator.appliedMigrations), Array(migrator.migrations.prefix(index + 1)))
        }
        let oneGo = try DatabaseQueue()
        try migrator.migrate(oneGo)
        let stepwiseSchema = try stepwise.read(schema(of:))
        XCTAssertEqual(stepwiseSchema, try oneGo.read(schema(of:)))
        let atTheSplit = try DatabaseQueue()
        try migrator.migrate(atTheSplit, upTo: Self.lastMigrationAtTheSplit)
        let before = try String(contentsOf: Self.fixtures.appendingPathComponent("schema-48f69d9.txt"), encoding: .utf8)
        XCTAssertEqual(
            try atTheSplit.read(schema(of:)), before, "the schema differs from the one the program made before the split")
    }

    /// The last migration the program had at 48f69d9, whose schema the fixture records.
    static let lastMigrationAtTheSplit = "v21-import-progress"

    func testMigrationIdentifiersAreThoseRecordedInTheField() {
        XCTAssertEqual(
            Schema.migrator.migrations,
            [
                "v1-users-audit-settings", "v2-patients", "v3-shortKey-ordered", "v4-visits", "v5-visit-by-patient",
                "v6-consultation", "v7-counselling", "v8-prescriptions", "v9-referrals", "v10-stock", "v11-suppliers-assets",
                "v12-appointments", "v13-claim-exports", "v14-sync", "v15-schedule-uids", "v16-clinical-seals",
                "v17-icd10-asterisk-dagger", "v18-imported-files", "v19-seal-users-and-settings", "v20-local-secret",
                "v21-import-progress", "v22-stop-no-show-grace", "v23-screening", "v24-hiv-testing", "v25-screening-tariffs",
            ])
    }

    func testBundledListsAreInsertedByTheirMigrations() throws {
        let queue = try DatabaseQueue()
        try Schema.migrator.migrate(queue, upTo: "v8-prescriptions")
        try queue.read { db in
            XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT count(*) FROM icd10 WHERE source = 'bundled'"), 195)
            XCTAssertEqual(
                try String.fetchOne(db, sql: "SELECT title FROM icd10 WHERE code = 'A15.0'"),
                "Tuberculosis of lung, confirmed by sputum microscopy")
            XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT count(*) FROM formularyItem"), 43)
            let paracetamol = try XCTUnwrap(try Row.fetchOne(db, sql: "SELECT * FROM formularyItem WHERE code = 'PARA500T'"))
            XCTAssertEqual(
                paracetamol,
                [
                    "code": "PARA500T", "genericName": "Paracetamol", "strength": "500 mg",
                    "form": "tablet", "route": "oral", "unit": "tablet",
                ])
        }
    }
}

extension MigrationTests {
    /// A demo database (3 patients, sample stock) made by `clinic demo` at 48f69d9.
    func openDemoMadeBeforeTheSplit() throws -> ClinicDatabase {
        let path = folder.file("demo.sqlite")
        try FileManager.default.copyItem(atPath: Self.fixtures.appendingPathComponent("demo-48f69d9.db").path, toPath: path)
        return try ClinicDatabase.open(at: path)
    }

    func testADatabaseMadeBeforeTheSplitMigratesAndVerifies() throws {
        let database = try openDemoMadeBeforeTheSplit()
        let current = try DatabaseQueue()
        try Schema.migrator.migrate(current)
        XCTAssertEqual(
            try database.pool.read(schema(of:)), try current.read(schema(of:)),
            "the later migrations bring the old file to the schema of a new one")
        XCTAssertTrue(try database.pool.read(Schema.migrator.hasCompletedMigrations))
        // The counts `clinic audit verify` printed for this file at 48f69d9.
        XCTAssertEqual(try database.pool.read { try AuditLog.verify(in: $0) }, .intact(rows: 22, sealedRows: 42))
        try database.pool.write { db in
            try AuditLog.append(actor: "admin", action: .login, detail: "written by the new code", at: Date(), in: db)
        }
        XCTAssertEqual(
            try database.pool.read { try AuditLog.verify(in: $0) },
            .intact(rows: 23, sealedRows: 43),
            "the triggers of the old file seal what the new code writes")
    }

    func testADatabaseStoppedBeforeTheSealsMigratesAndVerifies() throws {
        let path = folder.file("v15.sqlite")
        let queue = try DatabaseQueue(path: path)
        try Schema.migrator.migrate(queue, upTo: "v15-schedule-uids")
        try queue.write { db in
            try db.execute(
                sql: """
                    INSERT INTO setting(key, value) VALUES ('site.name', 'Giyani');
                    INSERT INTO user(username, fullName, role, passwordHash, createdAt) VALUES ('nurse', 'N. Nurse', 'nurse', 'x', 'x');
                    INSERT INTO patient(id, folderNumber, surname, firstNames, surnameKey, firstNamesKey, sex, dateOfBirth, documentType,
                        documentNumber, createdAt, updatedAt, updatedBy)
                        VALUES ('p1', 'T01-000001', 'Ndlovu', 'Sipho', 'NDLOVU', 'SIPHO', 'M', '1980-01-01', 'said', '8001015009087', 'x', 'x', 'x');
                    """)
            for index in 1...3 {
                try AuditLog.append(
                    actor: "nurse", action: .patientView, patientID: "p1", detail: "view \(index)",
                    at: Date(timeIntervalSince1970: Double(index)), in: db)
            }
        }
        try queue.close()
        let database = try ClinicDatabase.open(at: path)
        XCTAssertEqual(
            try database.pool.read { try AuditLog.verify(in: $0) }, .intact(rows: 3, sealedRows: 6),
            "three audit rows, the patient, the user and the setting sealed by v16 and v19")
    }
}
