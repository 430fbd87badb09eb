import Foundation
import GRDB
import TestSupport
import XCTest

@testable import ClinicStore

final class ClinicDatabaseTests: XCTestCase {
    let folder = TemporaryFolder()

    func testCreateMigratesAnEmptyFileWithSafePragmasAndMode0600() throws {
        let path = folder.file("new.sqlite")
        let database = try ClinicDatabase.create(at: path)
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as! Int
        XCTAssertEqual(mode & 0o777, 0o600)
        try database.pool.read { db in
            XCTAssertEqual(try String.fetchOne(db, sql: "PRAGMA journal_mode"), "wal")
            XCTAssertEqual(try Int.fetchOne(db, sql: "PRAGMA synchronous"), 2, "FULL")
            XCTAssertEqual(try Int.fetchOne(db, sql: "PRAGMA foreign_keys"), 1)
            XCTAssertEqual(try Int32.fetchOne(db, sql: "PRAGMA application_id"), Schema.applicationID)
            XCTAssertTrue(try db.tableExists("user"))
            XCTAssertTrue(try db.tableExists("auditEntry"))
            XCTAssertTrue(try Schema.migrator.hasCompletedMigrations(db))
        }
        try database.pool.write { db in
            XCTAssertEqual(try Int.fetchOne(db, sql: "PRAGMA synchronous"), 2, "writer connection is FULL too")
        }
    }

    func testCreateRefusesAnExistingFile() throws {
        let path = folder.file("twice.sqlite")
        _ = try ClinicDatabase.create(at: path)
        XCTAssertThrowsError(try ClinicDatabase.create(at: path)) { error in
            XCTAssertEqual(error as? StoreError, .alreadyExists(path: path))
        }
    }

    func testOpenReopensWhatCreateMade() throws {
        let path = folder.file("reopen.sqlite")
        let first = try ClinicDatabase.create(at: path)
        try first.pool.write { db in
            _ = try AuditLog.append(actor: "t", action: .login, at: Date(), in: db)
        }
        try first.pool.close()
        let second = try ClinicDatabase.open(at: path)
        XCTAssertEqual(try second.pool.read { try AuditEntry.fetchCount($0) }, 1)
    }

    func testOpenExplainsEveryKindOfBadFile() throws {
        let missing = folder.file("missing.sqlite")
        XCTAssertThrowsError(try ClinicDatabase.open(at: missing)) {
            XCTAssertEqual($0 as? StoreError, .missing(path: missing))
            XCTAssertTrue("\($0)".contains("clinic init"))
        }

        let text = folder.file("notes.txt")
        try "patient list\n".write(toFile: text, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try ClinicDatabase.open(at: text)) {
            XCTAssertEqual($0 as? StoreError, .notSQLite(path: text))
        }

        let empty = folder.file("empty.sqlite")
        _ = FileManager.default.createFile(atPath: empty, contents: Data())
        XCTAssertThrowsError(try ClinicDatabase.open(at: empty)) {
            XCTAssertEqual($0 as? StoreError, .notClinicDatabase(path: empty))
        }

        let foreign = folder.file("foreign.sqlite")
        let queue = try DatabaseQueue(path: foreign)
        try queue.write { try $0.execute(sql: "CREATE TABLE songs(title TEXT)") }
        try queue.close()
        XCTAssertThrowsError(try ClinicDatabase.open(at: foreign)) {
            XCTAssertEqual($0 as? StoreError, .notClinicDatabase(path: foreign))
        }
    }

    func testOpenRefusesAReadOnlyDatabase() throws {
        let path = folder.file("readonly.sqlite")
        try ClinicDatabase.create(at: path).pool.close()
        try FileManager.default.setAttributes([.posixPermissions: 0o400], ofItemAtPath: path)
        // Refused even for root, who could write it anyway: a file without write bits is read-only on purpose.
        XCTAssertThrowsError(try ClinicDatabase.open(at: path)) {
            XCTAssertEqual($0 as? StoreError, .readOnly(path: path))
            XCTAssertTrue("\($0)".contains("read-only"))
        }
    }

    func testOpenRefusesAFolder() throws {
        XCTAssertThrowsError(try ClinicDatabase.open(at: folder.path)) {
            XCTAssertEqual($0 as? StoreError, .isFolder(path: folder.path))
        }
    }
}

extension ClinicDatabaseTests {
    func testUpgradingTurnsSupplierNamesOfExistingBatchesIntoSupplierRecords() throws {
        let queue = try DatabaseQueue(path: folder.file("v10.sqlite"))
        try Schema.migrator.migrate(queue, upTo: "v10-stock")
        try queue.write { db in
            try db.execute(sql: "INSERT INTO stockItem(code) VALUES ('PARA500T')")
            for (id, supplier) in [(1, "Acme"), (2, "acme"), (3, ""), (4, "Bidvest")] {
                try db.execute(
                    sql:
                        "INSERT INTO batch(id, itemCode, batchNumber, expiry, supplier, receivedAt) VALUES (?, 'PARA500T', ?, '2027-01-01', ?, 'x')",
                    arguments: [id, "B\(id)", supplier])
            }
        }
        try Schema.migrator.migrate(queue)
        try queue.read { db in
            XCTAssertEqual(
                try String.fetchAll(db, sql: "SELECT name FROM supplier ORDER BY name"), ["Acme", "Bidvest"],
                "one record per name regardless of case, none for unnamed batches")
            XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM batch WHERE unitCostCents IS NULL"), 4)
        }
    }
}

