import ClinicDomain
package import ClinicStore
import Foundation
internal import GRDB

/// The suppliers stock is received from.
public struct SupplierService: Sendable {
    let database: ClinicDatabase
    let clock: any Clock

    package init(database: ClinicDatabase, clock: any Clock = SystemClock()) {
        self.database = database
        self.clock = clock
    }

    /// Every supplier, by name.
    public func all(by actor: Actor) throws -> [Supplier] {
        try actor.require(.inventoryRead)
        return try database.pool.read { try SupplierRepository.all(in: $0) }.map(Supplier.init)
    }

    /// Adds a supplier. The name is required and unique (any case); a phone number, when
    /// given, must be a South African number and is stored as E.164.
    @discardableResult
    public func add(name: String, contact: String = "", phone: String = "", by actor: Actor) throws -> Supplier {
        try actor.require(.inventoryWrite)
        let name = name.trimmingCharacters(in: .whitespaces)
        var problems: [FieldProblem] = []
        if name.isEmpty { problems.append(FieldProblem(SupplierField.name, "The supplier's name is required")) }
        var e164 = ""
        if !phone.trimmingCharacters(in: .whitespaces).isEmpty {
            do { e164 = try PhoneNumber.normalise(phone) } catch {
                problems.append(FieldProblem(SupplierField.phone, error.description))
            }
        }
        guard problems.isEmpty else { throw FieldProblems(problems) }
        let now = clock.now()
        return try database.pool.write { db in
            if let existing = try SupplierRepository.named(name, in: db) {
                throw FieldProblems([FieldProblem(SupplierField.name, "Supplier '\(existing.name)' already exists")])
            }
            return Supplier(
                try Self.insert(
                    SupplierRecord(
                        name: name, contact: contact.trimmingCharacters(in: .whitespaces),
                        phone: e164), by: actor, at: now, in: db))
        }
    }

    private static func insert(
        _ supplier: SupplierRecord, by actor: Actor, at now: Date, in db: Database
    ) throws -> SupplierRecord {
        let added = try SupplierRepository.add(supplier, in: db)
        try AuditLog.append(actor: actor.auditName, action: .supplierAdd, detail: supplier.name, at: now, in: db)
        return added
    }

    /// The supplier called `name`, added first when it is new (for imports of a first load).
    /// Inside a caller's transaction: the supplier called `name` (trimmed, not empty), added
    /// first when it is new.
    static func ensure(_ name: String, by actor: Actor, at now: Date, in db: Database) throws {
        if try SupplierRepository.named(name, in: db) == nil {
            _ = try insert(SupplierRecord(name: name, contact: "", phone: ""), by: actor, at: now, in: db)
        }
    }
}
