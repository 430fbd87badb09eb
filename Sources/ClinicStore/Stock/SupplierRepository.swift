import Foundation
import GRDB

/// A company stock is bought from.
public struct SupplierRecord: Codable, Equatable, Sendable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "supplier"

    public var id: Int64?
    public var name: String
    public var contact: String
    public var phone: String

    public init(name: String, contact: String = "", phone: String = "") {
        self.name = name
        self.contact = contact
        self.phone = phone
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// Suppliers inside the caller's transaction. Names are unique regardless of case.
public enum SupplierRepository {
    /// Every supplier, by name.
    public static func all(in db: Database) throws -> [SupplierRecord] {
        try SupplierRecord.fetchAll(db, sql: "SELECT * FROM supplier ORDER BY name COLLATE NOCASE")
    }

    /// The supplier called `name` (any case).
    public static func named(_ name: String, in db: Database) throws -> SupplierRecord? {
        try SupplierRecord.fetchOne(db, sql: "SELECT * FROM supplier WHERE name = ? COLLATE NOCASE", arguments: [name])
    }

    /// Adds a supplier; the caller has checked the name is free.
    @discardableResult
    public static func add(_ supplier: SupplierRecord, in db: Database) throws -> SupplierRecord {
        var supplier = supplier
        try supplier.insert(db)
        return supplier
    }

    /// The supplier with `id`.
    public static func supplier(id: Int64, in db: Database) throws -> SupplierRecord? {
        try SupplierRecord.fetchOne(db, key: id)
    }

    /// Saves a changed supplier; a new name is carried to the batches that named the old one.
    public static func update(_ supplier: SupplierRecord, renamedFrom oldName: String, in db: Database) throws {
        try supplier.update(db)
        if oldName != supplier.name {
            try db.execute(sql: "UPDATE batch SET supplier = ? WHERE supplier = ?", arguments: [supplier.name, oldName])
        }
    }
}
