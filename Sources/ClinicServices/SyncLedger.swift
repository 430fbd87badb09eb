import ClinicDomain
package import ClinicStore
import Foundation
internal import GRDB

/// The truck's sync bookkeeping, readable without a connection: when it last synced, what
/// waits to be pushed, and the conflicts an administrator resolves.
public struct SyncLedger: Sendable {
    /// How a conflict is settled.
    public enum Choice: String, Sendable { case central, truck }

    let database: ClinicDatabase
    let clock: any Clock

    package init(database: ClinicDatabase, clock: any Clock = SystemClock()) {
        self.database = database
        self.clock = clock
    }

    /// Last successful sync (nil if never), changes waiting and conflicts open.
    public func status(by actor: Actor) throws -> SyncStatus {
        try actor.require(.sync)
        return try database.pool.read { db in
            SyncStatus(
                lastSync: try SyncStore.state("lastSyncAt", in: db).flatMap(Timestamp.date),
                waiting: try SyncStore.waiting(in: db), openConflicts: try SyncConflictRecord.openCount(in: db))
        }
    }

    /// Every conflict, open ones first.
    public func conflicts(by actor: Actor) throws -> [SyncConflict] {
        try actor.require(.sync)
        return try database.pool.read { try SyncConflictRecord.listings(in: $0) }.map(SyncConflict.init)
    }

    /// Settles a conflict: `central` keeps the value in use; `truck` puts the other value
    /// on the patient (an audited edit that the next sync carries to the centre). The choice
    /// reaches the central conflict list on the next sync.
    public func resolve(_ id: String, keep choice: Choice, by actor: Actor) throws {
        try actor.require(.sync)
        let now = clock.now()
        try database.pool.write { db in
            guard var conflict = try SyncConflictRecord.fetchOne(db, key: id) else { throw SyncLedgerError.noSuchConflict }
            guard conflict.resolvedAt == nil else { throw SyncLedgerError.alreadyResolved }
            let value = choice == .central ? conflict.centralValue : conflict.truckValue
            if choice == .truck {
                try DemographicFields.set(
                    conflict.field, to: value, patientId: conflict.patientId, by: actor.auditName, at: now, in: db)
            }
            conflict.resolvedAt = Timestamp(now)
            conflict.resolution = "kept \(choice.rawValue) value '\(value)' (\(actor.auditName))"
            conflict.resolutionSent = false
            try conflict.update(db)
            try AuditLog.append(
                actor: actor.auditName, action: .syncResolve, patientID: conflict.patientId,
                detail: "\(conflict.field): \(conflict.resolution!)", at: now, in: db)
        }
    }
}

/// The truck's sync bookkeeping at a glance.
public struct SyncStatus: Equatable, Sendable {
    /// The last successful sync, nil if never.
    public let lastSync: Date?
    /// Changes waiting to be pushed.
    public let waiting: Int
    /// Conflicts an administrator has still to settle.
    public let openConflicts: Int
}

/// A demographic conflict between trucks with the patient's folder number and name.
public struct SyncConflict: Equatable, Sendable {
    public let id: String
    public let folderNumber: String
    public let surname: String
    public let firstNames: String
    /// The patient column the values differ in, e.g. `phone`.
    public let field: String
    public let centralValue: String
    public let truckValue: String
    /// The other truck's site code.
    public let site: String
    public let isOpen: Bool
    public let resolution: String?

    package init(_ listing: SyncConflictRecord.Listing) {
        id = listing.id
        folderNumber = listing.folderNumber
        surname = listing.surname
        firstNames = listing.firstNames
        field = listing.field
        centralValue = listing.centralValue
        truckValue = listing.truckValue
        site = listing.site
        isOpen = listing.resolvedAt == nil
        resolution = listing.resolution
    }
}

/// Why a conflict could not be resolved.
public enum SyncLedgerError: Error, Equatable, Sendable, CustomStringConvertible {
    case noSuchConflict, alreadyResolved
    case unknownField(String)

    public var description: String {
        switch self {
        case .noSuchConflict: "No such conflict"
        case .alreadyResolved: "That conflict is already resolved"
        case .unknownField(let field): "The value for \(field) cannot be applied here; keep the central value and edit the record"
        }
    }
}

/// Setting one demographic field of a patient by its column name, as sync conflicts name
/// them (the fields the central merge compares).
enum DemographicFields {
    static func set(_ field: String, to value: String, patientId: String, by user: String, at date: Date, in db: Database) throws
    {
        guard var patient = try PatientRecord.fetchOne(db, key: patientId) else { throw SyncLedgerError.noSuchConflict }
        let optional: String? = value.isEmpty ? nil : value
        switch field {
        case "surname": patient.surname = value
        case "firstNames": patient.firstNames = value
        case "phone": patient.phone = optional
        case "address": patient.address = value
        case "language": patient.language = value
        case "nextOfKin": patient.nextOfKin = value
        case "nextOfKinPhone": patient.nextOfKinPhone = optional
        case "membershipNumber": patient.membershipNumber = optional
        case "dependantCode": patient.dependantCode = optional
        case "mainMemberFolder": patient.mainMemberFolder = optional
        case "statusReason": patient.statusReason = optional
        case "dateOfBirth": patient.dateOfBirth = value
        case "documentNumber": patient.documentNumber = value
        case "saID": patient.saID = optional
        case "active": patient.active = value == "1" || value == "true"
        case "sex": patient.sex = try parsed(Sex(rawValue: value), field)
        case "documentType": patient.documentType = try parsed(IdentityDocument(rawValue: value), field)
        case "province": patient.province = value.isEmpty ? nil : try parsed(Province(rawValue: value), field)
        default: throw SyncLedgerError.unknownField(field)
        }
        patient.apply(patient.details)
        patient.version += 1
        patient.updatedAt = Timestamp(date)
        patient.updatedBy = user
        try patient.update(db)
    }

    private static func parsed<T>(_ value: T?, _ field: String) throws -> T {
        guard let value else { throw SyncLedgerError.unknownField(field) }
        return value
    }
}
