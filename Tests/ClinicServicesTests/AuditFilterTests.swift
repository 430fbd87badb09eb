import ClinicDomain
import ClinicServices
import ClinicStore
import XCTest

/// The audit filter's action: a family (`visit.`) or an action (`patient.view`) matches by
/// its start, as it always did; a typed start no action has is refused in words, naming the
/// families, instead of showing an empty log.
final class AuditFilterTests: XCTestCase {
    func testTheActionFilterMatchesByFamilyAndRefusesWhatNoActionStartsWith() throws {
        let fixture = try ServiceFixture()
        let audit = AuditService(database: fixture.database, clock: fixture.clock), admin = Actor.shell(name: "admin")
        let patients = PatientService(database: fixture.database, clock: fixture.clock)
        let record = try patients.register(
            PatientInput(["surname": "Ndlovu", "first_names": "Sipho", "document_number": "8001015009087"]),
            by: admin)
        _ = try patients.open(id: record.id, by: admin)
        let family = try audit.entries(try audit.filter(["action": "patient."], by: admin), by: admin)
        XCTAssertEqual(family.map(\.action), ["patient.view", "patient.register"], "newest first")
        let one = try audit.entries(try audit.filter(["action": "patient.view"], by: admin), by: admin)
        XCTAssertEqual(one.map(\.action), ["patient.view"])
        let upper = try audit.entries(try audit.filter(["action": "PATIENT.VIEW"], by: admin), by: admin)
        XCTAssertEqual(upper.map(\.action), ["patient.view"], "case ignored, as the check ignores it")
        XCTAssertThrowsError(try audit.filter(["action": "patinet."], by: admin)) {
            XCTAssertEqual(
                ($0 as? FieldProblems)?["action"],
                "No audit action starts with 'patinet.'; try a family such as visit., patient. or stock.")
        }
    }
}
