/// Kinds of stock movement. Receipts add; the rest take away (an adjustment may do either).
public enum MovementKind: String, CaseIterable, Codable, Sendable {
    case receive, dispense, transfer, adjust, writeOff = "write-off"
}

/// A batch's stock as the ledger derives it.
public struct BatchStock: Equatable, Sendable {
    public let batchID: Int64
    public let expiry: CalendarDate
    public let onHand: Int

    public init(batchID: Int64, expiry: CalendarDate, onHand: Int) {
        self.batchID = batchID
        self.expiry = expiry
        self.onHand = onHand
    }
}

/// Why stock cannot move as asked.
public enum StockError: Error, Equatable, Sendable, CustomStringConvertible {
    case notPositive
    /// More units in one movement than any truck holds: a typing slip or a corrupt file
    /// (the number as typed: it may be too long for any integer).
    case tooLarge(String)
    case insufficient(requested: Int, available: Int)
    case wouldGoNegative(onHand: Int, change: Int)
    case expiryInPast(CalendarDate)

    public var description: String {
        switch self {
        case .notPositive: "The quantity must be a whole number above zero."
        case .tooLarge(let quantity):
            "\(quantity) units is more than one movement can hold (at most \(StockRules.maximumUnits.formatted(.number.grouping(.never))))."
        case .insufficient(let requested, let available):
            "Only \(available) in date on hand; \(requested) asked for. Nothing was taken."
        case .wouldGoNegative(let onHand, let change): "Stock cannot go below zero (on hand \(onHand), change \(change))."
        case .expiryInPast(let date): "Expiry \(date) is in the past; expired stock is not received."
        }
    }
}

/// The stock rules: on hand is the sum of movements and never negative; dispensing takes
/// the earliest-expiring batches first and never an expired one.
public enum StockRules {
    /// The most units one movement (a receipt, a count, an adjustment) may carry: far above
    /// a truck's store, low enough that no sum of movements can overflow.
    public static let maximumUnits = 1_000_000

    /// Checks one movement's unit count: above zero and at most `maximumUnits`.
    public static func check(units quantity: Int) throws(StockError) {
        guard quantity > 0 else { throw .notPositive }
        guard quantity <= maximumUnits else { throw .tooLarge(String(quantity)) }
    }

    /// The batches and quantities to take for `quantity` units, first expiry first out,
    /// skipping batches that expire before `today`.
    public static func fefo(
        _ batches: [BatchStock], quantity: Int, today: CalendarDate
    ) -> Result<[(batchID: Int64, quantity: Int)], StockError> {
        do { try check(units: quantity) } catch { return .failure(error) }
        let usable = batches.filter { $0.expiry >= today && $0.onHand > 0 }
            .sorted { ($0.expiry, $0.batchID) < ($1.expiry, $1.batchID) }
        let available = usable.reduce(0) { $0 + $1.onHand }
        guard available >= quantity else { return .failure(.insufficient(requested: quantity, available: available)) }
        var remaining = quantity
        var picks: [(Int64, Int)] = []
        for batch in usable where remaining > 0 {
            let take = min(batch.onHand, remaining)
            picks.append((batch.batchID, take))
            remaining -= take
        }
        return .success(picks)
    }

    /// The new on-hand after a signed change, refusing to go below zero.
    public static func apply(_ change: Int, to onHand: Int) -> Result<Int, StockError> {
        let (sum, overflow) = onHand.addingReportingOverflow(change)
        if overflow { return .failure(.tooLarge(String(change))) }
        return sum < 0 ? .failure(.wouldGoNegative(onHand: onHand, change: change)) : .success(sum)
    }
}
