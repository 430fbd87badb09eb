import ClinicDomain
package import ClinicStore
import Foundation

/// A staff account as the administrator lists it; never its password hash.
public struct StaffAccount: Equatable, Sendable {
    public let username: String
    public let fullName: String
    public let role: Role
    /// Disabled by an administrator until unlocked.
    public let disabled: Bool
    /// Refused at login now: disabled, or locked out after failed attempts.
    public let lockedOut: Bool

    package init(_ record: UserRecord, now: Date) {
        username = record.username
        fullName = record.fullName
        role = record.role
        disabled = record.disabled
        lockedOut = record.disabled || LockoutPolicy.standard.isLocked(lockedUntil: record.lockedUntilDate, now: now)
    }
}

/// A supplier stock is received from.
public struct Supplier: Equatable, Sendable {
    public let id: Int64
    public let name: String
    public let contact: String
    /// E.164, empty when none was given.
    public let phone: String

    package init(_ record: SupplierRecord) {
        id = record.id ?? 0
        name = record.name
        contact = record.contact
        phone = record.phone
    }
}

/// A checked copy of the database, with what it holds.
public struct DatabaseSnapshot: Equatable, Sendable {
    public let path: String
    public let bytes: Int
    public let patients: Int
    public let visits: Int
    /// The newest audit row's time, nil for an empty log.
    public let lastActivity: Date?

    package init(_ copy: DatabaseCopy) {
        path = copy.path
        bytes = copy.bytes
        patients = copy.patients
        visits = copy.visits
        lastActivity = Timestamp.date(copy.lastActivity)
    }
}

/// A restore: the copy put in place, and where the content it replaced was kept.
public struct RestoreResult: Equatable, Sendable {
    public let restored: DatabaseSnapshot
    public let safetyCopy: String
}

/// A file applied before, as the refusal of the same file names it.
public struct PriorImport: Equatable, Sendable {
    public let rows: Int
    public let at: Date?
    public let actor: String

    package init(_ entry: ImportedFiles.Entry) {
        rows = entry.rows
        at = Timestamp.date(entry.at)
        actor = entry.actor
    }
}
