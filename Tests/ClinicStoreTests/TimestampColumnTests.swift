import ClinicDomain
import Foundation
import GRDB
import TestSupport
import XCTest

@testable import ClinicStore

/// Timestamps are a type of their own in the records, and the column keeps exactly the
/// text it held before (the audit hash and the seals cover that text): a row read and
/// written back is unchanged, even one whose text is not in the program's form.
final class TimestampColumnTests: XCTestCase {
    func testTheTextIsTheFixedUTCFormAndParsesBack() {
        // 1_795_509_000 s is Tue 24 Nov 2026 08:30 UTC (10:30 SAST), the test harness's clock.
        let stamp = Timestamp(Date(timeIntervalSince1970: 1_795_509_000.1239))
        XCTAssertEqual(stamp.text, "2026-11-24T08:30:00.123Z")
        XCTAssertEqual(stamp.date, Date(timeIntervalSince1970: 1_795_509_000.123))
        XCTAssertNil(Timestamp(text: "2026-11-24 08:30").date, "another form is kept as text, not read as a time")
        XCTAssertLessThan(Timestamp(text: "2026-11-24T08:30:00.123Z"), Timestamp(text: "2026-11-24T08:30:01.000Z"))
    }

    func testSyncPayloadsCarryTheBareText() throws {
        struct Row: Codable { let at: Timestamp }
        let json = try JSONEncoder().encode(Row(at: Timestamp(text: "2026-11-24T08:30:00.123Z")))
        XCTAssertEqual(String(decoding: json, as: UTF8.self), #"{"at":"2026-11-24T08:30:00.123Z"}"#)
        XCTAssertEqual(try JSONDecoder().decode(Row.self, from: json).at.text, "2026-11-24T08:30:00.123Z")
    }

    func testARecordReadAndWrittenBackKeepsItsTextExactly() throws {
        let folder = TemporaryFolder()
        let database = try ClinicDatabase.create(at: folder.file("t.sqlite"))
        try database.pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO location(uid, name, type, province, address, contact) VALUES ('u1', 'Hall', 'c', 'GP', '', '');
                    INSERT INTO routeStop(uid, locationId, truck, date, opens, closes, slotMinutes, capacity, createdBy, createdAt)
                    VALUES ('s1', 1, 'T01', '2027-01-20', '08:00', '09:00', 30, 2, 'x', '2027-01-19 07:00');
                    """)
        }
        let stored = try database.pool.read { try ScheduleRepository.stop(id: 1, in: $0)! }
        XCTAssertEqual(stored.createdAt.text, "2027-01-19 07:00")
        try database.pool.write { db in try stored.update(db) }
        XCTAssertEqual(
            try database.pool.read { try String.fetchOne($0, sql: "SELECT createdAt FROM routeStop") }, "2027-01-19 07:00")
        XCTAssertEqual(try database.pool.read { try String.fetchOne($0, sql: "SELECT typeof(createdAt) FROM routeStop") }, "text")
    }
}
