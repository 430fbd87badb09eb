import ClinicDomain
import Foundation
import GRDB

/// A medicine of the formulary: generic name (PHC Essential Medicines List), strength, form.
public struct FormularyItem: Codable, Equatable, Sendable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "formularyItem"

    public var code: String
    public var genericName: String
    public var strength: String
    public var form: String
    public var route: String
    /// What one dose unit is: tablet, capsule, ml, puff…
    public var unit: String

    public init(code: String, genericName: String, strength: String, form: String, route: String, unit: String) {
        self.code = code
        self.genericName = genericName
        self.strength = strength
        self.form = form
        self.route = route
        self.unit = unit
    }

    /// "Amoxicillin 500 mg capsule".
    public var description: String { [genericName, strength, form].filter { !$0.isEmpty }.joined(separator: " ") }
}

/// A prescription on a visit.
public struct PrescriptionRecord: Codable, Equatable, Sendable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "prescription"

    public var id: Int64?
    public var visitId: String
    public var itemCode: String
    public var description: String
    public var dose: Double
    public var frequency: DoseFrequency
    public var days: Int
    public var quantity: Int
    /// Why it was prescribed despite a recorded allergy, if it conflicted with one.
    public var allergyOverride: String?
    public var prescribedBy: String
    public var prescribedAt: Timestamp
    /// When the medicine was handed out at closure; nil until then.
    public var dispensedAt: Timestamp?

    public init(visitId: String, item: FormularyItem, dosage: Dosage, allergyOverride: String?, by user: String, at date: Date) {
        self.visitId = visitId
        itemCode = item.code
        description = item.description
        dose = dosage.dose
        frequency = dosage.frequency
        days = dosage.days
        quantity = dosage.quantity
        self.allergyOverride = allergyOverride
        prescribedBy = user
        prescribedAt = Timestamp(date)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension DoseFrequency: DatabaseValueConvertible {}

/// The formulary and prescriptions, inside the caller's transaction.
public enum FormularyRepository {
    public static func item(code: String, in db: Database) throws -> FormularyItem? { try FormularyItem.fetchOne(db, key: code) }

    /// Medicines whose generic name starts with, or contains a word starting with, `query`.
    public static func search(_ query: String, limit: Int = 20, in db: Database) throws -> [FormularyItem] {
        let text = query.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { return [] }
        let escaped = text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_")
        return try FormularyItem.fetchAll(
            db,
            sql: """
                SELECT * FROM formularyItem WHERE genericName LIKE ? ESCAPE '\\' OR genericName LIKE ? ESCAPE '\\'
                ORDER BY genericName, strength LIMIT ?
                """, arguments: ["\(escaped)%", "% \(escaped)%", limit])
    }

    public static func upsert(_ items: [FormularyItem], in db: Database) throws {
        for item in items { try item.upsert(db) }
    }

    public static func prescriptions(of visitId: String, in db: Database) throws -> [PrescriptionRecord] {
        try PrescriptionRecord.filter(PrescriptionRecord.Columns.visitId == visitId).order(PrescriptionRecord.Columns.id)
            .fetchAll(db)
    }

    /// Deletes prescription `id` and its seal.
    public static func removePrescription(id: Int64, in db: Database) throws {
        try Seals.unseal("prescription", key: String(id), in: db)
        try db.execute(sql: "DELETE FROM prescription WHERE id = ?", arguments: [id])
    }

    public static func add(_ prescription: PrescriptionRecord, in db: Database) throws -> PrescriptionRecord {
        var prescription = prescription
        try prescription.insert(db)
        return prescription
    }
}

extension PrescriptionRecord {
    /// The columns queries name, from the record's own coding keys.
    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let visitId = Column(CodingKeys.visitId)
    }
}
