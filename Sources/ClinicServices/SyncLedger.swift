import ClinicDomain
import ClinicStore
import Foundation
import GRDB

/// The truck's sync bookkeeping, readable without a connection: when it last synced, what
/// waits to be pushed, and the conflicts an administrator resolves.
public struct SyncLedger: Sendable {
    /// How a conflict is settled.
    public enum Choice: String, Sendable { case central, truck }

    let database: ClinicDatabase
    let clock: any Clock

    public init(database: ClinicDatabase, clock: any Clock = SystemClock()) {
        self.database = database
        self.clock = clock
    }

    /// Last successful sync (UTC timestamp, nil if never) and changes waiting.
    public func status(by actor: Actor) throws -> (lastSync: String?, waiting: Int, openConflicts: Int) {
        try actor.require(.sync)
        return try database.pool.read { db in
            (try SyncStore.state("lastSyncAt", in: db), try SyncStore.waiting(in: db),
             try Int.fetchOne(db, sql: "SELECT count(*) FROM syncConflict WHERE resolvedAt IS NULL") ?? 0)
        }
    }

    /// Every conflict, open ones first.
    public func conflicts(by actor: Actor) throws -> [SyncConflictRecord.Listing] {
        try actor.require(.sync)
        return try database.pool.read { try SyncConflictRecord.listings(in: $0) }
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
                try DemographicFields.set(conflict.field, to: value, patientId: conflict.patientId, by: actor.auditName, at: now, in: db)
            }
            conflict.resolvedAt = Timestamp.string(now)
            conflict.resolution = "kept \(choice.rawValue) value '\(value)' (\(actor.auditName))"
            conflict.resolutionSent = false
            try conflict.update(db)
            try AuditLog.append(actor: actor.auditName, action: "sync.resolve", patientID: conflict.patientId,
                                detail: "\(conflict.field): \(conflict.resolution!)", at: now, in: db)
        }
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
    static func set(_ field: String, to value: String, patientId: String, by user: String, at date: Date, in db: Database) throws {
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
        patient.updatedAt = Timestamp.string(date)
        patient.updatedBy = user
        try patient.update(db)
    }

    private static func parsed<T>(_ value: T?, _ field: String) throws -> T {
        guard let value else { throw SyncLedgerError.unknownField(field) }
        return value
    }
}
