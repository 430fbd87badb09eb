import ClinicDomain
import ClinicServices
import ClinicStore
import Foundation
import GRDB
import PostgresNIO

/// A push head office kept out: a row that never changes on a truck arrived changed or deleted.
public struct TamperAlert: Equatable, Sendable, CustomStringConvertible {
    public let kind: String
    public let key: String
    public let deleted: Bool
    /// When head office saw it (its clock, ISO 8601).
    public let at: String

    public var description: String {
        kind == "auditChain"
            ? "audit row \(key) refused: it does not continue the rows head office holds (\(at))"
            : "\(kind) \(key) \(deleted ? "deleted" : "changed") on the truck (pushed \(at))"
    }
}

/// The truck's audit log checked against the copy head office keeps as its witness.
public struct CentralVerification: Equatable, Sendable, CustomStringConvertible {
    /// Audit rows head office holds for this truck, each compared with the truck's row.
    public var compared = 0
    /// Local ids of audit rows whose content here differs from head office's first copy.
    public var differing: [String] = []
    /// Local ids of audit rows head office holds that are gone from this truck.
    public var missingHere: [String] = []
    public var alerts: [TamperAlert] = []

    public var isClean: Bool { differing.isEmpty && missingHere.isEmpty && alerts.isEmpty }

    public var description: String {
        guard !isClean else {
            return
                "Head office agrees: its \(compared.counted("audit row")) from this truck match this truck's, and it holds no tamper alert."
        }
        var lines = ["TAMPERED: this truck's audit log differs from the copy head office keeps."]
        if !differing.isEmpty {
            lines.append("\(differing.count.counted("audit row")) changed here since sent: ids \(Self.sample(differing)).")
        }
        if !missingHere.isEmpty {
            lines.append("\(missingHere.count.counted("audit row")) gone from here: ids \(Self.sample(missingHere)).")
        }
        if !alerts.isEmpty {
            lines.append("\(alerts.count.counted("tamper alert")) at head office; first: \(alerts[0]).")
        }
        return lines.joined(separator: "\n")
    }

    private static func sample(_ ids: [String]) -> String {
        ids.prefix(5).joined(separator: ", ") + (ids.count > 5 ? ", …" : "")
    }
}

extension CentralDatabase {
    /// Head office's kept copy of this site's audit rows: central key → payload.
    func auditCopies(site: String) async throws -> [(key: String, payload: String?)] {
        let rows = try await connection.query(
            """
            SELECT key, payload::text FROM record WHERE kind = 'auditEntry' AND site = \(site) ORDER BY seq
            """, logger: logger)
        var copies: [(key: String, payload: String?)] = []
        for try await (key, payload) in rows.decode((String, String?).self) { copies.append((key, payload)) }
        return copies
    }

    /// The tamper alerts head office recorded for this site, oldest first.
    func tamperAlerts(site: String) async throws -> [TamperAlert] {
        let rows = try await connection.query(
            """
            SELECT kind, key, pushed_deleted, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
            FROM tamper_alert WHERE site = \(site) ORDER BY id
            """, logger: logger)
        var alerts: [TamperAlert] = []
        for try await (kind, key, deleted, at) in rows.decode((String, String, Bool, String).self) {
            alerts.append(TamperAlert(kind: kind, key: key, deleted: deleted, at: at))
        }
        return alerts
    }
}

extension SyncService {
    /// Compares every audit row head office holds for this truck with the row here, and
    /// lists head office's tamper alerts for it. Reads only; nothing is pushed.
    public func verifyAgainstCentral(_ address: CentralAddress, by actor: Actor) throws -> CentralVerification {
        try actor.require(.auditRead)
        let site = try database.pool.read { try SettingsRepository.load(in: $0) }.siteCode
        let (copies, alerts) = try blocking {
            let central = try await CentralDatabase.connect(address)
            do {
                let result = (try await central.auditCopies(site: site), try await central.tamperAlerts(site: site))
                await central.close()
                return result
            } catch {
                await central.close()
                throw Self.wrap(error)
            }
        }
        var verification = CentralVerification(compared: copies.count, alerts: alerts)
        try database.pool.read { db in
            for copy in copies {
                let id = String(copy.key.dropFirst(site.count + 1))
                guard let here = try SyncStore.json(table: "auditEntry", key: id, in: db) else {
                    verification.missingHere.append(id)
                    continue
                }
                if !Self.sameObject(here, copy.payload) { verification.differing.append(id) }
            }
        }
        return verification
    }

    /// Whether two JSON texts hold the same object (jsonb reorders keys and spaces).
    static func sameObject(_ a: String, _ b: String?) -> Bool {
        guard let b, let first = JSONDocument.fields(a), let second = JSONDocument.fields(b) else { return false }
        return first == second
    }
}
