import ClinicDomain
import Foundation
import GRDB

/// A screening test's tariff: the code a claim line carries and its words.
public struct ScreeningTariff: Codable, Equatable, Sendable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "screeningTariff"

    /// A `ScreeningTest` raw value, or `hiv` for an HIV test done.
    public let test: String
    public let code: String
    public let description: String

    public init(test: String, code: String, description: String) {
        self.test = test
        self.code = code
        self.description = description
    }
}

/// The screening tariffs, replaced whole by each import.
public enum TariffRepository {
    public static func all(in db: Database) throws -> [ScreeningTariff] {
        try ScreeningTariff.order(Column("test")).fetchAll(db)
    }

    /// Replaces every tariff with `tariffs`.
    public static func replace(with tariffs: [ScreeningTariff], in db: Database) throws {
        try ScreeningTariff.deleteAll(db)
        for tariff in tariffs { try tariff.insert(db) }
    }
}
