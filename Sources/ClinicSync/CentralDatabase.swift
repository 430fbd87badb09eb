import Foundation
import Logging
import PostgresNIO

/// A row as the central database keeps it.
struct CentralRecord: Sendable {
    let kind: String
    let key: String
    let site: String
    let payload: String?
    let seq: Int64
}

/// A stop or an appointment for this truck, with the stop and its location.
struct CentralScheduleRow: Sendable {
    let kind: String
    let payload: String
    let stop: String
    let location: String
    let seq: Int64
}

/// A demographic conflict as the central database keeps it.
struct CentralConflict: Sendable {
    let id: String, patientId: String, field: String, centralValue: String, truckValue: String, site: String
    let createdAt: String
    let resolvedAt: String?
    let resolution: String?
}

/// One connection to the head-office PostgreSQL database and the clinic's central schema.
final class CentralDatabase: @unchecked Sendable {
    let connection: PostgresConnection
    let logger = Logger(label: "clinic.sync")

    /// The schema, by version; `migrate` applies those not yet applied, under a lock.
    static let migrations: [(version: Int, sql: [String])] = [
        (
            1,
            [
                "CREATE TABLE site (code text PRIMARY KEY, install_id text NOT NULL, name text NOT NULL, last_sync timestamptz)",
                "CREATE SEQUENCE record_seq",
                """
                CREATE TABLE record (kind text NOT NULL, key text NOT NULL, site text NOT NULL, payload jsonb,
                  deleted boolean NOT NULL DEFAULT false, seq bigint NOT NULL DEFAULT nextval('record_seq'),
                  pushed_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (kind, key))
                """,
                "CREATE INDEX record_by_seq ON record (seq)",
                """
                CREATE TABLE patient_conflict (id text PRIMARY KEY, patient_id text NOT NULL, field text NOT NULL,
                  central_value text NOT NULL, truck_value text NOT NULL, site text NOT NULL,
                  created_at timestamptz NOT NULL DEFAULT now(), resolved_at timestamptz, resolution text)
                """,
                """
                CREATE TABLE member_roster (membership_number text NOT NULL, dependant_code text NOT NULL, surname text NOT NULL,
                  first_names text NOT NULL, date_of_birth text, sa_id text, status text NOT NULL, option text NOT NULL DEFAULT '',
                  seq bigint NOT NULL DEFAULT nextval('record_seq'), PRIMARY KEY (membership_number, dependant_code))
                """,
            ]
        ),
        // Locations, stops and appointments are keyed by their fleet-wide uid from now on;
        // rows a truck sent under `SITE:id` before are sent again under the uid.
        (
            2,
            [
                "DELETE FROM record WHERE kind IN ('location', 'routeStop', 'appointment') AND key LIKE '%:%'",
                "CREATE INDEX record_by_kind_seq ON record (kind, seq)",
            ]
        ),
        // Head office as the witness: every version a row had is kept (record_history), a
        // row that never changes on a truck (audit, ledger, vitals, timeline, addenda) keeps
        // its first version here whatever is pushed later, and such a push is a tamper alert.
        // History and alerts are insert-only; no record is ever deleted.
        (
            3,
            [
                """
                CREATE TABLE record_history (kind text NOT NULL, key text NOT NULL, site text NOT NULL, payload jsonb,
                  deleted boolean NOT NULL, seq bigint NOT NULL, pushed_at timestamptz NOT NULL,
                  replaced_at timestamptz NOT NULL DEFAULT now())
                """,
                "CREATE INDEX record_history_by_key ON record_history (kind, key)",
                """
                CREATE TABLE tamper_alert (id bigserial PRIMARY KEY, kind text NOT NULL, key text NOT NULL, site text NOT NULL,
                  kept_payload jsonb, pushed_payload jsonb, pushed_deleted boolean NOT NULL, at timestamptz NOT NULL DEFAULT now())
                """,
                "CREATE INDEX tamper_alert_by_site ON tamper_alert (site, id)",
                """
                CREATE FUNCTION clinic_witness() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  IF OLD.kind IN (\(CentralDatabase.unchangingKinds.map { "'\($0)'" }.joined(separator: ", ")))
                     AND (NEW.deleted OR NEW.payload IS NULL OR NOT (NEW.payload @> OLD.payload)) THEN
                    INSERT INTO tamper_alert (kind, key, site, kept_payload, pushed_payload, pushed_deleted)
                      VALUES (OLD.kind, OLD.key, NEW.site, OLD.payload, NEW.payload, NEW.deleted);
                    RETURN NULL;
                  END IF;
                  INSERT INTO record_history (kind, key, site, payload, deleted, seq, pushed_at)
                    VALUES (OLD.kind, OLD.key, OLD.site, OLD.payload, OLD.deleted, OLD.seq, OLD.pushed_at);
                  RETURN NEW;
                END $$
                """,
                "CREATE TRIGGER record_witness BEFORE UPDATE ON record FOR EACH ROW EXECUTE FUNCTION clinic_witness()",
                """
                CREATE FUNCTION clinic_insert_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION '% is insert-only at head office', TG_TABLE_NAME; END $$
                """,
                // Statement triggers: they fire for TRUNCATE too, and for a statement that matches no row.
                "CREATE TRIGGER record_no_delete BEFORE DELETE OR TRUNCATE ON record FOR EACH STATEMENT EXECUTE FUNCTION clinic_insert_only()",
                """
                CREATE TRIGGER record_history_insert_only BEFORE UPDATE OR DELETE OR TRUNCATE ON record_history
                  FOR EACH STATEMENT EXECUTE FUNCTION clinic_insert_only()
                """,
                """
                CREATE TRIGGER tamper_alert_insert_only BEFORE UPDATE OR DELETE OR TRUNCATE ON tamper_alert
                  FOR EACH STATEMENT EXECUTE FUNCTION clinic_insert_only()
                """,
            ]
        ),
        (4, CentralRoles.migration),
        (5, CentralChain.migration),
    ]

