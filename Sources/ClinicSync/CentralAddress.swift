import Foundation
import PostgresNIO

/// Where the central PostgreSQL database is: `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE`.
public struct CentralAddress: Equatable, Sendable, CustomStringConvertible {
    public let host: String
    public let port: Int
    public let user: String
    let password: String?
    public let database: String

    /// Reads a `postgres://` or `postgresql://` URL, or says what is wrong with it.
    public static func parse(_ text: String) -> Result<CentralAddress, SyncError> {
        guard let url = URLComponents(string: text), ["postgres", "postgresql"].contains(url.scheme ?? ""),
              let host = url.host, !host.isEmpty, let user = url.user, !user.isEmpty else {
            return .failure(.address("'\(text)' is not a postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE address"))
        }
        let database = String(url.path.drop { $0 == "/" })
        guard !database.isEmpty else { return .failure(.address("'\(text)' names no database after the host")) }
        return .success(CentralAddress(host: host, port: url.port ?? 5432, user: user, password: url.password, database: database))
    }

    var configuration: PostgresConnection.Configuration {
        PostgresConnection.Configuration(host: host, port: port, username: user, password: password, database: database, tls: .disable)
    }

    /// The address without its password, for messages.
    public var description: String { "postgres://\(user)@\(host):\(port)/\(database)" }
}

/// Why a sync could not run or finish.
public enum SyncError: Error, Equatable, Sendable, CustomStringConvertible {
    case address(String)
    case unreachable(String)
    case siteTaken(code: String)
    case notMigrated
    /// The central schema is newer than this program knows.
    case centralNewer(central: Int, known: Int)
    case central(String)

    public var description: String {
        switch self {
        case .address(let reason): "Central database address: \(reason)"
        case .unreachable(let reason): "Cannot reach the central database: \(reason). Nothing was lost; sync again when online."
        case .siteTaken(let code):
            "Site code \(code) is already used by another truck at the central database; each truck needs its own site code."
        case .notMigrated: "The central database has no clinic schema yet, or an older one; run `clinic central migrate` first."
        case .centralNewer(let central, let known):
            "The central database has schema version \(central) but this program knows \(known): update Mobile Clinic on this truck, then sync. Nothing was lost."
        case .central(let reason): "The central database refused: \(reason). Nothing was lost; sync again."
        }
    }
}
