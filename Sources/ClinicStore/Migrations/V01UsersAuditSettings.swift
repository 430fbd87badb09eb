import GRDB

extension Migrations {
    /// v1: the file's application id, settings, users and the append-only audit log.
    static func v1UsersAuditSettings(_ db: Database) throws {
        try db.execute(sql: "PRAGMA application_id = \(Schema.applicationID)")
        try db.create(table: "setting") { t in
            t.primaryKey("key", .text)
            t.column("value", .text).notNull()
        }
        try db.create(table: "user") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("username", .text).notNull().unique()
            t.column("fullName", .text).notNull()
            t.column("role", .text).notNull()
                .check(sql: "role IN ('admin','doctor','nurse','clerk','social','stock','finance','viewer')")
            t.column("passwordHash", .text).notNull()
            t.column("failedAttempts", .integer).notNull().defaults(to: 0)
            t.column("lockedUntil", .text)
            t.column("disabled", .boolean).notNull().defaults(to: false)
            t.column("sessionEpoch", .integer).notNull().defaults(to: 0)
            t.column("createdAt", .text).notNull()
        }
        try db.create(table: "auditEntry") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("at", .text).notNull()
            t.column("actor", .text).notNull()
            t.column("action", .text).notNull()
            t.column("patientID", .text)
            t.column("detail", .text).notNull()
            t.column("prevHash", .text).notNull()
            t.column("hash", .text).notNull()
        }
        try db.create(index: "auditEntry_on_patient", on: "auditEntry", columns: ["patientID"])
        try db.execute(
            sql: """
                CREATE TRIGGER auditEntry_no_update BEFORE UPDATE ON auditEntry
                BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
                CREATE TRIGGER auditEntry_no_delete BEFORE DELETE ON auditEntry
                BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
                """)
    }
}
