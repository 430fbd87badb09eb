import GRDB

/// Site-wide settings kept in the database (site name and code, demo marker).
public struct SiteSettings: Equatable, Sendable {
    /// Name shown on the login screen and status line, e.g. "POLMED Truck 3".
    public var siteName: String
    /// Short code prefixed to folder numbers so trucks never issue the same one.
    public var siteCode: String
    /// True for databases made by `clinic demo`.
    public var isDemo: Bool

    public init(siteName: String, siteCode: String, isDemo: Bool) {
        self.siteName = siteName
        self.siteCode = siteCode
        self.isDemo = isDemo
    }
}

/// Reads and writes `SiteSettings`.
public struct SettingsRepository: Sendable {
    let database: ClinicDatabase

    public init(database: ClinicDatabase) { self.database = database }

    /// The stored settings, with defaults for anything never set.
    public func load() throws -> SiteSettings {
        try database.pool.read(Self.load)
    }

    /// The stored settings, read inside the caller's transaction.
    public static func load(in db: Database) throws -> SiteSettings {
        let rows = try Row.fetchAll(db, sql: "SELECT key, value FROM setting")
        var values: [String: String] = [:]
        for row in rows { values[row["key"]] = row["value"] }
        return SiteSettings(
            siteName: values["siteName"] ?? "Mobile Clinic",
            siteCode: values["siteCode"] ?? "MC",
            isDemo: values["demo"] == "1")
    }

    /// One stored setting by its key (e.g. `sync.counselling`), nil when never set.
    public static func value(of key: String, in db: Database) throws -> String? {
        try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = ?", arguments: [key])
    }

    /// Stores `settings` inside the caller's transaction.
    public static func save(_ settings: SiteSettings, in db: Database) throws {
        let pairs = [
            ("siteName", settings.siteName), ("siteCode", settings.siteCode),
            ("demo", settings.isDemo ? "1" : "0"),
        ]
        // An update, else an insert: not an upsert, whose conflict rule would also govern the
        // seal trigger's own INSERT OR REPLACE (and fail on the row's existing seal).
        for (key, value) in pairs {
            try db.execute(sql: "UPDATE setting SET value = ? WHERE key = ?", arguments: [value, key])
            if db.changesCount == 0 {
                try db.execute(sql: "INSERT INTO setting(key, value) VALUES (?, ?)", arguments: [key, value])
            }
        }
    }
}
