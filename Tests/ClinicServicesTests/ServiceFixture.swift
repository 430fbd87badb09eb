import TestSupport
import ClinicServices
import ClinicStore
import Foundation
import GRDB

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

    /// Audit actions in order, optionally only those of `actor`.
    func auditActions(actor: String? = nil) throws -> [String] {
        try database.pool.read { db in
            try AuditLog.recent(limit: 1000, in: db).reversed()
                .filter { actor == nil || $0.actor == actor }.map(\.action)
        }
    }
}
