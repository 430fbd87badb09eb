import ClinicDomain
import Foundation
import GRDB

/// A staff account as stored. Password hashes are PHC strings (Argon2id).
public struct UserRecord: Codable, Equatable, Sendable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "user"

    public var id: Int64?
    public var username: String
    public var fullName: String
    public var role: Role
    public var passwordHash: String
    public var failedAttempts: Int
    /// UTC `Timestamp` text until which logins are refused, or nil.
    public var lockedUntil: Timestamp?
    /// Set by an administrator (`clinic user lock`); cleared by `unlock`.
    public var disabled: Bool
    /// Bumped when the password changes, so other sessions of this user must log in again.
    public var sessionEpoch: Int
    public var createdAt: Timestamp

    public init(username: String, fullName: String, role: Role, passwordHash: String, createdAt: Date) {
        self.username = username
        self.fullName = fullName
        self.role = role
        self.passwordHash = passwordHash
        self.failedAttempts = 0
        self.lockedUntil = nil
        self.disabled = false
        self.sessionEpoch = 0
        self.createdAt = Timestamp(createdAt)
    }

    /// The lockout end as a date.
    public var lockedUntilDate: Date? { lockedUntil?.date }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// Reads and writes staff accounts. Writes take the caller's `Database` so that a
/// service can change a user and append its audit row in one transaction.
public enum UserRepository {
    /// The account with `username` (exact, lowercase), or nil.
    public static func find(username: String, in db: Database) throws -> UserRecord? {
        try UserRecord.filter(UserRecord.Columns.username == username).fetchOne(db)
    }

    /// The account with `id`, or nil.
    public static func find(id: Int64, in db: Database) throws -> UserRecord? {
        try UserRecord.fetchOne(db, key: id)
    }

    /// All accounts ordered by username.
    public static func all(in db: Database) throws -> [UserRecord] {
        try UserRecord.order(UserRecord.Columns.username).fetchAll(db)
    }

    /// Inserts `user`, returning it with its id.
    public static func insert(_ user: UserRecord, in db: Database) throws -> UserRecord {
        var user = user
        try user.insert(db)
        return user
    }

    /// Saves every column of an existing account.
    public static func update(_ user: UserRecord, in db: Database) throws {
        try user.update(db)
    }
}

extension UserRecord {
    /// The columns queries name, from the record's own coding keys.
    public enum Columns {
        public static let username = Column(CodingKeys.username)
    }
}
