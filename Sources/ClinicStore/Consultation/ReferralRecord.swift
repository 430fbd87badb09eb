import ClinicDomain
import Foundation
import GRDB

/// A referral out of the visit (hospital, specialist, counselling, social services).
public struct ReferralRecord: Codable, Equatable, Sendable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "referral"

    public var id: Int64?
    public var visitId: String
    public var kind: ReferralKind
    public var destination: String
    public var urgency: ReferralUrgency
    public var reason: String
    public var referredBy: String
    public var referredAt: Timestamp

    public init(
        visitId: String, kind: ReferralKind, destination: String, urgency: ReferralUrgency, reason: String,
        by user: String, at date: Date
    ) {
        self.visitId = visitId
        self.kind = kind
        self.destination = destination
        self.urgency = urgency
        self.reason = reason
        referredBy = user
        referredAt = Timestamp(date)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    public static func all(of visitId: String, in db: Database) throws -> [ReferralRecord] {
        try ReferralRecord.filter(ReferralRecord.Columns.visitId == visitId).order(ReferralRecord.Columns.id).fetchAll(db)
    }
}

extension ReferralKind: DatabaseValueConvertible {}
extension ReferralUrgency: DatabaseValueConvertible {}

extension ReferralRecord {
    /// The columns queries name, from the record's own coding keys.
    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let visitId = Column(CodingKeys.visitId)
    }
}
