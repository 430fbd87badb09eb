import ClinicDomain
package import ClinicStore
import Foundation
internal import GRDB

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

    package init(database: ClinicDatabase, clock: any Clock = SystemClock()) {
        self.database = database
        self.clock = clock
    }

    /// The expiries on hand of lot `batch` of the item `itemCode` other than `expiry`: a lot
    /// number already here with another date is most often a date misread off the pack.
    public func otherExpiries(
        of itemCode: String, batch: String, than expiry: CalendarDate, by actor: Actor
    ) throws
        -> [CalendarDate]
    {
        try actor.require(.inventoryRead)
        let lot = batch.trimmingCharacters(in: .whitespaces)
        return try database.pool.read { try StockRepository.batchRecords(of: itemCode, in: $0) }
            .filter { $0.onHand > 0 && $0.record.batchNumber.caseInsensitiveCompare(lot) == .orderedSame }
            .compactMap { CalendarDate(iso: $0.record.expiry) }.filter { $0 != expiry }
    }

    /// Formulary medicines by the start of a word of their name, or by their code, for the
    /// inventory manager linking a new barcode.
    public func searchFormulary(_ query: String, by actor: Actor) throws -> [Medicine] {
        try actor.require(.inventoryRead)
        return try database.pool.read { db in
            let byCode = try FormularyRepository.item(code: query.trimmingCharacters(in: .whitespaces).uppercased(), in: db)
            return (byCode.map { [$0] } ?? [])
                + (try FormularyRepository.search(query, in: db)).filter { $0.code != byCode?.code }
        }.map(Medicine.init)
    }

    /// Links a GTIN (as scanned on a pack) to a formulary item, making the item stocked.
    public func link(gtin: String, to itemCode: String, by actor: Actor) throws {
        try actor.require(.inventoryWrite)
        let now = clock.now()
        try database.pool.write { db in try Self.link(gtin: gtin, to: itemCode, by: actor, at: now, in: db) }
    }

    /// The same inside a caller's transaction (an import of a whole file).
    static func link(gtin: String, to itemCode: String, by actor: Actor, at now: Date, in db: Database) throws {
        guard gtin.count == 14, GS1Scan.checkDigitValid(gtin) else { throw ScanError.scan(.badCheckDigit(gtin)) }
        guard try FormularyRepository.item(code: itemCode, in: db) != nil else { throw PrescriptionError.unknownItem(itemCode) }
        try StockRepository.link(gtin: gtin, to: itemCode, in: db)
        _ = try AuditLog.append(actor: actor.auditName, action: .stockLink, detail: "\(gtin) → \(itemCode)", at: now, in: db)
    }

    /// Receives `quantity` packs' units from a scan; batch and expiry come from the scan
    /// (or `batch`/`expiry` when the barcode lacks them). Returns the item and the new on-hand.
    @discardableResult
    public func receive(
        scan raw: String, quantity: Int, batch typedBatch: String? = nil, expiry typedExpiry: CalendarDate? = nil,
        supplier: String = "", unitCost: Rands? = nil, by actor: Actor
    ) throws -> StockReceipt {
        try actor.require(.inventoryWrite)
        try StockRules.check(units: quantity)
        let scan: GS1Scan
        do { scan = try GS1Scan(raw, today: CalendarDate(clock.now())) } catch { throw ScanError.scan(error) }
        guard let expiry = scan.expiry ?? typedExpiry else { throw ScanError.noExpiry }
        guard let batchNumber = scan.batch ?? typedBatch, !batchNumber.isEmpty else { throw ScanError.noBatch }
        return try receive(
            ReceivedLot(
                pack: .gtin(scan.gtin), quantity: quantity, batch: batchNumber, expiry: expiry,
                supplier: supplier.trimmingCharacters(in: .whitespaces), unitCost: unitCost), by: actor)
    }

    /// Receives `quantity` units of the formulary item `itemCode` from a pack without a
    /// barcode, or with one that will not read: batch and expiry are typed. The item
    /// becomes stocked when it was not.
    @discardableResult
    public func receive(
        itemCode: String, quantity: Int, batch: String, expiry: CalendarDate, supplier: String = "",
        unitCost: Rands? = nil, by actor: Actor
    ) throws -> StockReceipt {
        try actor.require(.inventoryWrite)
        try StockRules.check(units: quantity)
        let batch = batch.trimmingCharacters(in: .whitespaces)
        guard !batch.isEmpty else { throw ScanError.noBatch }
        return try receive(
            ReceivedLot(
                pack: .item(itemCode), quantity: quantity, batch: batch, expiry: expiry,
                supplier: supplier.trimmingCharacters(in: .whitespaces), unitCost: unitCost), by: actor)
    }

    /// Receives a checked lot in its own transaction, refusing an expired one.
    private func receive(_ lot: ReceivedLot, by actor: Actor) throws -> StockReceipt {
        let now = clock.now()
        guard lot.expiry >= CalendarDate(now) else { throw StockError.expiryInPast(lot.expiry) }
        return try database.pool.write { db in
            let item = try Self.receive(lot, by: actor, at: now, in: db)
            return StockReceipt(medicine: Medicine(item), onHand: try StockRepository.onHand(item.code, in: db))
        }
    }

    /// What one receipt brings in, checked: the pack, how many units, its batch.
    struct ReceivedLot {
        /// How the pack names its item: by a linked barcode, or picked when it has none.
        enum Pack {
            case gtin(String)
            case item(String)

            /// Said in the audit when the pack was received without its barcode.
            var auditNote: String {
                if case .item = self { " (no barcode)" } else { "" }
            }
        }

        let pack: Pack
        let quantity: Int
        let batch: String
        let expiry: CalendarDate
        let supplier: String
        let unitCost: Rands?
    }

    /// The supplier a typed name (or part of one) stands for, or a problem at the field
    /// naming the suppliers it could be.
    static func supplier(typed: String, in db: Database) throws -> SupplierRecord {
        let all = try SupplierRepository.all(in: db)
        switch NameMatch.resolve(typed, among: all.map(\.name)) {
        case .found(let name): return all.first { $0.name == name }!
        case .none:
            throw FieldProblems([
                FieldProblem(ReceiveField.supplier, "No supplier matches '\(typed)': add it on the Suppliers screen first")
            ])
        case .several(let names):
            throw FieldProblems([FieldProblem(ReceiveField.supplier, "'\(typed)' could be \(NameMatch.listed(names)): type more")]
            )
        }
    }

    /// Receives a checked lot inside a caller's transaction: the batch, the ledger row, the audit row.
    static func receive(_ lot: ReceivedLot, by actor: Actor, at now: Date, in db: Database) throws -> FormularyItem {
        let item: FormularyItem
        switch lot.pack {
        case .gtin(let gtin):
            guard let linked = try StockRepository.item(byGTIN: gtin, in: db) else { throw ScanError.unknownGTIN(gtin) }
            item = linked
        case .item(let code):
            guard let picked = try FormularyRepository.item(code: code, in: db) else { throw PrescriptionError.unknownItem(code) }
            try StockRepository.ensureStocked(code, in: db)
            item = picked
        }
        let known = try lot.supplier.isEmpty ? nil : Self.supplier(typed: lot.supplier, in: db)
        let batch = try StockRepository.batch(
            itemCode: item.code, batchNumber: lot.batch, expiry: lot.expiry,
            supplier: known?.name ?? "", unitCost: lot.unitCost, at: now, in: db)
        try StockRepository.move(
            batchID: batch.id!, kind: .receive, quantity: lot.quantity, visitId: nil, reason: known?.name ?? "",
            actor: actor.auditName, at: now, in: db)
        try AuditLog.append(
            actor: actor.auditName, action: .stockReceive,
            detail: "\(lot.quantity) \(item.description) batch \(lot.batch) exp \(lot.expiry)\(lot.pack.auditNote)", at: now,
            in: db)
        return item
    }

    /// What a scan says, checked, before the quantity is asked: the item (nil when the GTIN
    /// is not linked yet) and the parsed fields.
    public func identify(scan raw: String, by actor: Actor) throws -> ScanResult {
        try actor.require(.inventoryRead)
        let scan: GS1Scan
        do { scan = try GS1Scan(raw, today: CalendarDate(clock.now())) } catch { throw ScanError.scan(error) }
        return ScanResult(
            scan: scan,
            medicine: try database.pool.read { try StockRepository.item(byGTIN: scan.gtin, in: $0) }
                .map(Medicine.init))
    }

    /// Dispenses every not-yet-dispensed prescription of a visit at closure, first expiry
    /// first out. If any item is short, nothing is taken and the error names it. Returns the
    /// prescriptions dispensed by this call (none when all were dispensed before).
    public func dispense(visitId: String, by actor: Actor) throws -> [PrescriptionLine] {
        try actor.require(.inventoryDispense)
        let now = clock.now()
        let today = CalendarDate(now)
        return try database.pool.write { db in
            guard let visit = try VisitRepository.find(id: visitId, in: db) else { throw VisitError.notFound }
            guard visit.stage == .closure else { throw VisitError.notInStage(.closure) }
            let pending = try FormularyRepository.prescriptions(of: visitId, in: db).filter { $0.dispensedAt == nil }
            for prescription in pending {
                let picks: [(batchID: Int64, quantity: Int)]
                switch StockRules.fefo(
                    try StockRepository.batches(of: prescription.itemCode, in: db), quantity: prescription.quantity,
                    today: today)
                {
                case .success(let found): picks = found
                case .failure(let error): throw DispenseError(item: prescription.description, reason: error)
                }
                for pick in picks {
                    try StockRepository.move(
                        batchID: pick.batchID, kind: .dispense, quantity: -pick.quantity, visitId: visitId,
                        reason: prescription.description, actor: actor.auditName, at: now, in: db)
                }
                try StockRepository.markDispensed(prescriptionID: prescription.id!, at: now, in: db)
                try AuditLog.append(
                    actor: actor.auditName, action: .stockDispense, patientID: visit.patientId,
                    detail: "\(prescription.quantity) \(prescription.description)", at: now, in: db)
            }
            let done = Set(pending.compactMap(\.id))
            return try FormularyRepository.prescriptions(of: visitId, in: db).filter { $0.id.map(done.contains) == true }
                .map(PrescriptionLine.init)
        }
    }
}

/// Dispensing stopped because one item could not be supplied; nothing was taken.
public struct DispenseError: Error, Equatable, Sendable, CustomStringConvertible {
    public let item: String
    public let reason: StockError
    public var description: String { "\(item): \(reason.description)" }
}
