import ClinicDomain
import GRDB

/// A timestamp column holds the timestamp's text, exactly.
extension Timestamp: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { text.databaseValue }

    public static func fromDatabaseValue(_ dbValue: DatabaseValue) -> Timestamp? {
        String.fromDatabaseValue(dbValue).map(Timestamp.init(text:))
    }
}
