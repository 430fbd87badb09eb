import ClinicDomain
import Foundation
import GRDB

/// A piece of equipment on the register.
public struct AssetRecord: Codable, Equatable, Sendable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "asset"

    public var id: Int64?
    public var type: String
    public var make: String
    public var model: String
    public var serial: String
    public var location: String
    public var status: String
    /// Next service or calibration date, `YYYY-MM-DD`.
    public var nextService: String?

    public init(type: String, make: String, model: String, serial: String, location: String, status: String, nextService: String?)
    {
        self.type = type
        self.make = make
        self.model = model
        self.serial = serial
        self.location = location
        self.status = status
        self.nextService = nextService
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    /// "ECG machine Schiller AT-1 #S123".
    public var name: String { [type, make, model].filter { !$0.isEmpty }.joined(separator: " ") + " #\(serial)" }

    public var assetStatus: AssetStatus { AssetStatus(rawValue: status) ?? .inService }
}

/// One entry of an asset's history: what its status, place and service date became, and why.
public struct AssetEventRecord: Codable, Equatable, Sendable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "assetEvent"

    public var id: Int64?
    public var assetId: Int64
    public var status: String
    public var location: String
    public var nextService: String?
    public var note: String
    public var actor: String
    public var at: Timestamp

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// The equipment register inside the caller's transaction. Every change to an asset
/// appends a history row; the history refuses updates and deletes.
public enum AssetRepository {
    /// Every asset, by type and serial.
    public static func all(in db: Database) throws -> [AssetRecord] {
        try AssetRecord.fetchAll(db, sql: "SELECT * FROM asset ORDER BY type COLLATE NOCASE, serial COLLATE NOCASE")
    }

    public static func find(id: Int64, in db: Database) throws -> AssetRecord? {
        try AssetRecord.fetchOne(db, key: id)
    }

    /// The asset with this serial number (any case).
    public static func find(serial: String, in db: Database) throws -> AssetRecord? {
        try AssetRecord.fetchOne(db, sql: "SELECT * FROM asset WHERE serial = ? COLLATE NOCASE", arguments: [serial])
    }

    /// Saves the asset (inserting it when new) and appends its history row.
    @discardableResult
    public static func save(
        _ asset: AssetRecord, note: String, actor: String, at date: Date, in db: Database
    ) throws -> AssetRecord {
        var asset = asset
        try asset.save(db)
        var event = AssetEventRecord(
            assetId: asset.id!, status: asset.status, location: asset.location, nextService: asset.nextService,
            note: note, actor: actor, at: Timestamp(date))
        try event.insert(db)
        return asset
    }

    /// An asset's history, oldest first.
    public static func history(of assetID: Int64, in db: Database) throws -> [AssetEventRecord] {
        try AssetEventRecord.fetchAll(db, sql: "SELECT * FROM assetEvent WHERE assetId = ? ORDER BY id", arguments: [assetID])
    }
}
