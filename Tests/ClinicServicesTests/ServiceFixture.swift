import ClinicDomain
import ClinicServices
import ClinicStore
import Foundation
import GRDB
import TestSupport

/// A demo database in a temporary folder with a manual clock.
final class ServiceFixture {
    let folder = TemporaryFolder()
    let clock = ManualClock(Date(timeIntervalSince1970: 1_800_000_000))
    let database: ClinicDatabase
    let password = "clinic-demo"

    init() throws {
        database = try ClinicSetup(clock: clock).demo(at: folder.file("clinic.sqlite"), password: password)
    }

    var auth: AuthService { AuthService(database: database, clock: clock) }
    var users: UserAdministration { UserAdministration(database: database, clock: clock) }

    /// Registers Sipho Ndlovu (optionally with an allergy), checks him in with `reason`,
    /// records a full vitals set and completes nursing: a visit waiting in consultation.
    func visitInConsultation(reason: String, allergy: (text: String, note: String)? = nil) throws -> String {
        let shell = Actor.shell(name: "seed")
        let patients = PatientService(database: database, clock: clock)
        let patient = try patients.register(
            PatientInput([
                "surname": "Ndlovu", "first_names": "Sipho",
                "document_number": "8001015009087",
            ]), by: shell)
        if let allergy { try patients.addBackground(.allergy, text: allergy.text, note: allergy.note, to: patient.id, by: shell) }
        let visits = VisitService(database: database, clock: clock)
        let visitID = try visits.checkIn(patientId: patient.id, reason: reason, by: shell).id
        _ = try visits.recordVitals(visitId: visitID, input: VisitServiceTests.fullSet, by: shell)
        _ = try visits.perform(.completeNursing, visitId: visitID, by: shell)
        return visitID
    }

    /// Audit actions in order, optionally only those of `actor`.
    func auditActions(actor: String? = nil) throws -> [String] {
        try database.pool.read { db in
            try AuditLog.recent(limit: 1000, in: db).reversed()
                .filter { actor == nil || $0.actor == actor }.map(\.action)
        }
    }
}
