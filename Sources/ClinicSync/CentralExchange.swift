import ClinicDomain
import Foundation
import Logging
import PostgresNIO

/// One row pushed by a truck: `base` is the truck's merge base for patients.
struct PushedRow: Sendable {
    let kind: String
    let key: String
    let payload: String?
    let base: String?
}

/// Field-by-field merge of a patient's demographics (three-way: base, central, truck).
enum DemographicMerge {
    /// The fields merged one by one; the rest follow the latest push.
    static let fields = [
        "surname", "firstNames", "sex", "dateOfBirth", "documentType", "documentNumber", "saID", "phone",
        "address", "province", "language", "nextOfKin", "nextOfKinPhone", "membershipNumber", "dependantCode",
        "mainMemberFolder", "active", "statusReason",
    ]

    /// A conflict: the same field changed differently here and there.
    struct Conflict: Equatable {
        let field: String, central: String, truck: String
    }

    /// The fields of a row's JSON, nil without one.
    static func object(_ json: String?) -> [String: JSONDocument]? { json.flatMap(JSONDocument.fields) }

    /// A field's value as text ("" for null or missing).
    static func text(_ value: JSONDocument?) -> String { value?.plainText ?? "" }

    /// Merges the truck's row into the central one. A field the truck changed (differs from
    /// its base) is taken unless the centre changed it differently too: then the centre's
    /// value stays and the pair is a conflict. Without a base every difference is a conflict.
    static func merge(
        central: [String: JSONDocument], truck: [String: JSONDocument], base: [String: JSONDocument]?
    ) -> (merged: [String: JSONDocument], conflicts: [Conflict]) {
        var merged = truck
        var conflicts: [Conflict] = []
        for field in fields {
            let c = text(central[field]), t = text(truck[field])
            let b = base.map { text($0[field]) }
            if t == c { continue }
            if let b, t == b {
                merged[field] = central[field] ?? .null
            } else if let b, c == b {
                continue
            } else {
                merged[field] = central[field] ?? .null
                conflicts.append(Conflict(field: field, central: c, truck: t))
            }
        }
        return (merged, conflicts)
    }

    static func json(_ object: [String: JSONDocument]) -> String { JSONDocument.text(object) }
}

extension CentralDatabase {
    /// Writes one batch in one transaction, serialised with other trucks' pushes so that
    /// sequence numbers follow commit order (pulls then never skip a row). Patients are
    /// merged field by field; conflicts are recorded, never dropped. Returns the central
    /// payload of each pushed patient (the truck's next merge base).
    func push(_ rows: [PushedRow], site: String) async throws -> [String: String] {
        try await connection.withTransaction(logger: logger) { db in
            try await db.query("SELECT pg_advisory_xact_lock(7252)", logger: self.logger)
            var bases: [String: String] = [:]
            for row in rows {
                if row.kind == "patient", let payload = row.payload {
                    bases[row.key] = try await self.pushPatient(
                        key: row.key, payload: payload, base: row.base, site: site, db: db)
                    continue
                }
                try await db.query(
                    """
                    INSERT INTO record (kind, key, site, payload, deleted) VALUES (\(row.kind), \(row.key), \(site),
                      \(row.payload)::jsonb, \(row.payload == nil))
                    ON CONFLICT (kind, key) DO UPDATE SET payload = EXCLUDED.payload, deleted = EXCLUDED.deleted,
                      seq = nextval('record_seq'), pushed_at = now()
                    WHERE record.payload IS DISTINCT FROM EXCLUDED.payload OR record.deleted <> EXCLUDED.deleted
                    """, logger: self.logger)
            }
            return bases
        }
    }

    private func pushPatient(
        key: String, payload: String, base: String?, site: String, db: PostgresConnection
    ) async throws -> String {
        var current: String?
        for try await text in try await db.query(
            "SELECT payload::text FROM record WHERE kind = 'patient' AND key = \(key) FOR UPDATE",
            logger: logger
        ).decode(String.self) { current = text }
        guard let current, let central = DemographicMerge.object(current), let truck = DemographicMerge.object(payload) else {
            try await db.query(
                "INSERT INTO record (kind, key, site, payload) VALUES ('patient', \(key), \(site), \(payload)::jsonb)",
                logger: logger)
            return payload
        }
        let (merged, conflicts) = DemographicMerge.merge(central: central, truck: truck, base: DemographicMerge.object(base))
        for conflict in conflicts {
            try await db.query(
                """
                INSERT INTO patient_conflict (id, patient_id, field, central_value, truck_value, site)
                VALUES (md5(\(key) || '|' || \(conflict.field) || '|' || \(conflict.truck) || '|' || \(site)), \(key), \(conflict.field),
                        \(conflict.central), \(conflict.truck), \(site))
                ON CONFLICT (id) DO NOTHING
                """, logger: logger)
        }
        let text = DemographicMerge.json(merged)
        try await db.query(
            """
            UPDATE record SET payload = \(text)::jsonb, seq = nextval('record_seq'), pushed_at = now()
            WHERE kind = 'patient' AND key = \(key) AND payload IS DISTINCT FROM \(text)::jsonb
            """, logger: logger)
        return text
    }

