import GRDB

extension Migrations {
    /// v2: patients with their name search, folder numbers, background and the medical
    /// scheme's member roster.
    static func v2Patients(_ db: Database) throws {
        try createPatient(db)
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

    /// v2's patient table and its indexes.
    private static func createPatient(_ db: Database) throws {
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
    }
}
