import ClinicDomain
import Foundation

/// A logged-in user at one terminal.
public struct Session: Equatable, Sendable {
    public let userID: Int64
    public let username: String
    public let fullName: String
    public let role: Role
    /// The account's session epoch at login; a password change bumps it and ends this session.
    public let epoch: Int
    public let startedAt: Date

    /// Whether this session's role holds `permission`.
    public func can(_ permission: Permission) -> Bool { AccessPolicy.allows(role, permission) }

    /// Throws `AccessDenied` unless this session's role holds `permission`.
    public func require(_ permission: Permission) throws {
        guard can(permission) else { throw AccessDenied(role: role, permission: permission) }
    }
}
