import ClinicDomain
import ClinicServices
import ClinicStore
import GRDB
import TerminalKit
import XCTest

@testable import ClinicTUI

/// The administrator settles a conflict between trucks on the sync screen.
final class SyncScreenTests: XCTestCase {
    func testAdministratorKeepsTheTrucksValue() throws {
        let harness = try AppHarness()
        let patient = try PatientService(database: harness.database, clock: harness.clock).register(
            PatientInput(["surname": "Ndlovu", "first_names": "Sipho", "document_number": "8001015009087", "phone": "0821110000"]
            ),
            by: .shell(name: "seed"))
        try harness.database.pool.write { db in
            try SyncConflictRecord(
                id: "c1", patientId: patient.id, field: "phone", centralValue: "+27821110000",
                truckValue: "+27832220000", site: "T02", createdAt: Timestamp(AppHarness.start),
                resolvedAt: nil, resolution: nil
            ).insert(db)
        }
        harness.logIn("admin")
        harness.openMenu("Sync status and conflicts")
        let screen = try XCTUnwrap(harness.app.top as? SyncScreen)
        assertSnapshot(harness.snapshot(), named: "sync-conflict-80x24")
        harness.press(.function(6))
        XCTAssertEqual(screen.message, "Resolved DEMO-000001 phone; the choice goes to the centre on the next sync.")
        XCTAssertEqual(screen.conflicts.first?.resolution, "kept truck value '+27832220000' (admin)")
        let phone = try harness.database.pool.read { try String.fetchOne($0, sql: "SELECT phone FROM patient") }
        XCTAssertEqual(phone, "+27832220000")
        harness.press(.function(6))
        XCTAssertEqual(screen.message, "That conflict is already resolved")
        let clerk = try AppHarness()
        clerk.logIn("clerk")
        XCTAssertFalse(clerk.screen().contains("Sync status"), "only the administrator syncs")
        XCTAssertThrowsError(
            try SyncLedger(database: clerk.database).status(by: .user(try XCTUnwrap(clerk.app.environment.session))))
    }
}
