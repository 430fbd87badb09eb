import ClinicDomain
package import ClinicStore
import Foundation
internal import GRDB

/// One line of a stock take: a batch, what the ledger says and what was counted.
public struct CountLine: Equatable, Sendable {
    public let batchID: Int64
    public let item: String
    public let batch: String
    public let expiry: String
    public let expected: Int
    public let counted: Int

    /// Counted minus expected: negative when stock is missing.
    public var variance: Int { counted - expected }
}

extension StockService {
    /// Corrects a batch by a signed quantity with a reason (e.g. a recount). Stock never goes below zero.
    @discardableResult
    public func adjust(batchID: Int64, by change: Int, reason: String, by actor: Actor) throws -> Int {
        guard change != .min else { throw StockError.tooLarge(String(change)) }
        try StockRules.check(units: abs(change))
        return try post(batchID: batchID, change: change, kind: .adjust, reason: reason, by: actor)
    }

    /// Removes `quantity` expired or damaged units from a batch, with a reason.
    @discardableResult
    public func writeOff(batchID: Int64, quantity: Int, reason: String, by actor: Actor) throws -> Int {
        try StockRules.check(units: quantity)
        return try post(batchID: batchID, change: -quantity, kind: .writeOff, reason: reason, by: actor)
    }

    /// Sends `quantity` units of a batch to another truck, clinic or store, named in `destination`.
    @discardableResult
    public func transfer(batchID: Int64, quantity: Int, to destination: String, by actor: Actor) throws -> Int {
        try StockRules.check(units: quantity)
        return try post(batchID: batchID, change: -quantity, kind: .transfer, reason: destination, by: actor)
    }

    private func post(batchID: Int64, change: Int, kind: MovementKind, reason: String, by actor: Actor) throws -> Int {
        try actor.require(.inventoryWrite)
        let reason = reason.trimmingCharacters(in: .whitespaces)
        guard !reason.isEmpty else { throw PatientError.reasonRequired }
        let now = clock.now()
        return try database.pool.write { db in
            guard let (batch, onHand) = try StockRepository.batch(id: batchID, in: db) else { throw ScanError.noBatch }
            let newOnHand = try StockRules.apply(change, to: onHand).get()
            try StockRepository.move(
                batchID: batchID, kind: kind, quantity: change, visitId: nil, reason: reason,
                actor: actor.auditName, at: now, in: db)
            try AuditLog.append(
                actor: actor.auditName, action: .stock(kind),
                detail: "\(batch.itemCode) batch \(batch.batchNumber): \(change) (\(reason))", at: now, in: db)
            return newOnHand
        }
    }

    /// The count sheet: every batch with stock, by item and expiry, counted as expected.
    public func countSheet(by actor: Actor) throws -> [CountLine] {
        try actor.require(.inventoryRead)
        return try database.pool.read { db in
            try StockRepository.countSheet(in: db).map {
                CountLine(
                    batchID: $0.record.id!, item: $0.item, batch: $0.record.batchNumber, expiry: $0.record.expiry,
                    expected: $0.onHand, counted: $0.onHand)
            }
        }
    }

    /// A stock take: the counted quantity per batch. Returns each batch's line (expected is
    /// the ledger's on-hand at posting) and posts the non-zero variances as adjustments,
    /// all in one transaction: either every adjustment is posted or none is.
    @discardableResult
    public func stockTake(counts: [Int64: Int], by actor: Actor) throws -> [CountLine] {
        try actor.require(.inventoryWrite)
        guard counts.values.allSatisfy({ $0 >= 0 }) else { throw StockError.notPositive }
        if let huge = counts.values.first(where: { $0 > StockRules.maximumUnits }) { throw StockError.tooLarge(String(huge)) }
        let now = clock.now()
        return try database.pool.write { db in
            var report: [CountLine] = []
            for (batchID, counted) in counts.sorted(by: { $0.key < $1.key }) {
                guard let (batch, onHand) = try StockRepository.batch(id: batchID, in: db) else { throw ScanError.noBatch }
                let item = try FormularyRepository.item(code: batch.itemCode, in: db)?.description ?? batch.itemCode
                report.append(
                    CountLine(
                        batchID: batchID, item: item, batch: batch.batchNumber, expiry: batch.expiry,
                        expected: onHand, counted: counted))
                if counted != onHand {
                    try StockRepository.move(
                        batchID: batchID, kind: .adjust, quantity: counted - onHand, visitId: nil,
                        reason: "stock take", actor: actor.auditName, at: now, in: db)
                    try AuditLog.append(
                        actor: actor.auditName, action: .stockTake,
                        detail: "\(batch.itemCode) batch \(batch.batchNumber): \(onHand) → \(counted)", at: now, in: db)
                }
            }
            return report
        }
    }
}
