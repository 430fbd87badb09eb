import ClinicDomain
import Foundation
import GRDB
import TestSupport
import XCTest

@testable import ClinicStore

final class AuditLogTests: XCTestCase {
    let folder = TemporaryFolder()
    var database: ClinicDatabase!

    override func setUpWithError() throws {
        database = try ClinicDatabase.create(at: folder.file("audit.sqlite"))
        try database.pool.write { db in
            for index in 1...5 {
                try AuditLog.append(
                    actor: "nurse", action: .vitalsRecord, patientID: "P\(index)",
                    detail: "set \(index)", at: Date(timeIntervalSince1970: Double(index)), in: db)
            }
        }
    }

    /// Runs `sql` with the append-only triggers removed, as someone editing the file by hand would.
    func tamper(_ sql: String) throws {
        try database.pool.write { db in
            try db.execute(sql: "DROP TRIGGER auditEntry_no_update; DROP TRIGGER auditEntry_no_delete")
            try db.execute(sql: sql)
        }
    }

    func verify() throws -> AuditLog.Verification {
        try database.pool.read { try AuditLog.verify(in: $0) }
    }

    func testIntactChainVerifies() throws {
        XCTAssertEqual(try verify(), .intact(rows: 5, sealedRows: 5), "the five audit rows are sealed too")
        let rows = try database.pool.read { try AuditEntry.order(Column("id")).fetchAll($0) }
        XCTAssertEqual(rows.first?.prevHash, AuditLog.genesisHash)
        XCTAssertEqual(rows[3].prevHash, rows[2].hash)
    }

    func testTriggersRefuseUpdateAndDelete() throws {
        XCTAssertThrowsError(try database.pool.write { try $0.execute(sql: "UPDATE auditEntry SET actor = 'x'") }) {
            XCTAssertTrue("\($0)".contains("append-only"))
        }
        XCTAssertThrowsError(try database.pool.write { try $0.execute(sql: "DELETE FROM auditEntry WHERE id = 2") })
        XCTAssertEqual(try verify(), .intact(rows: 5, sealedRows: 5), "the five audit rows are sealed too")
    }

    func testEditedRowIsFound() throws {
        try tamper("UPDATE auditEntry SET detail = 'set 99' WHERE id = 3")
        XCTAssertEqual(try verify(), .broken(rowID: 3, reason: "content does not match its hash (row edited)"))
    }

    func testEditedRowWithRecomputedOwnHashBreaksTheNextLink() throws {
        let forged = AuditEntry.chainHash(
            id: 3, at: Timestamp.string(Date(timeIntervalSince1970: 3)), actor: "nurse",
            action: "vitals.record", patientID: "P3", detail: "forged",
            prevHash: try database.pool.read { try String.fetchOne($0, sql: "SELECT hash FROM auditEntry WHERE id = 2")! })
        try tamper("UPDATE auditEntry SET detail = 'forged', hash = '\(forged)' WHERE id = 3")
        guard case .broken(let row, _) = try verify() else { return XCTFail("tampering not found") }
        XCTAssertEqual(row, 4)
    }

    func testDeletedRowIsFound() throws {
        try tamper("DELETE FROM auditEntry WHERE id = 2")
        guard case .broken(let row, let reason) = try verify() else { return XCTFail("deletion not found") }
        XCTAssertEqual(row, 3)
        XCTAssertTrue(reason.contains("missing"), reason)
    }

    func testDeletedFirstRowIsFound() throws {
        try tamper("DELETE FROM auditEntry WHERE id = 1")
        guard case .broken(let row, _) = try verify() else { return XCTFail("deletion not found") }
        XCTAssertEqual(row, 2)
    }

    func testReorderedRowsAreFound() throws {
        try tamper(
            """
            UPDATE auditEntry SET id = 100 WHERE id = 2;
            UPDATE auditEntry SET id = 2 WHERE id = 4;
            UPDATE auditEntry SET id = 4 WHERE id = 100;
            """)
        guard case .broken(let row, _) = try verify() else { return XCTFail("reordering not found") }
        XCTAssertEqual(row, 2)
    }

    func testTimestampsAreFixedWidthUTCAndRoundTrip() {
        XCTAssertEqual(Timestamp.string(Date(timeIntervalSince1970: 0.5)), "1970-01-01T00:00:00.500Z")
        XCTAssertEqual(Timestamp.date("1970-01-01T00:00:00.500Z"), Date(timeIntervalSince1970: 0.5))
        for seconds in [0.0, 951_782_400.25, 1_795_554_120.999, 4_102_444_799.0] {  // includes 29 Feb 2000
            let date = Date(timeIntervalSince1970: seconds)
            XCTAssertEqual(Timestamp.date(Timestamp.string(date))!.timeIntervalSince1970, seconds, accuracy: 0.0005)
        }
        for bad in [
            "", "2026-11-24", "2026-11-24T08:15:30Z", "2026-13-24T08:15:30.123Z", "2026-11-24T25:15:30.123Z",
            "2026-11-24 08:15:30.123Z", "2026-1a-24T08:15:30.123Z",
        ] {
            XCTAssertNil(Timestamp.date(bad), bad)
        }
    }
}
