import GRDB

extension Migrations {
    /// v19: users and settings join the sealed tables (triggers and a seal for every row
    /// now): `UPDATE user SET role = 'admin'` with another tool must show like an edited
    /// clinical row. Every sealed table's triggers are made again for its columns of v19.
    static func v19SealUsersAndSettings(_ db: Database) throws {
        try installSeals(
            [
                ("patient", "id"), ("patientBackground", "id"), ("visit", "id"), ("visitEvent", "id"), ("vitalsSet", "id"),
                ("consultationNote", "visitId"), ("noteAddendum", "id"), ("diagnosis", "id"), ("prescription", "id"),
                ("referral", "id"), ("counsellingNote", "id"), ("movement", "id"), ("auditEntry", "id"),
                ("user", "id"), ("setting", "key"),
            ], in: db)
    }
}
