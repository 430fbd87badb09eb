import ClinicDomain
package import ClinicStore
import Foundation

/// Backups of the truck's database and restoring from them. Both are audited.
public struct BackupService: Sendable {
    let database: ClinicDatabase
    let clock: any Clock

    package init(database: ClinicDatabase, clock: any Clock = SystemClock()) {
        self.database = database
        self.clock = clock
    }

    /// A consistent, checked copy at `path` (mode 0600), taken while others keep working.
    public func backup(to path: String, by actor: Actor) throws -> DatabaseSnapshot {
        try actor.require(.backup)
        let copy = try database.backup(to: path)
        try database.pool.write { db in
            try AuditLog.append(
                actor: actor.auditName, action: .backupCreate,
                detail: "\(path): \(copy.patients) patients, \(copy.visits) visits", at: clock.now(), in: db)
        }
        return DatabaseSnapshot(copy)
    }

    /// Checks the copy at `path` and, only if it is sound, replaces the database's content
    /// with it; the content it replaces is kept as a safety copy beside the database.
    public func restore(from path: String, by actor: Actor) throws -> RestoreResult {
        try actor.require(.backup)
        let now = clock.now()
        let stamp = ClinicTime.fileStamp(now)
        let result = try database.restore(from: path, stamp: stamp)
        try database.pool.write { db in
            try AuditLog.append(
                actor: actor.auditName, action: .backupRestore,
                detail: "from \(path); the replaced database was kept as \(result.safetyCopy)", at: now, in: db)
        }
        return RestoreResult(restored: DatabaseSnapshot(result.restored), safetyCopy: result.safetyCopy)
    }
}
