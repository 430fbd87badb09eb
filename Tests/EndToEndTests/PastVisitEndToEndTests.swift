import Foundation
import XCTest

/// A demo truck with three weeks behind it (`clinic demo --history`): in the real binary at
/// 80x24, a doctor opens a regular's visit of last week from the record and reads its note
/// and medicines, then goes back to the record.
final class PastVisitEndToEndTests: XCTestCase {
    var folder = ""
    var database: String { folder + "/clinic.sqlite" }

    override func setUpWithError() throws {
        folder = try ClinicBinary.demoFolder()
        let seeded = try ClinicBinary.run(["demo", "--db", database, "--patients", "30", "--sample-stock", "--history"])
        XCTAssertEqual(seeded.status, 0, seeded.stderr)
        XCTAssertTrue(seeded.stdout.contains("closed visits over the last three weeks"), seeded.stdout)
    }

    override func tearDown() { try? FileManager.default.removeItem(atPath: folder) }

    func testADoctorReadsLastWeeksNoteAndMedicinesFromTheRecord() throws {
        let tmux = try Tmux(ClinicBinary.command(database))
        try tmux.logIn("doctor", in: "main")
        // DEMO-000002 comes back for a blood pressure review, on amlodipine.
        try tmux.type("1"); try tmux.waitFor("Find:")
        try tmux.type("DEMO-000002"); try tmux.waitFor("DEMO-000002 ")
        try tmux.press("Enter"); try tmux.waitFor("newest first (Enter opens)")
        try tmux.press("Down"); try tmux.press("Enter")
        try tmux.waitFor("· closed")
        try tmux.waitFor("Note, signed by doctor")
        try tmux.waitFor("I10* Essential (primary) hypertension")
        try tmux.press("PageDown")
        try tmux.waitFor("Amlodipine 5 mg tablet  1 od × 30d = 30  dispensed")
        try tmux.press("PageDown")
        try tmux.waitFor("closure → closed  clerk: Treated")
        try tmux.press("Escape"); try tmux.waitFor("newest first (Enter opens)")
    }
}
