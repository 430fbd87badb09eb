import Foundation
import NIOSSL
import PostgresNIO

/// Where the central PostgreSQL database is: `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE`,
/// optionally `?sslmode=disable|require|verify-full&sslrootcert=CA.pem`. Without `sslmode`,
/// a loopback host is reached in plain text and any other only by TLS with the server's
/// certificate and name verified (`verify-full`; system roots, or `sslrootcert`). Without a
/// password in the URL it is read from `$PGPASSFILE` or `~/.pgpass` (libpq's format), which
/// must not be readable by group or others.
public struct CentralAddress: Equatable, Sendable, CustomStringConvertible {
    public let host: String
    public let port: Int
    public let user: String
    let password: String?
    public let database: String
    public let tls: TLSMode
    /// PEM file of the certificate authorities trusted for the server; nil: the system's.
    public let rootCertificates: String?

    /// How the connection is protected.
    public enum TLSMode: String, Equatable, Sendable {
        case disable, require
        case verifyFull = "verify-full"
    }

    /// Reads a `postgres://` or `postgresql://` URL, or says what is wrong with it.
    /// `environment` gives `PGPASSFILE` and `HOME` for the password file.
    public static func parse(
        _ text: String, environment: [String: String] = ProcessInfo.processInfo.environment
    )
        -> Result<CentralAddress, SyncError>
    {
        guard let url = URLComponents(string: text), ["postgres", "postgresql"].contains(url.scheme ?? ""),
            let host = url.host, !host.isEmpty, let user = url.user, !user.isEmpty
        else {
            return .failure(.address("'\(text)' is not a postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE address"))
        }
        let database = String(url.path.drop { $0 == "/" })
        guard !database.isEmpty else { return .failure(.address("'\(text)' names no database after the host")) }
        let query = Dictionary((url.queryItems ?? []).map { ($0.name, $0.value ?? "") }) { $1 }
        if let unknown = query.keys.sorted().first(where: { !["sslmode", "sslrootcert"].contains($0) }) {
            return .failure(.address("unknown setting '\(unknown)' (known: sslmode, sslrootcert)"))
        }
        let loopback = ["localhost", "127.0.0.1", "::1", "[::1]"].contains(host)
        guard let tls = query["sslmode"].map(TLSMode.init(rawValue:)) ?? (loopback ? .disable : .verifyFull) else {
            return .failure(.address("sslmode must be disable, require or verify-full (got '\(query["sslmode"] ?? "")')"))
        }
        let port = url.port ?? 5432
        let password: String?
        switch url.password.map(Result<String?, SyncError>.success)
            ?? PasswordFile.lookup(
                host: host, port: port, database: database,
                user: user, environment: environment)
        {
        case .success(let found): password = found
        case .failure(let problem): return .failure(problem)
        }
        return .success(
            CentralAddress(
                host: host, port: port, user: user, password: password, database: database, tls: tls,
                rootCertificates: query["sslrootcert"].flatMap { $0.isEmpty ? nil : $0 }))
    }

    /// The connection settings; reading the CA file can fail, in words.
    func configuration() throws -> PostgresConnection.Configuration {
        let tlsSetting: PostgresConnection.Configuration.TLS
        switch tls {
        case .disable: tlsSetting = .disable
        case .require, .verifyFull:
            var settings = TLSConfiguration.makeClientConfiguration()
            settings.minimumTLSVersion = .tlsv12
            if tls == .require { settings.certificateVerification = .none }
            if let rootCertificates {
                do {
                    settings.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(rootCertificates))
                } catch {
                    throw SyncError.address(
                        "cannot read the certificate authorities in \(rootCertificates) (a PEM file is needed)")
                }
            }
            do { tlsSetting = .require(try NIOSSLContext(configuration: settings)) } catch {
                throw SyncError.address("TLS cannot be set up: \(error)")
            }
        }
        return PostgresConnection.Configuration(
            host: host, port: port, username: user, password: password, database: database,
            tls: tlsSetting)
    }

    /// The address without its password, for messages.
    public var description: String {
        "postgres://\(user)@\(host):\(port)/\(database)" + (tls == .disable ? "" : " (\(tls.rawValue))")
    }
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
    /// Head office refused the audit row `key`: it does not continue the chain it holds.
    case auditChainBroken(key: String)

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
        case .auditChainBroken(let key):
            "Head office refused this truck's audit log at row \(key): it does not continue the rows head office already holds "
                + "(rows were removed, renumbered or rewritten here). Head office has been told. Nothing is lost on this truck; "
                + "run `clinic audit verify --central URL` and call head office before syncing again."
        }
    }
}
