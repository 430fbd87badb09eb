import ClinicDomain
import GRDB

/// A demographic conflict between trucks (or a patient registered twice), kept until an
/// administrator resolves it. Both values are kept; the central value is in use meanwhile.
public struct SyncConflictRecord: Codable, Equatable, Sendable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "syncConflict"

    public var id: String
    public var patientId: String
    public var field: String
    public var centralValue: String
    public var truckValue: String
    public var site: String
    public var createdAt: Timestamp
    public var resolvedAt: Timestamp?
    public var resolution: String?
    public var resolutionSent: Bool

    public init(
        id: String, patientId: String, field: String, centralValue: String, truckValue: String, site: String,
        createdAt: Timestamp, resolvedAt: Timestamp?, resolution: String?
    ) {
        self.id = id
        self.patientId = patientId
        self.field = field
        self.centralValue = centralValue
        self.truckValue = truckValue
        self.site = site
        self.createdAt = createdAt
        self.resolvedAt = resolvedAt
        self.resolution = resolution
        resolutionSent = resolvedAt != nil
    }

    /// A conflict with the patient's folder number and name, for lists.
    public struct Listing: Equatable, Sendable, FetchableRecord, Decodable {
        public var id: String
        public var folderNumber: String
        public var surname: String
        public var firstNames: String
        public var field: String
        public var centralValue: String
        public var truckValue: String
        public var site: String
        public var resolvedAt: Timestamp?
        public var resolution: String?
    }

    /// How many conflicts wait for an administrator.
    public static func openCount(in db: Database) throws -> Int {
        try SyncConflictRecord.filter(SyncConflictRecord.Columns.resolvedAt == nil).fetchCount(db)
    }

    /// Open conflicts first, then resolved ones, oldest first within each.
    public static func listings(in db: Database) throws -> [Listing] {
        try Listing.fetchAll(
            db,
            sql: """
                SELECT c.id, p.folderNumber, p.surname, p.firstNames, c.field, c.centralValue, c.truckValue, c.site, c.resolvedAt, c.resolution
                FROM syncConflict c JOIN patient p ON p.id = c.patientId
                ORDER BY c.resolvedAt IS NOT NULL, c.createdAt, c.id
                """)
    }

    /// Stores a conflict as the central database reports it; a resolution made here and not
    /// yet sent is kept.
    public static func merge(_ incoming: SyncConflictRecord, in db: Database) throws {
        guard var existing = try SyncConflictRecord.fetchOne(db, key: incoming.id) else { return try incoming.insert(db) }
        if existing.resolvedAt == nil || existing.resolutionSent, let resolved = incoming.resolvedAt {
            existing.resolvedAt = resolved
            existing.resolution = incoming.resolution
            existing.resolutionSent = true
            try existing.update(db)
        }
    }
}

extension SyncConflictRecord {
    /// The columns queries name, from the record's own coding keys.
    public enum Columns {
        public static let resolutionSent = Column(CodingKeys.resolutionSent)
        public static let resolvedAt = Column(CodingKeys.resolvedAt)
    }
}
