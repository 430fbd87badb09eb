import GRDB

extension Migrations {
    /// v23: the screening day's results, one row per test per visit (a test done again in
    /// the same visit replaces its row), sealed and synced like the other clinical rows.
    /// `urgent` marks a result that puts the visit first in its queue (PHQ-9 item 9).
    static func v23Screening(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE screeningResult (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    visitId TEXT NOT NULL REFERENCES visit(id),
                    test TEXT NOT NULL,
                    value REAL,
                    value2 REAL,
                    detail TEXT NOT NULL,
                    finding TEXT NOT NULL,
                    meaning TEXT NOT NULL,
                    nextStep TEXT NOT NULL,
                    sampleSentTo TEXT NOT NULL DEFAULT '',
                    urgent INTEGER NOT NULL DEFAULT 0,
                    recordedBy TEXT NOT NULL,
                    recordedAt TEXT NOT NULL,
                    UNIQUE (visitId, test)
                );
                CREATE INDEX screeningResult_by_test ON screeningResult(test, finding);
                """)
        try installSeals([("screeningResult", "id")], in: db)
        try queueSyncChanges(of: "screeningResult", key: "id", in: db)
    }
}
