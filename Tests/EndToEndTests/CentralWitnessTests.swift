import ClinicStore
import Foundation
import GRDB
import XCTest

/// Head office as the witness: an insider who rewrites a truck's audit log behind the
/// program's back (triggers dropped, rows changed and deleted, then synced) cannot change
/// head office's first copy; the push becomes tamper alerts, and `clinic audit verify
/// --central` names the rows. Against a real PostgreSQL server.
extension SyncEndToEndTests {
    func testARewrittenAuditLogCannotOverwriteHeadOfficesCopyAndIsNamed() throws {
        let path = try truck("T01", patients: 3, visits: 1)
        XCTAssertEqual(try sync(path).status, 0)
        let clean = try ClinicBinary.run(["audit", "verify", "--db", path, "--central", central])
        XCTAssertEqual(clean.status, 0, clean.stdout + clean.stderr)
        XCTAssertTrue(clean.stdout.contains("Head office agrees: its "), clean.stdout)

        let original = try Self.server!.query(
            central, "SELECT payload->>'detail' FROM record WHERE kind = 'auditEntry' AND key = 'T01:1'")
        let forger = try DatabaseQueue(path: path)
        try forger.write { db in
            for trigger in try String.fetchAll(
                db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'auditEntry'")
            {
                try db.execute(sql: "DROP TRIGGER \(trigger)")
            }
            try db.execute(sql: "UPDATE auditEntry SET detail = 'nothing happened' WHERE id = 1")
            try db.execute(sql: "DELETE FROM auditEntry WHERE id = 2")
            try db.execute(sql: "INSERT INTO syncOutbox (tableName, rowKey) VALUES ('auditEntry', '1'), ('auditEntry', '2')")
        }
        try forger.close()

        let pushed = try sync(path)
        XCTAssertEqual(pushed.status, 0, pushed.stderr)
        XCTAssertTrue(pushed.stdout.contains("HEAD OFFICE HOLDS 2 TAMPER ALERT(S) for this truck"), pushed.stdout)
        XCTAssertEqual(
            try Self.server!.query(central, "SELECT payload->>'detail' FROM record WHERE kind = 'auditEntry' AND key = 'T01:1'"),
            original, "head office keeps its first copy")
        XCTAssertEqual(
            try Self.server!.query(
                central, "SELECT count(*) FROM record WHERE kind = 'auditEntry' AND key = 'T01:2' AND NOT deleted"),
            "1\n", "and the deleted row")

        let verify = try ClinicBinary.run(["audit", "verify", "--db", path, "--central", central])
        XCTAssertEqual(verify.status, 2, verify.stdout)
        XCTAssertTrue(
            verify.stdout.contains("TAMPERED: this truck's audit log differs from the copy head office keeps."), verify.stdout)
        XCTAssertTrue(verify.stdout.contains("1 audit row changed here since sent: ids 1."), verify.stdout)
        XCTAssertTrue(verify.stdout.contains("1 audit row gone from here: ids 2."), verify.stdout)
        XCTAssertTrue(
            verify.stdout.contains("2 tamper alerts at head office; first: auditEntry T01:1 changed on the truck"),
            verify.stdout)

        // What head office keeps is insert-only, for the program's database user too.
        for sql in [
            "DELETE FROM record WHERE key = 'T01:1'", "TRUNCATE record", "DELETE FROM tamper_alert", "TRUNCATE tamper_alert",
            "UPDATE record_history SET payload = NULL", "TRUNCATE record_history",
        ] {
            XCTAssertThrowsError(try Self.server!.query(central, sql), sql)
        }
    }
}

/// The audit chain at head office continues: a truck cannot leave a gap in what it sends.
extension SyncEndToEndTests {
    func testAnAuditRowRemovedBeforeItWasSentStopsTheSyncAndHeadOfficeIsTold() throws {
        let path = try truck("T01", patients: 2, visits: 1)
        XCTAssertEqual(try sync(path).status, 0)
        let accepted = try Self.server!.query(central, "SELECT count(*) FROM record WHERE kind = 'auditEntry' AND site = 'T01'")

        // New work, then an insider removes its first audit row (and its place in the outbox) before the next sync.
        let store = try ClinicDatabase.open(at: path)
        try work(store, visits: 1)
        try store.pool.close()
        let forger = try DatabaseQueue(path: path)
        let removed = try forger.write { db -> Int64 in
            for trigger in try String.fetchAll(
                db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'auditEntry'")
            {
                try db.execute(sql: "DROP TRIGGER \(trigger)")
            }
            let first = try Int64.fetchOne(
                db,
                sql: """
                    SELECT min(CAST(rowKey AS INTEGER)) FROM syncOutbox WHERE tableName = 'auditEntry'
                    """)!
            try db.execute(sql: "DELETE FROM auditEntry WHERE id = ?", arguments: [first])
            try db.execute(
                sql: "DELETE FROM syncOutbox WHERE tableName = 'auditEntry' AND rowKey = ?", arguments: [String(first)])
            return first
        }
        try forger.close()

        let refused = try sync(path)
        XCTAssertNotEqual(refused.status, 0)
        XCTAssertTrue(
            refused.stderr.contains("Head office refused this truck's audit log at row T01:\(removed + 1): it does not continue"),
            refused.stderr)
        XCTAssertTrue(refused.stderr.contains("Head office has been told."), refused.stderr)
        XCTAssertEqual(
            try Self.server!.query(central, "SELECT count(*) FROM record WHERE kind = 'auditEntry' AND site = 'T01'"),
            accepted, "nothing of the refused batch is at head office")
        XCTAssertEqual(
            try Self.server!.query(central, "SELECT kind || ' ' || key FROM tamper_alert WHERE site = 'T01'"),
            "auditChain T01:\(removed + 1)\n")
        let status = try ClinicBinary.run(["sync", "status", "--db", path])
        XCTAssertFalse(status.stdout.contains(" 0 waiting"), "the refused rows still wait on the truck: \(status.stdout)")

        let verify = try ClinicBinary.run(["audit", "verify", "--db", path, "--central", central])
        XCTAssertEqual(verify.status, 2, verify.stdout)
        XCTAssertTrue(verify.stdout.contains("Audit log BROKEN at row \(removed + 1): row \(removed) is missing"), verify.stdout)
    }
}
