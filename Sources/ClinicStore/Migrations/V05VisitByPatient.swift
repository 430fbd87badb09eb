import GRDB

extension Migrations {
    /// v5: a patient's visits by arrival, for the visit history.
    static func v5VisitByPatient(_ db: Database) throws {
        try db.create(index: "visit_by_patient", on: "visit", columns: ["patientId", "arrivedAt"])
    }
}
