import ClinicDomain
package import ClinicStore
import Foundation
internal import GRDB

/// A problem with what an administrator asked for, phrased for them.
public struct UserAdminError: Error, Equatable, Sendable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// Staff accounts: add, change password, lock, unlock, list. Needs `user.admin`;
/// each change and its audit row are one transaction.
public struct UserAdministration: Sendable {
    let database: ClinicDatabase
    let hasher: PasswordHasher
    let clock: any Clock

    package init(database: ClinicDatabase, hasher: PasswordHasher = .owasp, clock: any Clock = SystemClock()) {
        self.database = database
        self.hasher = hasher
        self.clock = clock
    }

    /// Creates an account. Refuses a bad or taken username and a weak password.
    @discardableResult
    public func add(username: String, fullName: String, role: Role, password: String, by actor: Actor) throws -> StaffAccount {
        try actor.require(.userAdmin)
        if let problem = CredentialRules.problem(withUsername: username) { throw UserAdminError(problem) }
        if let problem = CredentialRules.problem(withPassword: password, username: username) { throw UserAdminError(problem) }
        let name = fullName.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { throw UserAdminError("full name must not be empty") }
        let hash = hasher.hash(password)
        let now = clock.now()
        return try database.pool.write { db in
            if try UserRepository.find(username: username, in: db) != nil {
                throw UserAdminError("user '\(username)' already exists")
            }
            let user = try UserRepository.insert(
                UserRecord(username: username, fullName: name, role: role, passwordHash: hash, createdAt: now), in: db)
            try AuditLog.append(
                actor: actor.auditName, action: .userAdd,
                detail: "\(username) as \(role.rawValue)", at: now, in: db)
            return StaffAccount(user, now: now)
        }
    }

    /// Sets a new password, clears any lockout and ends the user's other sessions.
    public func setPassword(username: String, password: String, by actor: Actor) throws {
        try actor.require(.userAdmin)
        if let problem = CredentialRules.problem(withPassword: password, username: username) { throw UserAdminError(problem) }
        let hash = hasher.hash(password)
        try change(username, action: .userPasswd, by: actor) { user in
            user.passwordHash = hash
            user.failedAttempts = 0
            user.lockedUntil = nil
            user.sessionEpoch += 1
        }
    }

    /// Disables the account until `unlock`; its open sessions end at their next check.
    public func lock(username: String, by actor: Actor) throws {
        try actor.require(.userAdmin)
        try change(username, action: .userLock, by: actor) { $0.disabled = true }
    }

    /// Re-enables the account and clears a failed-login lockout.
    public func unlock(username: String, by actor: Actor) throws {
        try actor.require(.userAdmin)
        try change(username, action: .userUnlock, by: actor) { user in
            user.disabled = false
            user.failedAttempts = 0
            user.lockedUntil = nil
        }
    }

    /// Every account, by username.
    public func list(by actor: Actor) throws -> [StaffAccount] {
        try actor.require(.userAdmin)
        let now = clock.now()
        return try database.pool.read { try UserRepository.all(in: $0) }.map { StaffAccount($0, now: now) }
    }

    private func change(
        _ username: String, action: AuditAction, by actor: Actor,
        _ edit: @escaping @Sendable (inout UserRecord) -> Void
    ) throws {
        let now = clock.now()
        try database.pool.write { db in
            guard var user = try UserRepository.find(username: username, in: db) else {
                throw UserAdminError("no user named '\(username)'")
            }
            edit(&user)
            try UserRepository.update(user, in: db)
            try AuditLog.append(actor: actor.auditName, action: action, detail: username, at: now, in: db)
        }
    }
}
