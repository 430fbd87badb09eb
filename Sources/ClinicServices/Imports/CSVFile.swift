import CSV
import Foundation

/// A problem in an import file, located as `file:line: what is wrong`.
public struct ImportProblem: Error, Equatable, Sendable, CustomStringConvertible {
    public let file: String
    public let line: Int
    public let message: String

    public var description: String { "\(file):\(line): \(message)" }
}

/// Streams a CSV file with a header row, one row at a time (memory stays bounded for
/// any file size), checking the header against the columns an import understands.
struct CSVFile {
    let path: String
    let name: String
    let columns: [String]
    /// Number of data rows, counted up front for the progress bar.
    let rowCount: Int
    /// Headings the import does not use, when it ignores such columns instead of refusing the file.
    let ignored: [String]
    private let reader: CSVReader
    private var line = 1

    /// `aliases` maps other spellings of a heading to the column name used in `required` and
    /// `optional`; other headings refuse the file unless `ignoringUnknown`.
    init(path: String, required: [String], optional: [String], aliases: [String: String] = [:],
         ignoringUnknown: Bool = false) throws {
        guard let stream = InputStream(fileAtPath: path), FileManager.default.isReadableFile(atPath: path) else {
            throw ImportProblem(file: path, line: 0, message: "cannot read the file")
        }
        self.path = path
        name = (path as NSString).lastPathComponent
        do {
            reader = try CSVReader(stream: stream, hasHeaderRow: true, trimFields: true)
        } catch {
            throw ImportProblem(file: name, line: 1, message: "not a CSV file with a header row (\(error))")
        }
        let header = (reader.headerRow ?? []).map { $0.lowercased().trimmingCharacters(in: .whitespaces) }
            .map { aliases[$0] ?? $0 }
        columns = header
        if let missing = required.first(where: { !header.contains($0) }) {
            throw ImportProblem(file: name, line: 1, message: "missing column '\(missing)' (needs \(required.joined(separator: ", ")))")
        }
        let unknown = header.filter { !required.contains($0) && !optional.contains($0) }
        ignored = ignoringUnknown ? unknown : []
        if let unknown = unknown.first, !ignoringUnknown {
            throw ImportProblem(file: name, line: 1, message: "unknown column '\(unknown)' (known: \((required + optional).joined(separator: ", ")))")
        }
        rowCount = Self.countLines(path) - 1
    }

    /// The next row as column → value with its line number; nil at the end. A row with
    /// the wrong number of fields, or unreadable CSV, is a problem at that line.
    mutating func next() -> (line: Int, values: [String: String])? {
        var fields: [String]
        // Blank lines are skipped in a loop: a file of many of them must not exhaust the stack.
        repeat {
            guard let row = reader.next() else { return nil }
            fields = row
            line += 1
        } while fields.count == 1 && fields[0].isEmpty
        return (line, Dictionary(zip(columns, fields + Array(repeating: "", count: max(0, columns.count - fields.count))),
                                 uniquingKeysWith: { first, _ in first })
                .merging(fields.count > columns.count ? ["__extra": "\(fields.count)"] : [:]) { $1 })
    }

    func problem(_ line: Int, _ message: String) -> ImportProblem {
        ImportProblem(file: name, line: line, message: message)
    }

    /// Counts newline bytes in chunks without loading the file.
    static func countLines(_ path: String) -> Int {
        guard let handle = FileHandle(forReadingAtPath: path) else { return 0 }
        defer { try? handle.close() }
        var count = 0, lastByte: UInt8 = 10
        while let chunk = try? handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            count += chunk.reduce(0) { $0 + ($1 == 10 ? 1 : 0) }
            lastByte = chunk.last!
        }
        return count + (lastByte == 10 ? 0 : 1)
    }
}

/// What an import did, for the one-line summary.
public struct ImportReport: Equatable, Sendable, CustomStringConvertible {
    public var imported = 0
    public var skipped = 0
    public var problems: [ImportProblem] = []
    /// Said once about the file as a whole, e.g. the columns it ignored.
    public var notes: [String] = []

    public var description: String {
        "\(imported) imported, \(skipped) unchanged or already present, \(problems.count) rejected"
    }
}

/// Called as rows are processed: (rows done, rows in the file).
public typealias ImportProgress = (Int, Int) -> Void

/// Writing CSV for other tools.
enum CSVText {
    /// One field, quoted when it holds a comma, a quote or a line break.
    static func field(_ text: String) -> String {
        text.contains(where: { ",\"\n\r".contains($0) }) ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }

    /// One line of fields.
    static func line(_ fields: [String]) -> String { fields.map(field).joined(separator: ",") }
}
