import ClinicDomain
package import ClinicStore
import Foundation

/// Which audit rows to read: built from typed values by `AuditService.filter`.
public struct AuditSearch: Equatable, Sendable {
    /// Part of the acting user's name (`nurse`, `shell:`), case ignored.
    public var user: String?
    /// The patient's id.
    public var patientID: String?
    /// The action or its start (`visit.` for every visit action).
    public var action: String?
    /// UTC bounds: from (inclusive), to (exclusive).
    public var from: Date?
    public var to: Date?

    /// Every row (no filter).
    public init() {}

    init(user: String?, patientID: String?, action: String?, from: Date?, to: Date?) {
        self.user = user
        self.patientID = patientID
        self.action = action
        self.from = from
        self.to = to
    }

    var storeFilter: AuditFilter { AuditFilter(user: user, patientID: patientID, action: action, from: from, to: to) }
}

/// One audit row as the viewer lists it.
public struct AuditEntry: Equatable, Sendable {
    public let id: Int64
    public let at: Date
    public let actor: String
    public let action: String
    /// The patient's folder number, nil for rows about no patient.
    public let folderNumber: String?
    public let detail: String

    package init(_ listing: AuditListing) {
        id = listing.id
        at = listing.at.date ?? .distantPast
        actor = listing.actor
        action = listing.action
        folderNumber = listing.folderNumber
        detail = listing.detail
    }
}

/// What re-checking the audit chain and the clinical rows' seals found.
public enum AuditCheck: Equatable, Sendable {
    /// The chain holds `rows` audit rows and `sealedRows` clinical rows match their seals.
    case intact(rows: Int, sealedRows: Int)
    /// The first audit row that does not fit the chain, and why.
    case broken(rowID: Int64, reason: String)
    /// A clinical row edited, added or deleted behind the program's back, described.
    case tampered(String)

    package init(_ verification: AuditLog.Verification) {
        switch verification {
        case .intact(let rows, let sealed): self = .intact(rows: rows, sealedRows: sealed)
        case .broken(let id, let reason): self = .broken(rowID: id, reason: reason)
        case .tampered(let problem): self = .tampered(problem.description)
        }
    }
}

/// A CSV text made from audit rows, with how many rows it holds.
public struct AuditCSV: Equatable, Sendable {
    public let text: String
    public let rows: Int
}

/// A file written from rows, with how many rows it holds.
public struct WrittenExport: Equatable, Sendable {
    public let path: String
    public let rows: Int
}
