import ClinicDomain
import ClinicServices
import ClinicStore
import Foundation
import GRDB
import TerminalKit
import TestSupport
import XCTest

@testable import ClinicTUI

/// An HIV result is special personal information: no screen a role without
/// `screening.hiv.read` reaches shows it (at most "HIV test done"), and each role holding
/// the permission reads it on the visit. ClinicDay's Thandi is given a positive test,
/// referred to a clinic whose name appears nowhere else.
final class HIVPrivacyTests: XCTestCase {
    static let clinic = "SECRET-ART-CLINIC"

    func testOnlyRolesWithScreeningHIVReadSeeTheResultOnAnyScreen() throws {
        let harness = try AppHarness()
        let day = try ClinicDay(database: harness.database, clock: harness.clock, letters: harness.folder.file("letters"))
        let today = CalendarDate(harness.clock.now())
        let reading = HTSInput([
            "consent": "y", "test1": "r", "test2": "r", "post_test": "y", "linkage": "r", "linkage_to": Self.clinic,
            "linkage_date": today.adding(days: 7).description,
        ]).read(today: today)
        XCTAssertEqual(reading.result, .positive)
        let folder = try harness.database.pool.write { db in
            try HIVTestRepository.save(
                HIVTestRecord(visitId: day.thandiVisit, reading: reading, tests: [], by: "nurse", at: harness.clock.now()),
                in: db)
            return try String.fetchOne(
                db, sql: "SELECT folderNumber FROM patient WHERE id = (SELECT patientId FROM visit WHERE id = ?)",
                arguments: [day.thandiVisit])!
        }
        var seenDone = 0
        for role in Role.allCases {
            guard let frames = PrivacySweep.frames(of: role, in: harness, patientFolder: folder) else {
                return XCTFail("\(role) did not reach the home menu:\n\(harness.screen())")
            }
            let result = frames.contains { $0.contains("HIV test: positive, referred to \(Self.clinic)") }
            if AccessPolicy.allows(role, .screeningHIVRead) {
                XCTAssertTrue(result, "\(role) reads the result on Thandi's visit")
            } else {
                for frame in frames {
                    XCTAssertFalse(frame.contains(Self.clinic) || frame.contains("HIV test:"), "\(role) saw it:\n\(frame)")
                }
                if frames.contains(where: { $0.contains("HIV test done") }) { seenDone += 1 }
            }
        }
        XCTAssertGreaterThan(seenDone, 0, "a role without the permission is told a test was done")
    }
}

/// A rapid test typed when no kit of its kind can be used is refused on its own field as
/// it is left, not first when recording (fresh-eyes walk: a positive was shown with no
/// confirmatory kit in stock).
final class HTSFormKitTests: XCTestCase {
    func testATestWithoutAUsableKitIsAProblemOnItsField() {
        let reading = HTSInput(["consent": "y", "test1": "r", "test2": "r"]).read(
            today: CalendarDate(year: 2026, month: 12, day: 4)!)
        let kits: [HTSKit: Result<KitLot, HTSError>] = [
            .screening: .success(KitLot(kit: .screening, batchId: 1, lot: "L1", expiry: "2027-01-31")),
            .confirmatory: .failure(.noKit(.confirmatory, expiredOn: "2026-11-30")),
        ]
        let problems = HTSScreen.problems(reading, kits: kits)
        XCTAssertEqual(problems.map(\.field), ["test2", "post_test", "linkage"])
        XCTAssertEqual(problems.first?.message, HTSError.noKit(.confirmatory, expiredOn: "2026-11-30").description)
        let stocked = kits.merging([.confirmatory: kits[.screening]!]) { $1 }
        XCTAssertFalse(HTSScreen.problems(reading, kits: stocked).contains { $0.field.hasPrefix("test") })
    }
}
