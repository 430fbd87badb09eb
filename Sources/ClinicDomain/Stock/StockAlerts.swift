import Foundation

/// Something about stock that needs attention.
public enum StockAlert: Equatable, Sendable {
    case outOfStock(item: String)
    case belowReorder(item: String, onHand: Int, reorderLevel: Int)
    /// A batch with stock expiring within `days` (30, 60 or 90).
    case expiring(item: String, batch: String, expiry: CalendarDate, days: Int, onHand: Int)
    /// A batch past its expiry that still has stock (to be written off).
    case expired(item: String, batch: String, expiry: CalendarDate, onHand: Int)

    /// Sort order: the most pressing first.
    public var severity: Int {
        switch self {
        case .expired: 0
        case .outOfStock: 1
        case .belowReorder: 2
        case .expiring(_, _, _, let days, _): days == 30 ? 3 : days == 60 ? 4 : 5
        }
    }

    public var description: String {
        switch self {
        case .outOfStock(let item): "OUT OF STOCK  \(item)"
        case .belowReorder(let item, let onHand, let level): "REORDER  \(item): \(onHand) on hand, reorder level \(level)"
        case .expiring(let item, let batch, let expiry, let days, let onHand):
            "EXPIRES ≤\(days)d  \(item) batch \(batch): \(onHand) expire \(expiry)"
        case .expired(let item, let batch, let expiry, let onHand):
            "EXPIRED  \(item) batch \(batch): \(onHand) expired \(expiry); write off"
        }
    }
}

/// The stock of one item as the alert rules see it.
public struct ItemStock: Equatable, Sendable {
    public let item: String
    public let reorderLevel: Int
    public let batches: [(batch: String, expiry: CalendarDate, onHand: Int)]

    public init(item: String, reorderLevel: Int, batches: [(batch: String, expiry: CalendarDate, onHand: Int)]) {
        self.item = item
        self.reorderLevel = reorderLevel
        self.batches = batches
    }

    public static func == (a: ItemStock, b: ItemStock) -> Bool {
        a.item == b.item && a.reorderLevel == b.reorderLevel && a.batches.elementsEqual(b.batches) { $0 == $1 }
    }
}

public enum StockAlertRules {
    /// Alerts for every item on `today`, most pressing first. Expired stock does not count
    /// towards on-hand for reorder and out-of-stock.
    public static func alerts(_ items: [ItemStock], today: CalendarDate) -> [StockAlert] {
        var alerts: [StockAlert] = []
        for stock in items {
            let usable = stock.batches.filter { $0.expiry >= today }.reduce(0) { $0 + $1.onHand }
            if usable == 0 {
                alerts.append(.outOfStock(item: stock.item))
            } else if usable <= stock.reorderLevel {
                alerts.append(.belowReorder(item: stock.item, onHand: usable, reorderLevel: stock.reorderLevel))
            }
            for batch in stock.batches where batch.onHand > 0 {
                let days = today.days(until: batch.expiry)
                if days < 0 {
                    alerts.append(.expired(item: stock.item, batch: batch.batch, expiry: batch.expiry, onHand: batch.onHand))
                } else if let bucket = [30, 60, 90].first(where: { days <= $0 }) {
                    alerts.append(
                        .expiring(item: stock.item, batch: batch.batch, expiry: batch.expiry, days: bucket, onHand: batch.onHand))
                }
            }
        }
        return alerts.sorted { $0.severity < $1.severity }
    }
}
