import CSV
import Foundation
import GRDB

extension Migrations {
    /// The data rows (header skipped) of a CSV file bundled with the program, for a
    /// migration to insert with its own SQL.
    static func bundledRows(_ resource: String, missing: String) throws -> [[String]] {
        guard let url = Bundle.module.url(forResource: resource, withExtension: "csv"),
            let text = try? String(contentsOf: url, encoding: .utf8)
        else {
            throw DatabaseError(message: missing)
        }
        let reader = try CSVReader(string: text, hasHeaderRow: true)
        var rows: [[String]] = []
        while let row = reader.next() { rows.append(row) }
        return rows
    }
}
