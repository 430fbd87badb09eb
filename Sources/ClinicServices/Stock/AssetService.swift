import ClinicDomain
package import ClinicStore
import Foundation
internal import GRDB

/// Why an equipment change was refused.
public enum AssetError: Error, Equatable, Sendable, CustomStringConvertible {
    case notFound
    case statusChange(from: AssetStatus, to: AssetStatus)

    public var description: String {
        switch self {
        case .notFound: "No such equipment on the register"
        case .statusChange(let from, let to):
            from == to ? "The equipment is already \(to)" : "Retired equipment stays retired (asked: \(to))"
        }
    }
}

/// The equipment register: what the truck carries, where, in what state, and when it is
/// next due for service or calibration. Every change is kept as history and audited.
public struct AssetService: Sendable {
    let database: ClinicDatabase
    let clock: any Clock

    package init(database: ClinicDatabase, clock: any Clock = SystemClock()) {
        self.database = database
        self.clock = clock
    }

    /// Every piece of equipment, by type and serial.
    public func all(by actor: Actor) throws -> [EquipmentItem] {
        try actor.require(.inventoryRead)
        return try database.pool.read { try AssetRepository.all(in: $0) }.map(EquipmentItem.init)
    }

    /// One asset and its history, oldest first.
    public func history(of id: Int64, by actor: Actor) throws -> EquipmentHistory {
        try actor.require(.inventoryRead)
        return try database.pool.read { db in
            guard let asset = try AssetRepository.find(id: id, in: db) else { throw AssetError.notFound }
            return EquipmentHistory(
                item: EquipmentItem(asset),
                events: try AssetRepository.history(of: id, in: db).map(EquipmentEvent.init))
        }
    }

    /// Registers equipment from typed values (see `AssetDetails.validate`); it starts in service.
    @discardableResult
    public func register(_ values: [String: String], by actor: Actor) throws -> EquipmentItem {
        try actor.require(.assetWrite)
        let details = try AssetDetails.validate(values).get()
        let now = clock.now()
        return try database.pool.write { db in
            if let existing = try AssetRepository.find(serial: details.serial, in: db) {
                throw FieldProblems([
                    FieldProblem(AssetField.serial, "Serial \(details.serial) is already registered (\(existing.name))")
                ])
            }
            let asset = try AssetRepository.save(
                AssetRecord(
                    type: details.type, make: details.make, model: details.model, serial: details.serial,
                    location: details.location, status: AssetStatus.inService.rawValue,
                    nextService: details.nextService?.description),
                note: "registered", actor: actor.auditName, at: now, in: db)
            try AuditLog.append(actor: actor.auditName, action: .assetRegister, detail: asset.name, at: now, in: db)
            return EquipmentItem(asset)
        }
    }

    /// Moves equipment to another status (e.g. under repair) with a note saying why.
    @discardableResult
    public func setStatus(_ id: Int64, to status: AssetStatus, note: String, by actor: Actor) throws -> EquipmentItem {
        try change(id, note: note, action: .assetStatus, by: actor) { asset in
            guard asset.assetStatus.canChange(to: status) else {
                throw AssetError.statusChange(from: asset.assetStatus, to: status)
            }
            asset.status = status.rawValue
        }
    }

    /// Records a service or calibration, or a move: the next due date and the location.
    @discardableResult
    public func recordService(
        _ id: Int64, nextService: CalendarDate?, location: String, note: String, by actor: Actor
    ) throws -> EquipmentItem {
        let location = location.trimmingCharacters(in: .whitespaces)
        var problems: [FieldProblem] = []
        if location.isEmpty { problems.append(FieldProblem(AssetServiceField.location, "The truck or location is required")) }
        if let nextService,
            case .failure(let refused) = AssetDetails.nextService(nextService.description, today: CalendarDate(clock.now()))
        {
            problems += refused.problems
        }
        if note.trimmingCharacters(in: .whitespaces).isEmpty {
            problems.append(FieldProblem(AssetServiceField.note, "Say what was done or why"))
        }
        guard problems.isEmpty else { throw FieldProblems(problems) }
        return try change(id, note: note, action: .assetService, by: actor) { asset in
            guard asset.assetStatus != .retired else { throw AssetError.statusChange(from: .retired, to: .inService) }
            asset.location = location
            asset.nextService = nextService?.description
        }
    }

    private func change(
        _ id: Int64, note: String, action: AuditAction, by actor: Actor,
        _ edit: (inout AssetRecord) throws -> Void
    ) throws -> EquipmentItem {
        try actor.require(.assetWrite)
        let note = note.trimmingCharacters(in: .whitespaces)
        guard !note.isEmpty else { throw FieldProblems([FieldProblem(AssetServiceField.note, "Say what was done or why")]) }
        let now = clock.now()
        return try database.pool.write { db in
            guard var asset = try AssetRepository.find(id: id, in: db) else { throw AssetError.notFound }
            try edit(&asset)
            asset = try AssetRepository.save(asset, note: note, actor: actor.auditName, at: now, in: db)
            try AuditLog.append(
                actor: actor.auditName, action: action, detail: "\(asset.name): \(asset.status); \(note)", at: now, in: db)
            return EquipmentItem(asset)
        }
    }

    /// Equipment due for service within 30 days or overdue, most overdue first.
    public func alerts(by actor: Actor) throws -> [AssetAlert] {
        try actor.require(.inventoryRead)
        let assets = try database.pool.read { try AssetRepository.all(in: $0) }
        return AssetAlertRules.alerts(
            assets.map { ($0.name, $0.assetStatus, $0.nextService.flatMap(CalendarDate.init(iso:))) },
            today: CalendarDate(clock.now()))
    }
}
