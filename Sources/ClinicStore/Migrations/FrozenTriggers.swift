import GRDB

/// Trigger builders the shipped migrations share. They are frozen like the migrations
/// themselves: each migration passes its own literal list of tables, and the SQL text made
/// here is recorded in databases in the field (and sealed rows depend on it). Never change
/// what they produce: write a new builder for a new migration instead.
extension Migrations {
    /// Triggers that refuse every update and delete on `table` with `message`.
    static func appendOnly(_ table: String, _ message: String, in db: Database) throws {
        try db.execute(
            sql: """
                CREATE TRIGGER \(table)_append_only_update BEFORE UPDATE ON \(table)
                BEGIN SELECT RAISE(ABORT, '\(message)'); END;
                CREATE TRIGGER \(table)_append_only_delete BEFORE DELETE ON \(table)
                BEGIN SELECT RAISE(ABORT, '\(message)'); END;
                """)
    }

    /// Creates the seal table if needed, (re)creates the seal triggers of `tables` for their
    /// present columns and seals every row as it is now (see `Seals`). It registers
    /// `clinic_seal` on the connection, which a bare migrator's lacks; that digest is what
    /// every seal is, so it is the program's own and not frozen here.
    static func installSeals(_ tables: [(table: String, key: String)], in db: Database) throws {
        Seals.register(on: db)
        try db.execute(
            sql: """
                CREATE TABLE IF NOT EXISTS seal (tableName TEXT NOT NULL, rowKey TEXT NOT NULL, digest TEXT NOT NULL,
                    PRIMARY KEY (tableName, rowKey)) WITHOUT ROWID
                """)
        for (table, key) in tables {
            let content = try sealedContent(of: table, row: "NEW", in: db)
            for event in ["INSERT", "UPDATE"] {
                let trigger = "\(table)_seal_\(event.lowercased())"
                try db.execute(
                    sql: """
                        DROP TRIGGER IF EXISTS \(trigger);
                        CREATE TRIGGER \(trigger) AFTER \(event) ON \(table) BEGIN
                            INSERT OR REPLACE INTO seal(tableName, rowKey, digest) VALUES ('\(table)', NEW.\(key), clinic_seal(\(content)));
                        END;
                        """)
            }
            try db.execute(
                sql: """
                    INSERT OR REPLACE INTO seal(tableName, rowKey, digest)
                    SELECT '\(table)', \(key), clinic_seal(\(try sealedContent(of: table, row: table, in: db))) FROM \(table)
                    """)
        }
    }

    /// The sealed content of a row as the seal triggers compute it: every column, by name,
    /// of `row` in one JSON text. A frozen copy of `Seals`' own, which verification uses.
    private static func sealedContent(of table: String, row: String, in db: Database) throws -> String {
        let pairs = try db.columns(in: table).map { "'\($0.name)', \(row).\($0.name.quotedDatabaseIdentifier)" }
        return "json_object(\(pairs.joined(separator: ", ")))"
    }

    /// Triggers that queue every insert, update and delete of `table` by `key` in
    /// `syncOutbox`, and the table's present rows.
    static func queueSyncChanges(of table: String, key: String, in db: Database) throws {
        for (event, row) in [("INSERT", "NEW"), ("UPDATE", "NEW"), ("DELETE", "OLD")] {
            try db.execute(
                sql: """
                    CREATE TRIGGER \(table)_sync_\(event.lowercased()) AFTER \(event) ON \(table)
                    WHEN (SELECT applying FROM syncFlag) = 0
                    BEGIN INSERT OR REPLACE INTO syncOutbox(tableName, rowKey) VALUES ('\(table)', \(row).\(key)); END;
                    """)
        }
        try db.execute(sql: "INSERT OR IGNORE INTO syncOutbox(tableName, rowKey) SELECT '\(table)', \(key) FROM \(table)")
    }
}
