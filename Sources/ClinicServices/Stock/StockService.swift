import ClinicDomain
import ClinicStore
import Foundation
import GRDB

/// Why a scan or a stock change was refused.
public enum ScanError: Error, Equatable, Sendable, CustomStringConvertible {
    case scan(GS1Scan.Problem)
    case unknownGTIN(String)
    case noExpiry
    case noBatch

    public var description: String {
        switch self {
        case .scan(let problem): problem.description
        case .unknownGTIN(let gtin): "GTIN \(gtin) is not linked to any item yet; link it to the item first."
        case .noExpiry: "The scan has no expiry (17); type the expiry date."
        case .noBatch: "The scan has no batch (10); type the batch number."
        }
    }
}

/// Receiving and dispensing stock. Every movement is a ledger row, audited, and stock never
/// goes negative; dispensing takes the first-expiring batches and never an expired one.
public struct StockService: Sendable {
    let database: ClinicDatabase
    let clock: any Clock

    public init(database: ClinicDatabase, clock: any Clock = SystemClock()) {
        self.database = database
        self.clock = clock
    }

    /// Links a GTIN (as scanned on a pack) to a formulary item, making the item stocked.
    public func link(gtin: String, to itemCode: String, by actor: Actor) throws {
        try actor.require(.inventoryWrite)
        guard gtin.count == 14, GS1Scan.checkDigitValid(gtin) else { throw ScanError.scan(.badCheckDigit(gtin)) }
        let now = clock.now()
        try database.pool.write { db in
            guard try FormularyRepository.item(code: itemCode, in: db) != nil else { throw PrescriptionError.unknownItem(itemCode) }
            try StockRepository.link(gtin: gtin, to: itemCode, in: db)
            _ = try AuditLog.append(actor: actor.auditName, action: "stock.link", detail: "\(gtin) → \(itemCode)", at: now, in: db)
        }
    }

    /// Receives `quantity` packs' units from a scan; batch and expiry come from the scan
    /// (or `batch`/`expiry` when the barcode lacks them). Returns the item and the new on-hand.
    @discardableResult
    public func receive(scan raw: String, quantity: Int, batch typedBatch: String? = nil, expiry typedExpiry: CalendarDate? = nil,
                        supplier: String = "", by actor: Actor) throws -> (item: FormularyItem, onHand: Int) {
        try actor.require(.inventoryWrite)
        guard quantity > 0 else { throw StockError.notPositive }
        let scan: GS1Scan
        do { scan = try GS1Scan(raw) } catch { throw ScanError.scan(error) }
        guard let expiry = scan.expiry ?? typedExpiry else { throw ScanError.noExpiry }
        guard let batchNumber = scan.batch ?? typedBatch, !batchNumber.isEmpty else { throw ScanError.noBatch }
        let now = clock.now()
        guard expiry >= CalendarDate(now) else { throw StockError.expiryInPast(expiry) }
        return try database.pool.write { db in
            guard let item = try StockRepository.item(byGTIN: scan.gtin, in: db) else { throw ScanError.unknownGTIN(scan.gtin) }
            let batch = try StockRepository.batch(itemCode: item.code, batchNumber: batchNumber, expiry: expiry, supplier: supplier,
                                                  at: now, in: db)
            try StockRepository.move(batchID: batch.id!, kind: .receive, quantity: quantity, visitId: nil, reason: supplier,
                                     actor: actor.auditName, at: now, in: db)
            try AuditLog.append(actor: actor.auditName, action: "stock.receive",
                                detail: "\(quantity) \(item.description) batch \(batchNumber) exp \(expiry)", at: now, in: db)
            return (item, try StockRepository.onHand(item.code, in: db))
        }
    }

    /// Stocked items with units on hand and the nearest usable expiry.
    public func overview(by actor: Actor) throws -> [(item: FormularyItem, onHand: Int, nextExpiry: String?)] {
        try actor.require(.inventoryRead)
        return try database.pool.read { try StockRepository.overview(today: CalendarDate(clock.now()), in: $0) }
    }

    /// What a scan says, checked, before the quantity is asked: the item (nil when the GTIN
    /// is not linked yet) and the parsed fields.
    public func identify(scan raw: String, by actor: Actor) throws -> (scan: GS1Scan, item: FormularyItem?) {
        try actor.require(.inventoryRead)
        let scan: GS1Scan
        do { scan = try GS1Scan(raw) } catch { throw ScanError.scan(error) }
        return (scan, try database.pool.read { try StockRepository.item(byGTIN: scan.gtin, in: $0) })
    }

    /// Out of stock, below reorder level, expiring within 30/60/90 days, expired: most pressing first.
    public func alerts(by actor: Actor) throws -> [StockAlert] {
        try actor.require(.inventoryRead)
        return try database.pool.read { StockAlertRules.alerts(try StockRepository.itemStocks(in: $0), today: CalendarDate(clock.now())) }
    }

    /// Sets the level at or below which an item is flagged for reordering.
    public func setReorderLevel(_ level: Int, for itemCode: String, by actor: Actor) throws {
        try actor.require(.inventoryWrite)
        guard level >= 0 else { throw StockError.notPositive }
        let now = clock.now()
        try database.pool.write { db in
            try StockRepository.setReorderLevel(level, for: itemCode, in: db)
            _ = try AuditLog.append(actor: actor.auditName, action: "stock.reorder-level", detail: "\(itemCode): \(level)", at: now, in: db)
        }
    }