    /// Rows of `kinds` after `seq`, in order, at most `limit`.
    func records(after seq: Int64, kinds: [String], limit: Int) async throws -> [CentralRecord] {
        var out: [CentralRecord] = []
        let rows = try await connection.query(
            """
            SELECT kind, key, site, payload::text, seq FROM record WHERE seq > \(seq) AND kind = ANY(\(kinds))
            ORDER BY seq LIMIT \(limit)
            """, logger: logger)
        for try await (kind, key, site, payload, seq) in rows.decode((String, String, String, String?, Int64).self) {
            out.append(CentralRecord(kind: kind, key: key, site: site, payload: payload, seq: seq))
        }
        return out
    }

    /// Stops planned for `truck` and appointments at them changed after `seq`, in order, at
    /// most `limit`; each with its stop and the stop's location as the centre holds them now
    /// (an appointment may arrive before its stop, or long after its location).
    func schedule(for truck: String, after seq: Int64, limit: Int) async throws -> [CentralScheduleRow] {
        var out: [CentralScheduleRow] = []
        let rows = try await connection.query(
            """
            SELECT r.kind, r.payload::text, s.payload::text, l.payload::text, r.seq
            FROM record r
            JOIN record s ON s.kind = 'routeStop' AND s.key = CASE WHEN r.kind = 'routeStop' THEN r.key ELSE r.payload->>'stopUid' END
            JOIN record l ON l.kind = 'location' AND l.key = s.payload->>'locationUid'
            WHERE r.kind IN ('routeStop', 'appointment') AND r.seq > \(seq) AND NOT r.deleted
              AND upper(s.payload->>'truck') = upper(\(truck))
            ORDER BY r.seq LIMIT \(limit)
            """, logger: logger)
        for try await (kind, payload, stop, location, seq) in rows.decode((String, String, String, String, Int64).self) {
            out.append(CentralScheduleRow(kind: kind, payload: payload, stop: stop, location: location, seq: seq))
        }
        return out
    }

    /// Every demographic conflict, oldest first.
    func conflicts() async throws -> [CentralConflict] {
        var out: [CentralConflict] = []
        let rows = try await connection.query(
            """
            SELECT id, patient_id, field, central_value, truck_value, site, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                   to_char(resolved_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), resolution
            FROM patient_conflict ORDER BY created_at, id
            """, logger: logger)
        for try await (id, patient, field, central, truck, site, created, resolved, resolution)
            in rows.decode((String, String, String, String, String, String, String, String?, String?).self)
        {
            out.append(
                CentralConflict(
                    id: id, patientId: patient, field: field, centralValue: central, truckValue: truck, site: site,
                    createdAt: created, resolvedAt: resolved, resolution: resolution))
        }
        return out
    }

    /// Marks a conflict resolved (once; a later resolution of the same conflict is ignored).
    func resolve(conflict id: String, resolution: String) async throws {
        try await connection.query(
            """
            UPDATE patient_conflict SET resolved_at = now(), resolution = \(resolution) WHERE id = \(id) AND resolved_at IS NULL
            """, logger: logger)
    }

    /// Roster rows after `seq`.
    func roster(after seq: Int64, limit: Int) async throws -> [(row: [String: String?], seq: Int64)] {
        var out: [(row: [String: String?], seq: Int64)] = []
        let rows = try await connection.query(
            """
            SELECT membership_number, dependant_code, surname, first_names, date_of_birth, sa_id, status, option, seq
            FROM member_roster WHERE seq > \(seq) ORDER BY seq LIMIT \(limit)
            """, logger: logger)
        for try await (number, code, surname, first, born, saID, status, option, seq)
            in rows.decode((String, String, String, String, String?, String?, String, String, Int64).self)
        {
            out.append(
                (
                    [
                        "membershipNumber": number, "dependantCode": code, "surname": surname, "firstNames": first,
                        "dateOfBirth": born, "saID": saID, "status": status, "option": option,
                    ], seq
                ))
        }
        return out
    }
}
