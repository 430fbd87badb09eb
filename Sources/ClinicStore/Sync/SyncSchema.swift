/// What the truck sends to the central database: every synced table and how its rows are
/// keyed. The triggers that queue each insert, update and delete in `syncOutbox` are
/// installed by migrations (v14, v15, v23, v24), each from its own frozen list: a table added here
/// needs a new migration that queues it.
public enum SyncTables {
    /// Synced tables and their key column (as since v15: the itinerary's tables by a
    /// fleet-wide `uid`). Tables keyed by a UUID (or a visit's UUID) keep that key
    /// centrally; the others' integer ids are prefixed with the site code there.
    public static let keys: [(table: String, key: String)] = [
        ("patient", "id"), ("patientBackground", "id"), ("visit", "id"), ("visitEvent", "id"), ("vitalsSet", "id"),
        ("consultationNote", "visitId"), ("noteAddendum", "id"), ("diagnosis", "id"), ("prescription", "id"),
        ("referral", "id"), ("counsellingNote", "id"), ("batch", "id"), ("movement", "id"), ("location", "uid"),
        ("routeStop", "uid"), ("appointment", "uid"), ("auditEntry", "id"), ("screeningResult", "id"),
        ("hivTest", "id"),
    ]

    /// Tables whose key is already globally unique.
    public static let globalKeys: Set<String> = ["patient", "visit", "consultationNote", "location", "routeStop", "appointment"]

    /// Fleet-wide ids of the rows a payload refers to by this truck's integer ids, added to
    /// the pushed JSON so another truck can map them to its own rows.
    static let references: [String: [(field: String, sql: String)]] = [
        "routeStop": [("locationUid", "(SELECT l.uid FROM location l WHERE l.id = routeStop.locationId)")],
        "appointment": [
            ("stopUid", "(SELECT s.uid FROM routeStop s WHERE s.id = appointment.stopId)"),
            ("replacesUid", "(SELECT r.uid FROM appointment r WHERE r.id = appointment.replaces)"),
        ],
    ]

    /// The central key of a row: its own key, or `SITE:id`.
    public static func centralKey(table: String, key: String, site: String) -> String {
        globalKeys.contains(table) ? key : "\(site):\(key)"
    }
}
