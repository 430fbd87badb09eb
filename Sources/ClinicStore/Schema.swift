import Foundation
import GRDB

/// The database schema, as an ordered list of GRDB migrations. Never edit a shipped
/// migration: add a new one.
enum Schema {
    /// `PRAGMA application_id` marking a file as a Mobile Clinic database ("MCLN").
    static let applicationID: Int32 = 0x4D43_4C4E

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-users-audit-settings") { db in
            try db.execute(sql: "PRAGMA application_id = \(applicationID)")
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
            try db.execute(sql: """
                CREATE TRIGGER auditEntry_no_update BEFORE UPDATE ON auditEntry
                BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
                CREATE TRIGGER auditEntry_no_delete BEFORE DELETE ON auditEntry
                BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
                """)
        }
        migrator.registerMigration("v2-patients") { db in
            try db.create(table: "patient") { t in
                t.primaryKey("id", .text)
                t.column("folderNumber", .text).notNull().unique()
                t.column("surname", .text).notNull()
                t.column("firstNames", .text).notNull()
                t.column("surnameKey", .text).notNull()
                t.column("firstNamesKey", .text).notNull()
                t.column("sex", .text).notNull().check(sql: "sex IN ('F','M','X')")
                t.column("dateOfBirth", .text).notNull()
                t.column("documentType", .text).notNull()
                t.column("documentNumber", .text).notNull()
                t.column("saID", .text).unique()
                t.column("shortKey", .text)
                t.column("phone", .text)
                t.column("address", .text).notNull().defaults(to: "")
                t.column("province", .text)
                t.column("language", .text).notNull().defaults(to: "")
                t.column("nextOfKin", .text).notNull().defaults(to: "")
                t.column("nextOfKinPhone", .text)
                t.column("membershipNumber", .text)
                t.column("dependantCode", .text)
                t.column("mainMemberFolder", .text)
                t.column("active", .boolean).notNull().defaults(to: true)
                t.column("statusReason", .text)
                t.column("version", .integer).notNull().defaults(to: 1)
                t.column("createdAt", .text).notNull()
                t.column("updatedAt", .text).notNull()
                t.column("updatedBy", .text).notNull()
                t.uniqueKey(["membershipNumber", "dependantCode"])
            }
            try db.create(index: "patient_on_name", on: "patient", columns: ["surnameKey", "firstNamesKey"])
            try db.create(index: "patient_on_firstNames", on: "patient", columns: ["firstNamesKey"])
            try db.create(index: "patient_on_shortKey", on: "patient", columns: ["shortKey"])
            try db.create(index: "patient_on_phone", on: "patient", columns: ["phone"])
            try db.create(index: "patient_on_dateOfBirth", on: "patient", columns: ["dateOfBirth"])
            try db.create(virtualTable: "patientName", using: FTS5()) { t in
                t.synchronize(withTable: "patient")
                t.tokenizer = .unicode61(diacritics: .remove)
                t.prefixes = [1, 2, 3]
                t.column("surname")
                t.column("firstNames")
            }
            try db.create(table: "folderCounter") { t in
                t.primaryKey("siteCode", .text)
                t.column("next", .integer).notNull()
            }
            try db.create(table: "patientBackground") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("patient", onDelete: .cascade).notNull()
                t.column("kind", .text).notNull().check(sql: "kind IN ('allergy','condition','medication')")
                t.column("text", .text).notNull()
                t.column("note", .text).notNull().defaults(to: "")
                t.column("createdAt", .text).notNull()
                t.column("createdBy", .text).notNull()
            }
            try db.create(table: "memberRoster") { t in
                t.column("membershipNumber", .text).notNull()
                t.column("dependantCode", .text).notNull()
                t.column("surname", .text).notNull()
                t.column("firstNames", .text).notNull()
                t.column("dateOfBirth", .text)
                t.column("saID", .text)
                t.column("status", .text).notNull()
                t.column("option", .text).notNull().defaults(to: "")
                t.column("importedAt", .text).notNull()
                t.primaryKey(["membershipNumber", "dependantCode"])
            }
        }
        migrator.registerMigration("v3-shortKey-ordered") { db in
            // The short key (initial + ID end) matches hundreds of people; keep them in name
            // order in the index so a LIMIT 20 page needs no sort.
            try db.drop(index: "patient_on_shortKey")
            try db.create(index: "patient_on_shortKey_name", on: "patient", columns: ["shortKey", "surnameKey", "firstNamesKey"])
        }
        migrator.registerMigration("v4-visits") { db in
            try db.create(table: "visit") { t in
                t.primaryKey("id", .text)
                t.belongsTo("patient").notNull()
                t.column("stage", .text).notNull()
                t.column("reason", .text).notNull()
                /// Triage colour rank: 0 red … 3 green, 4 not yet triaged; queues sort by it.
                t.column("colourRank", .integer).notNull().defaults(to: 4)
                t.column("arrivedAt", .text).notNull()
                t.column("stageEnteredAt", .text).notNull()
                t.column("takenBy", .text)
                t.column("takenAt", .text)
                t.column("endedAt", .text)
                t.column("endReason", .text)
                t.column("createdBy", .text).notNull()
            }
            try db.execute(sql: """
                CREATE UNIQUE INDEX visit_one_open_per_patient ON visit(patientId)
                    WHERE stage NOT IN ('closed', 'cancelled');
                CREATE INDEX visit_queue ON visit(stage, colourRank, stageEnteredAt);
                """)
            try db.create(table: "visitEvent") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("visit").notNull()
                t.column("at", .text).notNull()
                t.column("fromStage", .text)
                t.column("toStage", .text).notNull()
                t.column("action", .text).notNull()
                t.column("actor", .text).notNull()
                t.column("reason", .text)
            }
            try db.create(table: "vitalsSet") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("visit").notNull()
                t.column("recordedAt", .text).notNull()
                t.column("recordedBy", .text).notNull()
                t.column("vitals", .jsonText).notNull()
                t.column("isFull", .boolean).notNull()
                t.column("score", .integer)
                t.column("colour", .text)
                t.column("discriminator", .text)
                t.column("discriminatorReason", .text)
                t.column("note", .text).notNull().defaults(to: "")
            }
        }
        migrator.registerMigration("v5-visit-by-patient") { db in
            try db.create(index: "visit_by_patient", on: "visit", columns: ["patientId", "arrivedAt"])
        }
        migrator.registerMigration("v6-consultation") { db in
            try db.create(table: "icd10") { t in
                t.primaryKey("code", .text)
                t.column("title", .text).notNull()
                t.column("validPrimary", .boolean).notNull()
                t.column("source", .text).notNull()
            }
            try db.create(virtualTable: "icd10Search", using: FTS5()) { t in
                t.synchronize(withTable: "icd10")
                t.tokenizer = .unicode61(diacritics: .remove)
                t.prefixes = [1, 2, 3]
                t.column("code")
                t.column("title")
            }
            try ICD10Repository.loadBundled(into: db)
            try db.create(table: "consultationNote") { t in
                t.primaryKey("visitId", .text).references("visit")
                t.column("subjective", .text).notNull()
                t.column("objective", .text).notNull()
                t.column("assessment", .text).notNull()
                t.column("plan", .text).notNull()
                t.column("signedBy", .text)
                t.column("signedAt", .text)
                t.column("updatedAt", .text).notNull()
                t.column("updatedBy", .text).notNull()
            }
            try db.execute(sql: """
                CREATE TRIGGER consultationNote_signed_is_final BEFORE UPDATE ON consultationNote
                WHEN OLD.signedAt IS NOT NULL
                BEGIN SELECT RAISE(ABORT, 'a signed note cannot be changed; add an addendum'); END;
                """)
            try db.create(table: "noteAddendum") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("visit").notNull()
                t.column("text", .text).notNull()
                t.column("author", .text).notNull()
                t.column("at", .text).notNull()
            }
            try db.create(table: "diagnosis") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("visit").notNull()
                t.column("code", .text).notNull()
                t.column("isPrimary", .boolean).notNull()
                t.column("addedBy", .text).notNull()
                t.column("addedAt", .text).notNull()
                t.uniqueKey(["visitId", "code"])
            }
        }
        migrator.registerMigration("v7-counselling") { db in
            try db.create(table: "counsellingNote") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("visit").notNull()
                t.column("sessionType", .text).notNull()
                t.column("notes", .text).notNull()
                t.column("outcome", .text).notNull()
                t.column("referral", .text).notNull()
                t.column("author", .text).notNull()
                t.column("at", .text).notNull()
            }
        }
        migrator.registerMigration("v8-prescriptions") { db in
            try db.create(table: "formularyItem") { t in
                t.primaryKey("code", .text)
                t.column("genericName", .text).notNull()
                t.column("strength", .text).notNull()
                t.column("form", .text).notNull()
                t.column("route", .text).notNull()
                t.column("unit", .text).notNull()
            }
            try db.create(index: "formularyItem_on_name", on: "formularyItem", columns: ["genericName"])
            try FormularyRepository.loadBundled(into: db)
            try db.create(table: "prescription") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("visit").notNull()
                t.column("itemCode", .text).notNull().references("formularyItem")
                t.column("description", .text).notNull()
                t.column("dose", .double).notNull()
                t.column("frequency", .text).notNull()
                t.column("days", .integer).notNull()
                t.column("quantity", .integer).notNull()
                t.column("allergyOverride", .text)
                t.column("prescribedBy", .text).notNull()
                t.column("prescribedAt", .text).notNull()
            }
        }
        migrator.registerMigration("v9-referrals") { db in
            try db.create(table: "referral") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("visit").notNull()
                t.column("kind", .text).notNull()
                t.column("destination", .text).notNull()
                t.column("urgency", .text).notNull()
                t.column("reason", .text).notNull()
                t.column("referredBy", .text).notNull()
                t.column("referredAt", .text).notNull()
            }
        }
        migrator.registerMigration("v10-stock") { db in
            try db.create(table: "stockItem") { t in
                t.primaryKey("code", .text).references("formularyItem")
                t.column("nappi", .text).notNull().defaults(to: "")
                t.column("reorderLevel", .integer).notNull().defaults(to: 0)
                t.column("storageNote", .text).notNull().defaults(to: "")
            }
            try db.create(table: "gtin") { t in
                t.primaryKey("gtin", .text)
                t.column("itemCode", .text).notNull().references("stockItem")
            }
            try db.create(table: "batch") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("itemCode", .text).notNull().references("stockItem")
                t.column("batchNumber", .text).notNull()
                t.column("expiry", .text).notNull()
                t.column("supplier", .text).notNull().defaults(to: "")
                t.column("receivedAt", .text).notNull()
                t.uniqueKey(["itemCode", "batchNumber", "expiry"])
            }
            try db.create(table: "movement") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("batch").notNull()
                t.column("kind", .text).notNull()
                t.column("quantity", .integer).notNull()
                t.column("visitId", .text)
                t.column("reason", .text).notNull().defaults(to: "")
                t.column("actor", .text).notNull()
                t.column("at", .text).notNull()
            }
            try appendOnly("movement", "the stock ledger is append-only", in: db)
            try db.alter(table: "prescription") { t in t.add(column: "dispensedAt", .text) }
        }
        migrator.registerMigration("v11-suppliers-assets") { db in
            try db.create(table: "supplier") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("name", .text).notNull().unique().collate(.nocase)
                t.column("contact", .text).notNull().defaults(to: "")
                t.column("phone", .text).notNull().defaults(to: "")
            }
            try db.execute(sql: "INSERT OR IGNORE INTO supplier(name) SELECT DISTINCT supplier FROM batch WHERE supplier <> ''")
            try db.alter(table: "batch") { t in t.add(column: "unitCostCents", .integer) }
            try db.create(table: "asset") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("type", .text).notNull()
                t.column("make", .text).notNull()
                t.column("model", .text).notNull()
                t.column("serial", .text).notNull().unique().collate(.nocase)
                t.column("location", .text).notNull()
                t.column("status", .text).notNull()
                t.column("nextService", .text)
            }
            try db.create(table: "assetEvent") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("asset").notNull()
                t.column("status", .text).notNull()
                t.column("location", .text).notNull()
                t.column("nextService", .text)
                t.column("note", .text).notNull()
                t.column("actor", .text).notNull()
                t.column("at", .text).notNull()
            }
            try appendOnly("assetEvent", "equipment history is append-only", in: db)
        }
        migrator.registerMigration("v12-appointments") { db in
            try db.create(table: "location") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("name", .text).notNull().unique().collate(.nocase)
                t.column("type", .text).notNull()
                t.column("province", .text).notNull()
                t.column("address", .text).notNull()
                t.column("contact", .text).notNull()
                t.column("latitude", .double)
                t.column("longitude", .double)
            }
            try db.create(table: "routeStop") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("location").notNull()
                t.column("truck", .text).notNull().collate(.nocase)
                t.column("date", .text).notNull()
                t.column("opens", .text).notNull()
                t.column("closes", .text).notNull()
                t.column("slotMinutes", .integer).notNull().check { $0 > 0 }
                t.column("capacity", .integer).notNull().check { $0 > 0 }
                t.column("createdBy", .text).notNull()
                t.column("createdAt", .text).notNull()
            }
            try db.create(index: "routeStop_on_truck_date", on: "routeStop", columns: ["truck", "date"])
            try db.create(table: "appointment") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("stop", inTable: "routeStop").notNull()
                t.column("slot", .text).notNull()
                t.column("startsAt", .text).notNull()
                t.belongsTo("patient").notNull()
                t.column("status", .text).notNull()
                t.column("note", .text).notNull().defaults(to: "")
                t.column("replaces", .integer).references("appointment")
                t.column("visitId", .text)
                t.column("bookedBy", .text).notNull()
                t.column("bookedAt", .text).notNull()
                t.column("changedBy", .text)
                t.column("changedAt", .text)
            }
            try db.create(index: "appointment_on_startsAt", on: "appointment", columns: ["startsAt"])
            // One open booking per patient per stop, and never more bookings in a slot than
            // its capacity, whichever terminal or process writes.
            try db.execute(sql: """
                CREATE UNIQUE INDEX appointment_one_open_per_patient ON appointment(stopId, patientId) WHERE status = 'booked';
                CREATE TRIGGER appointment_capacity BEFORE INSERT ON appointment
                WHEN (SELECT COUNT(*) FROM appointment WHERE stopId = NEW.stopId AND slot = NEW.slot
                        AND status NOT IN ('cancelled', 'rescheduled'))
                     >= (SELECT capacity FROM routeStop WHERE id = NEW.stopId)
                BEGIN SELECT RAISE(ABORT, 'slot full'); END;
                """)
        }
        migrator.registerMigration("v13-claim-exports") { db in
            // The watermark of the claims export: a visit claimed once is not claimed again
            // unless asked. Rows are never changed, so a re-run cannot lose the first export.
            try db.create(table: "claimExport") { t in
                t.primaryKey("visitId", .text).references("visit")
                t.column("exportedAt", .text).notNull()
                t.column("file", .text).notNull()
                t.column("actor", .text).notNull()
            }
            try appendOnly("claimExport", "claim exports are append-only", in: db)
            try db.create(index: "visit_on_arrivedAt", on: "visit", columns: ["arrivedAt"])
        }
        migrator.registerMigration("v14-sync") { db in try SyncTables.migrate(db) }
        migrator.registerMigration("v15-schedule-uids") { db in try SyncTables.keyScheduleByUID(db) }
        migrator.registerMigration("v16-clinical-seals") { db in try Seals.install(db) }
        migrator.registerMigration("v17-icd10-asterisk-dagger") { db in
            // The SA ICD-10 MIT's Valid_ICD10_Asterisk and Valid_ICD10_Dagger: an asterisk-only
            // code cannot be primary and is claimed only beside a dagger code.
            try db.alter(table: "icd10") { t in
                t.add(column: "validAsterisk", .boolean).notNull().defaults(to: false)
                t.add(column: "validDagger", .boolean).notNull().defaults(to: false)
            }
        }
        migrator.registerMigration("v18-imported-files") { db in
            // Files an import applied, by SHA-256, so the same file is never applied twice.
            try db.execute(sql: """
                CREATE TABLE importedFile (
                    sha256 TEXT NOT NULL, kind TEXT NOT NULL, name TEXT NOT NULL, rows INTEGER NOT NULL,
                    at TEXT NOT NULL, actor TEXT NOT NULL, PRIMARY KEY (sha256, kind))
                """)
            try appendOnly("importedFile", "imported files are never changed", in: db)
        }
        // Users and settings join the sealed tables (triggers and a seal for every row now).
        migrator.registerMigration("v19-seal-users-and-settings") { db in try Seals.install(db) }
        // A secret of this database alone (never synced, exported or shown) that keys the tag
        // an unknown username is audited under, so the tag cannot be tried against guesses elsewhere.
        migrator.registerMigration("v20-local-secret") { db in
            try db.execute(sql: "CREATE TABLE localSecret (name TEXT PRIMARY KEY, value BLOB NOT NULL)")
            var generator = SystemRandomNumberGenerator()
            let key = Data((0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) })
            try db.execute(sql: "INSERT INTO localSecret (name, value) VALUES ('audit-tag', ?)", arguments: [key])
            try appendOnly("localSecret", "the secret of this database is never changed", in: db)
        }
        // How far an import applied in steps got, so one that was stopped resumes where it stopped.
        migrator.registerMigration("v21-import-progress") { db in
            try db.execute(sql: """
                CREATE TABLE importProgress (
                    sha256 TEXT NOT NULL, kind TEXT NOT NULL, name TEXT NOT NULL, rows INTEGER NOT NULL, at TEXT NOT NULL,
                    PRIMARY KEY (sha256, kind))
                """)
        }
        return migrator
    }

    /// Triggers that refuse every update and delete on `table` with `message`.
    static func appendOnly(_ table: String, _ message: String, in db: Database) throws {
        try db.execute(sql: """
            CREATE TRIGGER \(table)_append_only_update BEFORE UPDATE ON \(table)
            BEGIN SELECT RAISE(ABORT, '\(message)'); END;
            CREATE TRIGGER \(table)_append_only_delete BEFORE DELETE ON \(table)
            BEGIN SELECT RAISE(ABORT, '\(message)'); END;
            """)
    }
}
