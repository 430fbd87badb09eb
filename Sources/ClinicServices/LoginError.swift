/// Why a login failed. Every case shows the same text, so the message never reveals
/// whether an account exists or is locked.
public enum LoginError: Error, Equatable, Sendable, CustomStringConvertible {
    case badCredentials
    case locked
    case disabled

    /// The one message shown for every failed login.
    public static let message = "Login failed: wrong username or password, or the account is locked."

    public var description: String { Self.message }
}
