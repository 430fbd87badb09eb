import ClinicDomain
package import ClinicStore
import Foundation
internal import GRDB
import Logging

/// Login, logout, lockout and idle-unlock. Every outcome is audited.
public struct AuthService: Sendable {
    let database: ClinicDatabase
    let hasher: PasswordHasher
    let clock: any Clock
    let policy: LockoutPolicy
    /// Security events (never passwords) for the operator's log.
    let logger = Logger(label: "clinic.auth")

    /// A hash of a random secret with the production parameters: unknown usernames are
    /// checked against it so they take as long as known ones.
    static let decoyHash = "$argon2id$v=19$m=19456,t=2,p=1$PO/eHNMFL+Nh4fd+lBDTbQ$pkmL49yECB2Ol88ZnqC7Z4ENZvGoEhz8V1OqEwv4hAE"

    package init(
        database: ClinicDatabase, hasher: PasswordHasher = .owasp,
        clock: any Clock = SystemClock(), policy: LockoutPolicy = .standard
    ) {
        self.database = database
        self.hasher = hasher
        self.clock = clock
        self.policy = policy
    }

    /// Checks the credentials and opens a session, or throws `LoginError` (one message
    /// for every failure). `terminal` names where the login happened, for the audit row.
    public func login(username rawUsername: String, password: String, terminal: String) throws -> Session {
        let username = rawUsername.trimmingCharacters(in: .whitespaces).lowercased()
        let user = try database.pool.read { try UserRepository.find(username: username, in: $0) }
        let matches = hasher.verify(password, against: user?.passwordHash ?? Self.decoyHash)
        let now = clock.now()
        return try database.pool.write { db -> Result<Session, LoginError> in
            guard var user = try UserRepository.find(username: username, in: db) else {
                // The typed name may be a password typed in the wrong field: only a tag of it is kept.
                let tag = "unknown user #\(try ShortTag.of(username, in: db))"
                try AuditLog.append(actor: tag, action: .loginFailed, detail: "unknown user at \(terminal)", at: now, in: db)
                logger.notice("login failed: unknown user", metadata: ["user": "\(tag)", "terminal": "\(terminal)"])
                return .failure(.badCredentials)
            }
            if user.disabled {
                try AuditLog.append(
                    actor: user.username, action: .loginRefused,
                    detail: "account disabled, at \(terminal)", at: now, in: db)
                return .failure(.disabled)
            }
            if policy.isLocked(lockedUntil: user.lockedUntilDate, now: now) {
                try AuditLog.append(
                    actor: user.username, action: .loginRefused,
                    detail: "account locked, at \(terminal)", at: now, in: db)
                return .failure(.locked)
            }
            guard matches else {
                let next = policy.afterFailure(failures: user.failedAttempts, now: now)
                user.failedAttempts = next.failures
                user.lockedUntil = next.lockedUntil.map(Timestamp.init)
                try UserRepository.update(user, in: db)
                try AuditLog.append(
                    actor: user.username, action: .loginFailed,
                    detail: "wrong password at \(terminal)", at: now, in: db)
                logger.notice("login failed: wrong password", metadata: ["user": "\(user.username)", "terminal": "\(terminal)"])
                if let until = next.lockedUntil {
                    try AuditLog.append(
                        actor: user.username, action: .lockout,
                        detail: "locked until \(Timestamp.string(until))", at: now, in: db)
                    logger.warning("account locked after repeated failures", metadata: ["user": "\(user.username)"])
                }
                return .failure(.badCredentials)
            }
            user.failedAttempts = 0
            user.lockedUntil = nil
            try UserRepository.update(user, in: db)
            try AuditLog.append(actor: user.username, action: .login, detail: "at \(terminal)", at: now, in: db)
            logger.info("login", metadata: ["user": "\(user.username)", "terminal": "\(terminal)"])
            return .success(
                Session(
                    userID: user.id!, username: user.username, fullName: user.fullName,
                    role: user.role, epoch: user.sessionEpoch, startedAt: now))
        }.get()
    }

    /// Ends `session`, with `reason` in the audit row.
    public func logout(_ session: Session, reason: String) throws {
        let now = clock.now()
        try database.pool.write { db in
            _ = try AuditLog.append(actor: session.username, action: .logout, detail: reason, at: now, in: db)
        }
    }

    /// Whether `session` may go on: the account still exists, is not disabled and its
    /// password has not changed since login.
    public func isCurrent(_ session: Session) throws -> Bool {
        guard let user = try database.pool.read({ try UserRepository.find(id: session.userID, in: $0) }) else {
            return false
        }
        return !user.disabled && user.sessionEpoch == session.epoch
    }

    /// Audits that the idle timer locked `session`'s terminal.
    public func recordIdleLock(_ session: Session) throws {
        let now = clock.now()
        try database.pool.write { db in
            _ = try AuditLog.append(actor: session.username, action: .terminalLocked, detail: "idle", at: now, in: db)
        }
    }
}
