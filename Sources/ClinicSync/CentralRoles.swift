import Foundation
import PostgresNIO

/// Least privilege at head office: each truck logs in as its own role (`clinic central
/// add-truck`), a member of `clinic_truck`, which may read what trucks pull and insert and
/// update only through row-level security: rows of its own site, plus the fleet-shared rows
/// (patients, locations, stops, appointments) that any truck updates by merge. It owns
/// nothing, so it cannot drop or disable the witness triggers, delete a row or alter the schema.
enum CentralRoles {
    /// The group role every truck's login role belongs to.
    static let group = "clinic_truck"
    /// Kinds any truck may update, whichever truck sent them first.
    static let sharedKinds = ["patient", "location", "routeStop", "appointment"]

    /// Schema version 4: the group role, the site each login role speaks for, the grants
    /// and the row-level security policies.
    static let migration: [String] = [
        """
        DO $$ BEGIN
          IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '\(group)') THEN CREATE ROLE \(group) NOLOGIN; END IF;
        END $$
        """,
        "CREATE TABLE site_role (role name PRIMARY KEY, site text NOT NULL UNIQUE)",
        // Evaluated as the querying role: the site it speaks for, or NULL (which matches nothing).
        "CREATE FUNCTION clinic_current_site() RETURNS text LANGUAGE sql STABLE AS $$ SELECT site FROM site_role WHERE role = current_user $$",
        // The witness writes history and alerts on behalf of trucks that may not touch them.
        "ALTER FUNCTION clinic_witness() SECURITY DEFINER SET search_path = public",
        "REVOKE CREATE ON SCHEMA public FROM PUBLIC",
        "REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC",
        "GRANT SELECT ON clinic_schema, site_role, member_roster TO \(group)",
        "GRANT SELECT, INSERT, UPDATE ON site, record TO \(group)",
        "GRANT SELECT, INSERT ON patient_conflict TO \(group)",
        "GRANT UPDATE (resolved_at, resolution) ON patient_conflict TO \(group)",
        "GRANT SELECT ON tamper_alert TO \(group)",
        "GRANT USAGE ON SEQUENCE record_seq TO \(group)",
        "ALTER TABLE record ENABLE ROW LEVEL SECURITY",
        "CREATE POLICY record_read ON record FOR SELECT USING (true)",
        "CREATE POLICY record_insert ON record FOR INSERT WITH CHECK (site = clinic_current_site())",
        """
        CREATE POLICY record_update ON record FOR UPDATE
          USING (site = clinic_current_site() OR kind IN (\(sharedKinds.map { "'\($0)'" }.joined(separator: ", "))))
          WITH CHECK (site = clinic_current_site() OR kind IN (\(sharedKinds.map { "'\($0)'" }.joined(separator: ", "))))
        """,
        "ALTER TABLE site ENABLE ROW LEVEL SECURITY",
        "CREATE POLICY site_read ON site FOR SELECT USING (true)",
        "CREATE POLICY site_insert ON site FOR INSERT WITH CHECK (code = clinic_current_site())",
        "CREATE POLICY site_update ON site FOR UPDATE USING (code = clinic_current_site())",
        "ALTER TABLE patient_conflict ENABLE ROW LEVEL SECURITY",
        "CREATE POLICY conflict_read ON patient_conflict FOR SELECT USING (true)",
        "CREATE POLICY conflict_insert ON patient_conflict FOR INSERT WITH CHECK (site = clinic_current_site())",
        "CREATE POLICY conflict_resolve ON patient_conflict FOR UPDATE USING (true)",
        "ALTER TABLE tamper_alert ENABLE ROW LEVEL SECURITY",
        "CREATE POLICY tamper_alert_own ON tamper_alert FOR SELECT USING (site = clinic_current_site())",
    ]

    /// The login role for site `code`: `clinic_truck_` and the code in lower case, other
    /// characters as `_`; nil when the code is not 1–20 letters, digits and dashes.
    static func roleName(site code: String) -> String? {
        guard (1...20).contains(code.count), code.allSatisfy({ ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "-" }) else {
            return nil
        }
        return "\(group)_" + code.lowercased().map { $0 == "-" ? "_" : String($0) }.joined()
    }

    /// A password of 32 letters and digits from the system's secure generator.
    static func newPassword() -> String {
        let alphabet = Array("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<32).map { _ in alphabet[Int(generator.next(upperBound: UInt(alphabet.count)))] })
    }
}

/// What `clinic central add-truck` made: the role and its password, as a password-file line.
public struct TruckCredential: Sendable {
    public let site: String
    public let role: String
    let password: String

    /// The libpq password-file line for this role at `address` (the truck's `~/.pgpass`).
    public func passwordFileLine(for address: CentralAddress) -> String {
        let escape = { (text: String) in
            text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: ":", with: "\\:")
        }
        return [address.host, String(address.port), address.database, role, password].map(escape).joined(separator: ":") + "\n"
    }
}

extension CentralDatabase {
    /// Creates (or gives a new password to) the login role of truck `site`, in `clinic_truck`,
    /// speaking for that site only. Needs a head-office role allowed to create roles.
    func addTruck(site code: String) async throws -> TruckCredential {
        guard let role = CentralRoles.roleName(site: code) else {
            throw SyncError.address("site code '\(code)' must be 1 to 20 letters, digits and dashes")
        }
        let password = CentralRoles.newPassword()
        try await connection.withTransaction(logger: logger) { db in
            for statement in [
                "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '\(role)') THEN CREATE ROLE \(role) LOGIN; END IF; END $$",
                "ALTER ROLE \(role) LOGIN PASSWORD '\(password)'",
                "GRANT \(CentralRoles.group) TO \(role)",
            ] {
                try await db.query(PostgresQuery(unsafeSQL: statement), logger: self.logger)
            }
            var owner: String?
            for try await existing in try await db.query(
                "SELECT role::text FROM site_role WHERE site = \(code)", logger: self.logger
            )
            .decode(String.self) { owner = existing }
            if let owner, owner != role { throw SyncError.siteTaken(code: code) }
            try await db.query(
                "INSERT INTO site_role (role, site) VALUES (\(role), \(code)) ON CONFLICT (role) DO UPDATE SET site = EXCLUDED.site",
                logger: self.logger)
        }
        return TruckCredential(site: code, role: role, password: password)
    }
}
