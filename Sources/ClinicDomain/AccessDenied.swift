/// Raised by services when the acting user's role lacks a permission.
public struct AccessDenied: Error, Equatable, Sendable, CustomStringConvertible {
    public let role: Role
    public let permission: Permission

    public init(role: Role, permission: Permission) {
        self.role = role
        self.permission = permission
    }

    public var description: String {
        "\(role.oneOf) cannot \(permission.activity)."
    }
}
