import Foundation
import GRDB

extension Migrations {
    /// v20: a secret of this database alone (never synced, exported or shown) that keys the
    /// tag an unknown username is audited under, so the tag cannot be tried against guesses
    /// elsewhere.
    static func v20LocalSecret(_ db: Database) throws {
        try db.execute(sql: "CREATE TABLE localSecret (name TEXT PRIMARY KEY, value BLOB NOT NULL)")
        var generator = SystemRandomNumberGenerator()
        let key = Data((0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) })
        try db.execute(sql: "INSERT INTO localSecret (name, value) VALUES ('audit-tag', ?)", arguments: [key])
        try appendOnly("localSecret", "the secret of this database is never changed", in: db)
    }
}
