import ClinicDomain
package import ClinicStore
import Foundation
internal import GRDB

/// Why a supplier could not be changed.
public enum SupplierError: Error, Equatable, Sendable, CustomStringConvertible {
    case notFound

    public var description: String { "No such supplier; it may have been removed on another terminal." }
}

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

    /// The suppliers whose name contains `part` (any case or accents), by name; every one
    /// for an empty `part`. For the supplier picker.
    public func matching(_ part: String, by actor: Actor) throws -> [Supplier] {
        let part = part.trimmingCharacters(in: .whitespaces)
        return try all(by: actor).filter {
            part.isEmpty || $0.name.range(of: part, options: [.caseInsensitive, .diacriticInsensitive]) != nil
        }
    }

    /// Adds a supplier. The name is required and unique (any case); a phone number, when
    /// given, must be a South African number and is stored as E.164.
    @discardableResult
    public func add(name: String, contact: String = "", phone: String = "", by actor: Actor) throws -> Supplier {
        try actor.require(.inventoryWrite)
        let supplier = try Self.checked(name: name, contact: contact, phone: phone)
        let now = clock.now()
        return try database.pool.write { db in
            try Self.requireFree(supplier.name, except: nil, in: db)
            return Supplier(try Self.insert(supplier, by: actor, at: now, in: db))
        }
    }

    /// Changes the supplier with `id`: the same rules as `add`. A new name is carried to the
    /// batches received from it, so stock keeps naming its supplier; audited with the old
    /// and the new name.
    @discardableResult
    public func update(id: Int64, name: String, contact: String = "", phone: String = "", by actor: Actor) throws -> Supplier {
        try actor.require(.inventoryWrite)
        var supplier = try Self.checked(name: name, contact: contact, phone: phone)
        let now = clock.now()
        return try database.pool.write { db in
            guard let old = try SupplierRepository.supplier(id: id, in: db) else { throw SupplierError.notFound }
            try Self.requireFree(supplier.name, except: id, in: db)
            supplier.id = id
            try SupplierRepository.update(supplier, renamedFrom: old.name, in: db)
            let detail = old.name == supplier.name ? supplier.name : "\(old.name) → \(supplier.name)"
            try AuditLog.append(actor: actor.auditName, action: .supplierEdit, detail: detail, at: now, in: db)
            return Supplier(supplier)
        }
    }

    /// The typed values as a record, or every problem with them by field.
    private static func checked(name: String, contact: String, phone: String) throws -> SupplierRecord {
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
        return SupplierRecord(name: name, contact: contact.trimmingCharacters(in: .whitespaces), phone: e164)
    }

    /// Refuses a name another supplier (not `id`) has, in any case.
    private static func requireFree(_ name: String, except id: Int64?, in db: Database) throws {
        if let existing = try SupplierRepository.named(name, in: db), existing.id != id {
            throw FieldProblems([FieldProblem(SupplierField.name, "Supplier '\(existing.name)' already exists")])
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
