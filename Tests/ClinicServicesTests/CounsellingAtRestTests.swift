import ClinicDomain
import ClinicServices
import ClinicStore
import Foundation
import GRDB
import XCTest

/// Counselling notes are stored sealed under a key file held apart from the database (issue 19).
final class CounsellingAtRestTests: XCTestCase {
    var fixture: ServiceFixture!
    var counselling: CounsellingService { CounsellingService(database: fixture.database, clock: fixture.clock) }
    var keyPath: String { fixture.database.path + ".notes-key" }
    var visitID = ""
    let secret = "Disclosed incident at work"

    override func setUpWithError() throws {
        fixture = try ServiceFixture()
        visitID = try fixture.visitInConsultation(reason: "stress")
        let consultation = ConsultationService(database: fixture.database, clock: fixture.clock)
        try consultation.addDiagnosis(visitId: visitID, code: "F43.2", primary: true, by: .shell(name: "seed"))
        try consultation.saveNote(
            visitId: visitID, subjective: "", objective: "", assessment: "Adjustment disorder",
            plan: "Counselling", by: .shell(name: "seed"))
        _ = try consultation.complete(visitId: visitID, toCounselling: true, by: .shell(name: "seed"))
    }

    func social() throws -> Actor {
        .user(try fixture.auth.login(username: "social", password: fixture.password, terminal: "t"))
    }

    func write(_ notes: String) throws {
        try counselling.record(
            visitId: visitID, sessionType: "debriefing", notes: notes, outcome: "coping plan",
            referral: "EAP", by: try social())
    }

    func storedRows() throws -> [Row] {
        try fixture.database.pool.read { try Row.fetchAll($0, sql: "SELECT notes, outcome, referral FROM counsellingNote") }
    }

    func testTheTextIsStoredSealedAndReadBackWhole() throws {
        XCTAssertFalse(FileManager.default.fileExists(atPath: keyPath), "no key before the first note")
        try write(secret)
        let key = try FileManager.default.attributesOfItem(atPath: keyPath)
        XCTAssertEqual((key[.posixPermissions] as? Int).map { $0 & 0o777 }, 0o600)
        XCTAssertEqual(key[.size] as? Int, 32)
        for row in try storedRows() {
            for column in ["notes", "outcome", "referral"] {
                let stored: String = row[column]
                XCTAssertTrue(stored.hasPrefix("enc1:"), "\(column): \(stored)")
            }
        }
        try fixture.database.pool.writeWithoutTransaction { try $0.checkpoint(.truncate) }
        let file = try Data(contentsOf: URL(fileURLWithPath: fixture.database.path))
        XCTAssertNil(file.range(of: Data("Disclosed".utf8)), "the note's words are not in the database file")
        let read = try counselling.notes(visitId: visitID, by: try social())
        XCTAssertEqual(read.map(\.notes), [secret])
        XCTAssertEqual(read.map(\.outcome), ["coping plan"])
        XCTAssertEqual(read.map(\.referral), ["EAP"])
    }

    func testAMissingKeyLocksTheNotesAndIsNeverReplacedByANewOne() throws {
        try write(secret)
        try FileManager.default.removeItem(atPath: keyPath)
        let missing = CounsellingKeyError.missing(path: keyPath)
        XCTAssertThrowsError(try counselling.notes(visitId: visitID, by: try social())) {
            XCTAssertEqual($0 as? CounsellingKeyError, missing)
            XCTAssertTrue(userMessage($0).contains("key file \(keyPath) is missing"), userMessage($0))
        }
        XCTAssertThrowsError(try write("second")) { XCTAssertEqual($0 as? CounsellingKeyError, missing) }
        XCTAssertFalse(FileManager.default.fileExists(atPath: keyPath), "a new key would orphan the sealed notes")
        XCTAssertEqual(try storedRows().count, 1, "nothing half-written")
    }

    func testAKeyOthersCanReadOrAnotherKeyIsRefusedInWords() throws {
        try write(secret)
        chmod(keyPath, 0o644)
        XCTAssertThrowsError(try counselling.notes(visitId: visitID, by: try social())) {
            XCTAssertEqual($0 as? CounsellingKeyError, .readableByOthers(path: keyPath))
        }
        try FileManager.default.removeItem(atPath: keyPath)
        _ = try CounsellingCipher.create(path: keyPath)
        XCTAssertEqual(
            try counselling.notes(visitId: visitID, by: try social()).map(\.notes),
            ["[\(CounsellingKeyError.otherKey(path: keyPath))]"], "the note says why it cannot be read")
        XCTAssertThrowsError(try write("under the wrong key"), "a key the notes were not sealed with seals nothing") {
            XCTAssertEqual($0 as? CounsellingKeyError, .otherKey(path: keyPath))
        }
        XCTAssertEqual(try storedRows().count, 1)
        try Data(repeating: 1, count: 5).write(to: URL(fileURLWithPath: keyPath))
        XCTAssertThrowsError(try counselling.notes(visitId: visitID, by: try social())) {
            XCTAssertEqual($0 as? CounsellingKeyError, .damaged(path: keyPath))
        }
    }

    func testAnEditedSealedNoteIsDamagedNotMisreadAndTheOthersStillRead() throws {
        try write(secret)
        try write("second session")
        try fixture.database.pool.write { db in
            let stored = try String.fetchOne(db, sql: "SELECT notes FROM counsellingNote ORDER BY id LIMIT 1")!
            let flipped = String(stored.dropLast(3)) + (stored.hasSuffix("AAA") ? "BBB" : "AAA")
            try db.execute(sql: "UPDATE counsellingNote SET notes = ? WHERE notes = ?", arguments: [flipped, stored])
        }
        XCTAssertEqual(
            try counselling.notes(visitId: visitID, by: try social()).map(\.notes),
            ["[\(CounsellingKeyError.noteDamaged)]", "second session"])
    }

    func testNotesWrittenBeforeSealingAreReadAndSealedByTheNextNote() throws {
        try fixture.database.pool.write { db in
            var old = CounsellingRecord(
                visitId: visitID, sessionType: "intake", notes: "older words", outcome: "",
                referral: "", author: "social", at: fixture.clock.now())
            try old.insert(db)
        }
        XCTAssertEqual(try counselling.notes(visitId: visitID, by: try social()).map(\.notes), ["older words"])
        try write(secret)
        XCTAssertTrue(try storedRows().allSatisfy { ($0["notes"] as String).hasPrefix("enc1:") })
        XCTAssertEqual(try counselling.notes(visitId: visitID, by: try social()).map(\.notes), ["older words", secret])
    }
}
