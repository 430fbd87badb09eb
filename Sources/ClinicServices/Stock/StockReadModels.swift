import ClinicDomain
package import ClinicStore
import Foundation

/// One stocked item on the stock list.
public struct StockLine: Equatable, Sendable {
    public let medicine: Medicine
    public let onHand: Int
    /// The nearest expiry of a batch with units left, nil when none has.
    public let nextExpiry: CalendarDate?
}

/// A stocked item's own settings.
public struct StockItemSettings: Equatable, Sendable {
    public let nappi: String
    public let reorderLevel: Int
    public let storageNote: String

    package init(_ record: StockItemRecord) {
        nappi = record.nappi
        reorderLevel = record.reorderLevel
        storageNote = record.storageNote
    }
}

/// A received batch of an item with its units on hand.
public struct BatchLine: Equatable, Sendable {
    public let id: Int64
    public let batchNumber: String
    public let expiry: CalendarDate?
    public let supplier: String
    public let receivedAt: Date?
    /// What one unit cost, when known.
    public let unitCost: Rands?
    public let onHand: Int

    package init(_ record: BatchRecord, onHand: Int) {
        id = record.id ?? 0
        batchNumber = record.batchNumber
        expiry = CalendarDate(iso: record.expiry)
        supplier = record.supplier
        receivedAt = record.receivedAt.date
        unitCost = record.unitCostCents.map { Rands(cents: $0) }
        self.onHand = onHand
    }
}

/// What a scan said before the quantity is asked: its parsed fields and the item its GTIN
/// is linked to (nil while not linked).
public struct ScanResult: Equatable, Sendable {
    public let scan: GS1Scan
    public let medicine: Medicine?
}

/// A received batch: the item it was for and the units now on hand of it.
public struct StockReceipt: Equatable, Sendable {
    public let medicine: Medicine
    public let onHand: Int
}