    /// Records an item's NAPPI code: digits only, no length check (product code + pack suffix).
    public func setNAPPI(_ nappi: String, for itemCode: String, by actor: Actor) throws {
        try actor.require(.inventoryWrite)
        guard !nappi.isEmpty, nappi.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw FieldProblems([FieldProblem("nappi", "NAPPI must be digits only")])
        }
        let now = clock.now()
        try database.pool.write { db in
            try StockRepository.setNAPPI(nappi, for: itemCode, in: db)
            _ = try AuditLog.append(actor: actor.auditName, action: "stock.nappi", detail: "\(itemCode): \(nappi)", at: now, in: db)
        }
    }

    /// Units on hand of an item.
    public func onHand(_ itemCode: String, by actor: Actor) throws -> Int {
        try actor.require(.inventoryRead)
        return try database.pool.read { try StockRepository.onHand(itemCode, in: $0) }
    }

    /// Corrects a batch by a signed quantity with a reason (e.g. a recount). Stock never goes below zero.
    public func adjust(batchID: Int64, by change: Int, reason: String, by actor: Actor) throws -> Int {
        guard change != 0 else { throw StockError.notPositive }
        return try post(batchID: batchID, change: change, kind: .adjust, reason: reason, by: actor)
    }

    /// Removes `quantity` expired or damaged units from a batch, with a reason.
    public func writeOff(batchID: Int64, quantity: Int, reason: String, by actor: Actor) throws -> Int {
        guard quantity > 0 else { throw StockError.notPositive }
        return try post(batchID: batchID, change: -quantity, kind: .writeOff, reason: reason, by: actor)
    }

    private func post(batchID: Int64, change: Int, kind: MovementKind, reason: String, by actor: Actor) throws -> Int {
        try actor.require(.inventoryWrite)
        let reason = reason.trimmingCharacters(in: .whitespaces)
        guard !reason.isEmpty else { throw PatientError.reasonRequired }
        let now = clock.now()
        return try database.pool.write { db in
            guard let (batch, onHand) = try StockRepository.batch(id: batchID, in: db) else { throw ScanError.noBatch }
            let newOnHand = try StockRules.apply(change, to: onHand).get()
            try StockRepository.move(batchID: batchID, kind: kind, quantity: change, visitId: nil, reason: reason,
                                     actor: actor.auditName, at: now, in: db)
            try AuditLog.append(actor: actor.auditName, action: "stock.\(kind.rawValue)",
                                detail: "\(batch.itemCode) batch \(batch.batchNumber): \(change) (\(reason))", at: now, in: db)
            return newOnHand
        }
    }

    /// A stock take: the counted quantity per batch. Returns each batch's variance
    /// (counted − on hand) and posts the non-zero ones as adjustments, all in one transaction.
    public func stockTake(counts: [Int64: Int], by actor: Actor) throws -> [(batchID: Int64, expected: Int, counted: Int)] {
        try actor.require(.inventoryWrite)
        guard counts.values.allSatisfy({ $0 >= 0 }) else { throw StockError.notPositive }
        let now = clock.now()
        return try database.pool.write { db in
            var report: [(Int64, Int, Int)] = []
            for (batchID, counted) in counts.sorted(by: { $0.key < $1.key }) {
                guard let (batch, onHand) = try StockRepository.batch(id: batchID, in: db) else { throw ScanError.noBatch }
                report.append((batchID, onHand, counted))
                if counted != onHand {
                    try StockRepository.move(batchID: batchID, kind: .adjust, quantity: counted - onHand, visitId: nil,
                                             reason: "stock take", actor: actor.auditName, at: now, in: db)
                    try AuditLog.append(actor: actor.auditName, action: "stock.take",
                                        detail: "\(batch.itemCode) batch \(batch.batchNumber): \(onHand) → \(counted)", at: now, in: db)
                }
            }
            return report
        }
    }

    /// Dispenses every not-yet-dispensed prescription of a visit at closure, first expiry
    /// first out. If any item is short, nothing is taken and the error names it.
    public func dispense(visitId: String, by actor: Actor) throws -> [PrescriptionRecord] {
        try actor.require(.inventoryDispense)
        let now = clock.now()
        let today = CalendarDate(now)
        return try database.pool.write { db in
            guard let visit = try VisitRepository.find(id: visitId, in: db) else { throw VisitError.notFound }
            guard visit.stage == .closure else { throw VisitError.notInStage(.closure) }
            let pending = try FormularyRepository.prescriptions(of: visitId, in: db).filter { $0.dispensedAt == nil }
            for prescription in pending {
                let picks: [(batchID: Int64, quantity: Int)]
                switch StockRules.fefo(try StockRepository.batches(of: prescription.itemCode, in: db), quantity: prescription.quantity,
                                       today: today) {
                case .success(let found): picks = found
                case .failure(let error): throw DispenseError(item: prescription.description, reason: error)
                }
                for pick in picks {
                    try StockRepository.move(batchID: pick.batchID, kind: .dispense, quantity: -pick.quantity, visitId: visitId,
                                             reason: prescription.description, actor: actor.auditName, at: now, in: db)
                }
                try StockRepository.markDispensed(prescriptionID: prescription.id!, at: now, in: db)
                try AuditLog.append(actor: actor.auditName, action: "stock.dispense", patientID: visit.patientId,
                                    detail: "\(prescription.quantity) \(prescription.description)", at: now, in: db)
            }
            return try FormularyRepository.prescriptions(of: visitId, in: db)
        }
    }
}

/// Dispensing stopped because one item could not be supplied; nothing was taken.
public struct DispenseError: Error, Equatable, Sendable, CustomStringConvertible {
    public let item: String
    public let reason: StockError
    public var description: String { "\(item): \(reason.description)" }
}
