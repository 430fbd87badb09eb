import Foundation
import GRDB

/// The database schema, as an ordered list of GRDB migrations (their bodies are in
/// `Migrations`, one function per version). Never edit a shipped migration, nor its
/// identifier (databases in the field have it recorded): add a new one.
enum Schema {
    /// `PRAGMA application_id` marking a file as a Mobile Clinic database ("MCLN").
    static let applicationID: Int32 = 0x4D43_4C4E

    /// Every migration, in the order they run.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-users-audit-settings", migrate: Migrations.v1UsersAuditSettings)
        migrator.registerMigration("v2-patients", migrate: Migrations.v2Patients)
        migrator.registerMigration("v3-shortKey-ordered", migrate: Migrations.v3ShortKeyOrdered)
        migrator.registerMigration("v4-visits", migrate: Migrations.v4Visits)
        migrator.registerMigration("v5-visit-by-patient", migrate: Migrations.v5VisitByPatient)
        migrator.registerMigration("v6-consultation", migrate: Migrations.v6Consultation)
        migrator.registerMigration("v7-counselling", migrate: Migrations.v7Counselling)
        migrator.registerMigration("v8-prescriptions", migrate: Migrations.v8Prescriptions)
        migrator.registerMigration("v9-referrals", migrate: Migrations.v9Referrals)
        migrator.registerMigration("v10-stock", migrate: Migrations.v10Stock)
        migrator.registerMigration("v11-suppliers-assets", migrate: Migrations.v11SuppliersAssets)
        migrator.registerMigration("v12-appointments", migrate: Migrations.v12Appointments)
        migrator.registerMigration("v13-claim-exports", migrate: Migrations.v13ClaimExports)
        migrator.registerMigration("v14-sync", migrate: Migrations.v14Sync)
        migrator.registerMigration("v15-schedule-uids", migrate: Migrations.v15ScheduleUIDs)
        migrator.registerMigration("v16-clinical-seals", migrate: Migrations.v16ClinicalSeals)
        migrator.registerMigration("v17-icd10-asterisk-dagger", migrate: Migrations.v17ICD10AsteriskDagger)
        migrator.registerMigration("v18-imported-files", migrate: Migrations.v18ImportedFiles)
        migrator.registerMigration("v19-seal-users-and-settings", migrate: Migrations.v19SealUsersAndSettings)
        migrator.registerMigration("v20-local-secret", migrate: Migrations.v20LocalSecret)
        migrator.registerMigration("v21-import-progress", migrate: Migrations.v21ImportProgress)
        migrator.registerMigration("v22-stop-no-show-grace", migrate: Migrations.v22StopNoShowGrace)
        migrator.registerMigration("v23-screening", migrate: Migrations.v23Screening)
        migrator.registerMigration("v24-hiv-testing", migrate: Migrations.v24HIVTesting)
        migrator.registerMigration("v25-screening-tariffs", migrate: Migrations.v25ScreeningTariffs)
        return migrator
    }
}
