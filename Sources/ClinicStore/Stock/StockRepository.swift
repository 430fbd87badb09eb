import ClinicDomain
import Foundation
import GRDB

/// Stock fields of a formulary item.
public struct StockItemRecord: Codable, Equatable, Sendable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "stockItem"

    public var code: String
    public var nappi: String
    public var reorderLevel: Int
    public var storageNote: String

    public init(code: String, nappi: String = "", reorderLevel: Int = 0, storageNote: String = "") {
        self.code = code
        self.nappi = nappi
        self.reorderLevel = reorderLevel
        self.storageNote = storageNote
    }
}

/// A received batch of an item.
public struct BatchRecord: Codable, Equatable, Sendable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "batch"

    public var id: Int64?
    public var itemCode: String
    public var batchNumber: String
    public var expiry: String
    public var supplier: String
    public var receivedAt: Timestamp
    /// What one unit cost, in cents, when known.
    public var unitCostCents: Int?

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// The stock ledger inside the caller's transaction. Quantities on hand are always sums
/// of movements; the movement table refuses updates and deletes.
public enum StockRepository {
    public static func item(byGTIN gtin: String, in db: Database) throws -> FormularyItem? {
        try FormularyItem.fetchOne(
            db,
            sql: """
                SELECT f.* FROM gtin g JOIN formularyItem f ON f.code = g.itemCode WHERE g.gtin = ?
                """, arguments: [gtin])
    }

    /// Makes `code` a stocked item (if it is not yet) and links `gtin` to it.
    public static func link(gtin: String, to code: String, in db: Database) throws {
        try ensureStocked(code, in: db)
        try db.execute(
            sql: "INSERT INTO gtin(gtin, itemCode) VALUES (?, ?) ON CONFLICT(gtin) DO UPDATE SET itemCode = excluded.itemCode",
            arguments: [gtin, code])
    }

    /// Makes the formulary item `code` a stocked item, when it is not one yet.
    public static func ensureStocked(_ code: String, in db: Database) throws {
        if try StockItemRecord.fetchOne(db, key: code) == nil { try StockItemRecord(code: code).insert(db) }
    }

    /// The batch with these identifiers, created if new.
    public static func batch(
        itemCode: String, batchNumber: String, expiry: CalendarDate, supplier: String,
        unitCost: Rands?, at date: Date, in db: Database
    ) throws -> BatchRecord {
        if let existing = try BatchRecord.fetchOne(
            db, sql: "SELECT * FROM batch WHERE itemCode = ? AND batchNumber = ? AND expiry = ?",
            arguments: [itemCode, batchNumber, expiry.description])
        {
            return existing
        }
        var batch = BatchRecord(
            itemCode: itemCode, batchNumber: batchNumber, expiry: expiry.description, supplier: supplier,
            receivedAt: Timestamp(date), unitCostCents: unitCost?.cents)
        try batch.insert(db)
        return batch
    }

