import ClinicDomain
package import ClinicStore
import Foundation

/// What any logged-in user may do for their own account.
public struct SelfService: Sendable {
    let database: ClinicDatabase
    let hasher: PasswordHasher
    let clock: any Clock

    package init(database: ClinicDatabase, hasher: PasswordHasher = .owasp, clock: any Clock = SystemClock()) {
        self.database = database
        self.hasher = hasher
        self.clock = clock
    }

    /// Changes the session user's password after checking the current one. Other
    /// sessions of this user must log in again; the returned session replaces this one.
    public func changePassword(_ session: Session, current: String, new: String) throws -> Session {
        guard let user = try database.pool.read({ try UserRepository.find(id: session.userID, in: $0) }),
            hasher.verify(current, against: user.passwordHash)
        else { throw UserAdminError("current password is wrong") }
        if let problem = CredentialRules.problem(withPassword: new, username: session.username) { throw UserAdminError(problem) }
        guard new != current else { throw UserAdminError("new password must differ from the current one") }
        let hash = hasher.hash(new)
        let now = clock.now()
        let epoch = try database.pool.write { db -> Int in
            guard var fresh = try UserRepository.find(id: session.userID, in: db) else {
                throw UserAdminError("this account no longer exists")
            }
            fresh.passwordHash = hash
            fresh.sessionEpoch += 1
            try UserRepository.update(fresh, in: db)
            try AuditLog.append(
                actor: session.username, action: .userPasswdSelf,
                detail: session.username, at: now, in: db)
            return fresh.sessionEpoch
        }
        return Session(
            userID: session.userID, username: session.username, fullName: session.fullName,
            role: session.role, epoch: epoch, startedAt: session.startedAt)
    }
}
