import ClinicDomain
package import ClinicStore
import Foundation
internal import GRDB

/// Everything the item screen shows about one stocked item.
public struct StockItemDetail: Equatable, Sendable {
    public let medicine: Medicine
    public let settings: StockItemSettings
    public let gtins: [String]
    /// Batches, earliest expiry first, with units on hand.
    public let batches: [BatchLine]

    /// Units on hand across all batches.
    public var onHand: Int { batches.reduce(0) { $0 + $1.onHand } }
}

extension StockService {
    /// Stocked items with units on hand and the nearest usable expiry.
    public func overview(by actor: Actor) throws -> [StockLine] {
        try actor.require(.inventoryRead)
        return try database.pool.read { try StockRepository.overview(today: CalendarDate(clock.now()), in: $0) }.map {
            StockLine(medicine: Medicine($0.item), onHand: $0.onHand, nextExpiry: $0.nextExpiry.flatMap(CalendarDate.init(iso:)))
        }
    }

    /// One stocked item: its settings, GTINs and batches.
    public func detail(of itemCode: String, by actor: Actor) throws -> StockItemDetail {
        try actor.require(.inventoryRead)
        return try database.pool.read { db in
            guard let item = try FormularyRepository.item(code: itemCode, in: db),
                let settings = try StockRepository.stockItem(itemCode, in: db)
            else { throw PrescriptionError.unknownItem(itemCode) }
            return StockItemDetail(
                medicine: Medicine(item), settings: StockItemSettings(settings),
                gtins: try StockRepository.gtins(of: itemCode, in: db),
                batches: try StockRepository.batchRecords(of: itemCode, in: db).map(BatchLine.init))
        }
    }

    /// Out of stock, below reorder level, expiring within 30/60/90 days, expired: most pressing first.
    public func alerts(by actor: Actor) throws -> [StockAlert] {
        try actor.require(.inventoryRead)
        return try database.pool.read {
            StockAlertRules.alerts(try StockRepository.itemStocks(in: $0), today: CalendarDate(clock.now()))
        }
    }

    /// Units on hand of an item.
    public func onHand(_ itemCode: String, by actor: Actor) throws -> Int {
        try actor.require(.inventoryRead)
        return try database.pool.read { try StockRepository.onHand(itemCode, in: $0) }
    }

    /// Checks typed item settings: a NAPPI code is digits only (no length rule: product
    /// code plus pack suffix), a reorder level a whole number from zero. Returns the level.
    public static func checkItemSettings(nappi: String?, reorderLevel: String?) throws -> Int? {
        var problems: [FieldProblem] = []
        if let nappi, !nappi.allSatisfy({ $0.isASCII && $0.isNumber }) {
            problems.append(FieldProblem(ItemSettingsField.nappi, "NAPPI must be digits only"))
        }
        let level = reorderLevel.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        if let reorderLevel, !reorderLevel.isEmpty, (level ?? -1) < 0 {
            problems.append(FieldProblem(ItemSettingsField.reorderLevel, "The reorder level must be a whole number from 0"))
        }
        guard problems.isEmpty else { throw FieldProblems(problems) }
        return level
    }

    /// Changes a stocked item's NAPPI code, reorder level and storage note (nil or empty
    /// leaves a field as it is, except the storage note, which may be cleared with "").
    public func updateItem(
        _ itemCode: String, nappi: String? = nil, reorderLevel: String? = nil, storageNote: String? = nil,
        by actor: Actor
    ) throws {
        try actor.require(.inventoryWrite)
        let nappi = nappi?.trimmingCharacters(in: .whitespaces)
        let level = try Self.checkItemSettings(nappi: nappi, reorderLevel: reorderLevel)
        let now = clock.now()
        try database.pool.write { db in
            try Self.updateItem(itemCode, nappi: nappi, reorderLevel: level, storageNote: storageNote, by: actor, at: now, in: db)
        }
    }

    /// The same, checked values, inside a caller's transaction; audited only when something changed.
    static func updateItem(
        _ itemCode: String, nappi: String?, reorderLevel level: Int?, storageNote: String?,
        by actor: Actor, at now: Date, in db: Database
    ) throws {
        guard var settings = try StockRepository.stockItem(itemCode, in: db) else {
            throw PrescriptionError.unknownItem(itemCode)
        }
        let before = settings
        if let nappi, !nappi.isEmpty { settings.nappi = nappi }
        if let level { settings.reorderLevel = level }
        if let storageNote { settings.storageNote = storageNote.trimmingCharacters(in: .whitespaces) }
        guard settings != before else { return }
        try StockRepository.save(settings, in: db)
        try AuditLog.append(
            actor: actor.auditName, action: .stockItem,
            detail:
                "\(itemCode): NAPPI \(settings.nappi), reorder at \(settings.reorderLevel), storage '\(settings.storageNote)'",
            at: now, in: db)
    }

}