    /// Kinds whose rows never change once written on a truck (append-only there): a version
    /// pushed later that changes or drops a value, or deletes the row, is kept out and recorded
    /// as a tamper alert (one that only adds fields, as a later schema may, is accepted).
    static let unchangingKinds = ["auditEntry", "movement", "vitalsSet", "visitEvent", "noteAddendum"]

    private init(connection: PostgresConnection) { self.connection = connection }

    static func connect(_ address: CentralAddress) async throws -> CentralDatabase {
        let configuration = try address.configuration()  // a bad CA file is said as such, not as "cannot reach"
        do {
            let connection = try await PostgresConnection.connect(
                configuration: configuration, id: 1,
                logger: Logger(label: "clinic.sync"))
            return CentralDatabase(connection: connection)
        } catch {
            throw SyncError.unreachable("\(address): \(Self.reason(error))")
        }
    }

    func close() async { try? await connection.close() }

    /// Plain words for a PostgreSQL or network error.
    static func reason(_ error: Error) -> String {
        if let psql = serverError(error) {
            if psql.serverInfo?[.sqlState] == "42501" {
                return "this truck's login may not do that: a truck changes only its own site's records"
                    + " (head office's message: \(psql.serverInfo?[.message] ?? "permission denied"))"
            }
            if let message = psql.serverInfo?[.message] { return message }
            return "\(psql.code)"
        }
        return "\(error)"
    }

    /// The server's error inside `error`, also when a transaction carries it.
    static func serverError(_ error: Error) -> PSQLError? {
        if let transaction = error as? PostgresTransactionError {
            return [transaction.beginError, transaction.closureError, transaction.commitError].lazy.compactMap {
                $0.flatMap(serverError)
            }.first
        }
        return error as? PSQLError
    }

    /// Creates or upgrades the central schema; safe to run from several trucks at once.
    /// Returns the versions applied.
    func migrate() async throws -> [Int] {
        try await connection.withTransaction(logger: logger) { db in
            try await db.query("SELECT pg_advisory_xact_lock(7251)", logger: self.logger)
            try await db.query("CREATE TABLE IF NOT EXISTS clinic_schema (version integer NOT NULL)", logger: self.logger)
            var current = 0
            for try await version in try await db.query(
                "SELECT coalesce(max(version), 0) FROM clinic_schema", logger: self.logger
            )
            .decode(Int.self) { current = version }
            var applied: [Int] = []
            for migration in Self.migrations where migration.version > current {
                for statement in migration.sql { try await db.query(PostgresQuery(unsafeSQL: statement), logger: self.logger) }
                try await db.query("INSERT INTO clinic_schema (version) VALUES (\(migration.version))", logger: self.logger)
                applied.append(migration.version)
            }
            return applied
        }
    }

    /// Checks the schema exists and registers this truck's site code for its install id;
    /// another truck with the same code is refused.
    func register(site code: String, installID: String, name: String) async throws {
        var version = 0
        do {
            for try await value in try await connection.query(
                "SELECT coalesce(max(version), 0) FROM clinic_schema", logger: logger
            )
            .decode(Int.self) { version = value }
        } catch {
            throw SyncError.notMigrated
        }
        let known = Self.migrations.last!.version
        guard version >= known else { throw SyncError.notMigrated }
        guard version == known else { throw SyncError.centralNewer(central: version, known: known) }
        try await connection.query(
            """
            INSERT INTO site (code, install_id, name) VALUES (\(code), \(installID), \(name)) ON CONFLICT (code) DO NOTHING
            """, logger: logger)
        for try await owner in try await connection.query("SELECT install_id FROM site WHERE code = \(code)", logger: logger)
            .decode(String.self) where owner != installID
        {
            throw SyncError.siteTaken(code: code)
        }
    }

    func finished(site code: String) async throws {
        try await connection.query("UPDATE site SET last_sync = now() WHERE code = \(code)", logger: logger)
    }
}
