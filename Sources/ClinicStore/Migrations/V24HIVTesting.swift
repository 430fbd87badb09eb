import GRDB

extension Migrations {
    /// v24: HIV testing services, one row per visit (consent, the rapid tests as JSON with
    /// each kit's item, batch, lot and expiry, the result and what follows it), sealed and
    /// synced like the other clinical rows; the two rapid-test kits join the formulary so
    /// they can be received and dispensed from their batches.
    static func v24HIVTesting(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE hivTest (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    visitId TEXT NOT NULL UNIQUE REFERENCES visit(id),
                    consent TEXT NOT NULL CHECK (consent IN ('given', 'declined')),
                    tests TEXT NOT NULL DEFAULT '[]',
                    result TEXT CHECK (result IN ('negative', 'positive', 'inconclusive')),
                    linkage TEXT NOT NULL DEFAULT '',
                    linkageTo TEXT NOT NULL DEFAULT '',
                    linkageDate TEXT,
                    retestDate TEXT,
                    labTo TEXT NOT NULL DEFAULT '',
                    recordedBy TEXT NOT NULL,
                    recordedAt TEXT NOT NULL
                );
                CREATE INDEX hivTest_by_result ON hivTest(result);
                INSERT OR IGNORE INTO formularyItem(code, genericName, strength, form, route, unit) VALUES
                    ('HIVRT1', 'HIV 1/2 rapid test, screening (test 1)', '1 test', 'kit', 'in vitro', 'test'),
                    ('HIVRT2', 'HIV 1/2 rapid test, confirmatory (test 2)', '1 test', 'kit', 'in vitro', 'test');
                """)
        try installSeals([("hivTest", "id")], in: db)
        try queueSyncChanges(of: "hivTest", key: "id", in: db)
    }
}
