import GRDB

extension Migrations {
    /// v16: a seal for every clinical row and audit row (see `Seals`), kept by triggers.
    /// The tables as v16 shipped them: users and settings joined in v19.
    static func v16ClinicalSeals(_ db: Database) throws {
        try installSeals(
            [
                ("patient", "id"), ("patientBackground", "id"), ("visit", "id"), ("visitEvent", "id"), ("vitalsSet", "id"),
                ("consultationNote", "visitId"), ("noteAddendum", "id"), ("diagnosis", "id"), ("prescription", "id"),
                ("referral", "id"), ("counsellingNote", "id"), ("movement", "id"),
                // The audit log too: its hash chain cannot show that its newest rows were cut off.
                ("auditEntry", "id"),
            ], in: db)
    }
}
