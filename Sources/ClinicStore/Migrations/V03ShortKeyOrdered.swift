import GRDB

extension Migrations {
    /// v3: the short key (initial + ID end) matches hundreds of people; keep them in name
    /// order in the index so a LIMIT 20 page needs no sort.
    static func v3ShortKeyOrdered(_ db: Database) throws {
        try db.drop(index: "patient_on_shortKey")
        try db.create(index: "patient_on_shortKey_name", on: "patient", columns: ["shortKey", "surnameKey", "firstNamesKey"])
    }
}
