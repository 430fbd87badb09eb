import ClinicDomain

/// Who is acting: a logged-in user, or an operator at the truck's shell (who already
/// holds the database file, so acts with administrator rights).
public enum Actor: Equatable, Sendable {
    case user(Session)
    case shell(name: String)

    /// The name written to the audit log.
    public var auditName: String {
        switch self {
        case .user(let session): session.username
        case .shell(let name): "shell:\(name)"
        }
    }

    /// Whether this actor holds `permission` (the shell holds every one).
    public func may(_ permission: Permission) -> Bool {
        if case .user(let session) = self { return session.can(permission) }
        return true
    }

    /// Throws `AccessDenied` unless this actor holds `permission`.
    public func require(_ permission: Permission) throws {
        if case .user(let session) = self { try session.require(permission) }
    }

    /// Throws `AccessDenied` (naming `permission`) unless this actor holds either permission.
    public func require(_ permission: Permission, or other: Permission) throws {
        if case .user(let session) = self, !session.can(other) { try session.require(permission) }
    }
}