    /// Appends one movement of `quantity` (signed) to a batch.
    public static func move(
        batchID: Int64, kind: MovementKind, quantity: Int, visitId: String?, reason: String,
        actor: String, at date: Date, in db: Database
    ) throws {
        try db.execute(
            sql: "INSERT INTO movement(batchId, kind, quantity, visitId, reason, actor, at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            arguments: [batchID, kind.rawValue, quantity, visitId, reason, actor, Timestamp.string(date)])
    }

    /// Every batch of an item with its quantity on hand (sum of its movements).
    public static func batches(of itemCode: String, in db: Database) throws -> [BatchStock] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT b.id, b.expiry, COALESCE(SUM(m.quantity), 0) AS onHand
                FROM batch b LEFT JOIN movement m ON m.batchId = b.id WHERE b.itemCode = ? GROUP BY b.id
                """, arguments: [itemCode]
        ).compactMap { row in
            CalendarDate(iso: row["expiry"]).map { BatchStock(batchID: row["id"], expiry: $0, onHand: row["onHand"]) }
        }
    }

    /// Units on hand of an item across its batches.
    public static func onHand(_ itemCode: String, in db: Database) throws -> Int {
        try batches(of: itemCode, in: db).reduce(0) { $0 + $1.onHand }
    }

    /// Every stocked item with units on hand and the nearest unexpired expiry, by name.
    public static func overview(
        today: CalendarDate, in db: Database
    ) throws -> [(item: FormularyItem, onHand: Int, nextExpiry: String?)] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT f.*, COALESCE((SELECT SUM(m.quantity) FROM movement m JOIN batch b ON b.id = m.batchId WHERE b.itemCode = f.code), 0) AS onHand,
                       (SELECT MIN(b.expiry) FROM batch b WHERE b.itemCode = f.code AND b.expiry >= ?
                          AND (SELECT COALESCE(SUM(quantity), 0) FROM movement WHERE batchId = b.id) > 0) AS nextExpiry
                FROM stockItem s JOIN formularyItem f ON f.code = s.code ORDER BY f.genericName, f.strength
                """, arguments: [today.description]
        ).map { row in
            (try FormularyItem(row: row), row["onHand"], row["nextExpiry"])
        }
    }

    /// The batch with `id` and its on-hand.
    public static func batch(id: Int64, in db: Database) throws -> (record: BatchRecord, onHand: Int)? {
        guard let record = try BatchRecord.fetchOne(db, key: id) else { return nil }
        let onHand =
            try Int.fetchOne(db, sql: "SELECT COALESCE(SUM(quantity), 0) FROM movement WHERE batchId = ?", arguments: [id]) ?? 0
        return (record, onHand)
    }

    /// Every stocked item with its reorder level and batches, for the alert rules.
    public static func itemStocks(in db: Database) throws -> [ItemStock] {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT s.code, s.reorderLevel, b.batchNumber, b.expiry,
                       (SELECT COALESCE(SUM(quantity), 0) FROM movement WHERE batchId = b.id) AS onHand
                FROM stockItem s LEFT JOIN batch b ON b.itemCode = s.code ORDER BY s.code, b.expiry
                """)
        var items: [String: (level: Int, batches: [(batch: String, expiry: CalendarDate, onHand: Int)])] = [:]
        var order: [String] = []
        for row in rows {
            let code: String = row["code"]
            if items[code] == nil { items[code] = (row["reorderLevel"], []); order.append(code) }
            if let batch: String = row["batchNumber"], let expiry = CalendarDate(iso: row["expiry"]) {
                items[code]!.batches.append((batch, expiry, row["onHand"]))
            }
        }
        let names = Dictionary(uniqueKeysWithValues: try FormularyItem.fetchAll(db).map { ($0.code, $0.description) })
        return order.map { ItemStock(item: names[$0] ?? $0, reorderLevel: items[$0]!.level, batches: items[$0]!.batches) }
    }

    /// The stock fields of a stocked item.
    /// Every batch with its item and units on hand, by item name and expiry: the office's
    /// stock report. Each row is item code, generic name, strength, form, NAPPI, batch,
    /// expiry and on hand, in that order.
    public static func onHandReport(in db: Database) throws -> [[String]] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT f.code, f.genericName, f.strength, f.form, s.nappi, b.batchNumber, b.expiry,
                       (SELECT COALESCE(SUM(quantity), 0) FROM movement WHERE batchId = b.id) AS onHand
                FROM batch b JOIN stockItem s ON s.code = b.itemCode JOIN formularyItem f ON f.code = b.itemCode
                ORDER BY f.genericName, b.expiry
                """
        ).map { row in
            [
                row["code"], row["genericName"], row["strength"], row["form"], row["nappi"], row["batchNumber"], row["expiry"],
                String(row["onHand"] as Int),
            ]
        }
    }

    public static func stockItem(_ code: String, in db: Database) throws -> StockItemRecord? {
        try StockItemRecord.fetchOne(db, key: code)
    }

    /// The GTINs linked to an item, in order.
    public static func gtins(of code: String, in db: Database) throws -> [String] {
        try String.fetchAll(db, sql: "SELECT gtin FROM gtin WHERE itemCode = ? ORDER BY gtin", arguments: [code])
    }

    /// Every batch of an item with its on-hand, earliest expiry first.
    public static func batchRecords(of code: String, in db: Database) throws -> [(record: BatchRecord, onHand: Int)] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT b.*, (SELECT COALESCE(SUM(quantity), 0) FROM movement WHERE batchId = b.id) AS onHand
                FROM batch b WHERE b.itemCode = ? ORDER BY b.expiry, b.id
                """, arguments: [code]
        ).map { (try BatchRecord(row: $0), $0["onHand"]) }
    }

    /// Every batch of every item that still has stock, by item name and expiry, with the
    /// item's description: the sheet a stock take is counted on.
    public static func countSheet(in db: Database) throws -> [(record: BatchRecord, item: String, onHand: Int)] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT b.*, f.genericName, f.strength, f.form,
                       (SELECT COALESCE(SUM(quantity), 0) FROM movement WHERE batchId = b.id) AS onHand
                FROM batch b JOIN formularyItem f ON f.code = b.itemCode
                WHERE onHand > 0 ORDER BY f.genericName, f.strength, b.expiry, b.id
                """
        ).map { row in
            let item = [row["genericName"], row["strength"], row["form"]].compactMap { $0 as String? }.filter { !$0.isEmpty }
            return (try BatchRecord(row: row), item.joined(separator: " "), row["onHand"])
        }
    }

    /// Saves an item's stock fields.
    public static func save(_ item: StockItemRecord, in db: Database) throws {
        try item.update(db)
    }

    /// Marks a prescription as dispensed.
    public static func markDispensed(prescriptionID: Int64, at date: Date, in db: Database) throws {
        try db.execute(
            sql: "UPDATE prescription SET dispensedAt = ? WHERE id = ?", arguments: [Timestamp.string(date), prescriptionID])
    }
}