extension ClinicDatabaseTests {
    func testUpgradingGivesTheItineraryFleetWideIdsAndQueuesItAgainUnderThem() throws {
        let queue = try DatabaseQueue(path: folder.file("v14.sqlite"))
        try Schema.migrator.migrate(queue, upTo: "v14-sync")
        try queue.write { db in
            try db.execute(
                sql: """
                    INSERT INTO location(name, type, province, address, contact) VALUES ('Giyani Hall', 'community', 'LP', '', '');
                    INSERT INTO routeStop(locationId, truck, date, opens, closes, slotMinutes, capacity, createdBy, createdAt)
                        VALUES (1, 'T01', '2027-01-20', '08:00', '12:00', 30, 2, 'x', 'x');
                    INSERT INTO patient(id, folderNumber, surname, firstNames, surnameKey, firstNamesKey, sex, dateOfBirth, documentType,
                        documentNumber, createdAt, updatedAt, updatedBy)
                        VALUES ('p1', 'T01-000001', 'Ndlovu', 'Sipho', 'NDLOVU', 'SIPHO', 'M', '1980-01-01', 'said', '8001015009087', 'x', 'x', 'x');
                    INSERT INTO appointment(stopId, slot, startsAt, patientId, status, bookedBy, bookedAt)
                        VALUES (1, '08:00', 'x', 'p1', 'booked', 'x', 'x');
                    """)
        }
        try Schema.migrator.migrate(queue)
        try queue.read { db in
            let uids = try String.fetchAll(
                db, sql: "SELECT uid FROM location UNION ALL SELECT uid FROM routeStop UNION ALL SELECT uid FROM appointment")
            XCTAssertEqual(Set(uids).count, 3)
            XCTAssertTrue(uids.allSatisfy { UUID(uuidString: $0) != nil }, "\(uids)")
            let queued = try String.fetchAll(
                db,
                sql: """
                    SELECT rowKey FROM syncOutbox WHERE tableName IN ('location', 'routeStop', 'appointment') ORDER BY seq
                    """)
            XCTAssertEqual(queued, uids, "queued again under the uid, location first")
            let appointment = try XCTUnwrap(
                try SyncStore.pending(limit: 100, in: db).first { $0.table == "appointment" }?.payload)
            let fields = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(appointment.utf8)) as? [String: Any])
            XCTAssertEqual(fields["stopUid"] as? String, uids[1], "the payload names its stop fleet-wide")
        }
    }
}

final class DatabaseFaultTests: XCTestCase {
    /// Every SQLite fault a running clinic meets becomes plain words with no SQLite text.
    func testFaultsAreInPlainWords() {
        let codes: [(ResultCode, DatabaseFault)] = [
            (.SQLITE_BUSY, .busy), (.SQLITE_LOCKED, .busy), (.SQLITE_FULL, .full), (.SQLITE_READONLY, .readOnly),
            (.SQLITE_CORRUPT, .damaged), (.SQLITE_NOTADB, .damaged), (.SQLITE_CANTOPEN, .unreachable),
            (.SQLITE_IOERR, .unreachable), (.SQLITE_CONSTRAINT, .conflict), (.SQLITE_ERROR, .failed),
        ]
        for (code, fault) in codes {
            let error = DatabaseError(
                resultCode: code, message: "UNIQUE constraint failed: seal.tableName, seal.rowKey",
                sql: "INSERT INTO seal VALUES (?)")
            XCTAssertEqual(DatabaseFault(error), fault, "\(code)")
            let message = DatabaseFault.message(for: error)
            for raw in ["SQLite", "seal", "INSERT", "constraint failed"] {
                XCTAssertFalse(message.contains(raw), "\(code): \(message)")
            }
        }
        XCTAssertNil(DatabaseFault(StoreError.locked(path: "x")))
        XCTAssertEqual(DatabaseFault.message(for: StoreError.locked(path: "x")), StoreError.locked(path: "x").description)
    }

    /// A real constraint error from a real database comes out in plain words.
    func testARealConstraintErrorIsInPlainWords() throws {
        let queue = try DatabaseQueue()
        try queue.write { try $0.execute(sql: "CREATE TABLE t(k TEXT PRIMARY KEY); INSERT INTO t VALUES ('a')") }
        XCTAssertThrowsError(try queue.write { try $0.execute(sql: "INSERT INTO t VALUES ('a')") }) {
            XCTAssertEqual(DatabaseFault.message(for: $0), DatabaseFault.conflict.description)
        }
    }
}
