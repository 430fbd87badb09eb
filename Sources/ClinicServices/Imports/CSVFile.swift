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
    init(
        path: String, required: [String], optional: [String], aliases: [String: String] = [:],
        ignoringUnknown: Bool = false
    ) throws {
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw ImportProblem(file: path, line: 0, message: "cannot read the file")
        }
        self.path = path
        let fileName = (path as NSString).lastPathComponent
        name = fileName
        let scan = Self.scan(path)
        unreadable = scan.bad.sorted { $0.key < $1.key }.map { ImportProblem(file: fileName, line: $0.key, message: $0.value) }
        // Lines the reader cannot be given are blanked in a private copy: it then reads the
        // rest line by line, and each blanked line is reported once at its number.
        let source = scan.bad.isEmpty ? path : try Self.copy(path, blanking: Set(scan.bad.keys))
        defer { if source != path { unlink(source) } }
        let needs = "needs a header row naming its columns: \(required.joined(separator: ", "))"
        guard scan.lines > 0 else { throw ImportProblem(file: name, line: 1, message: "the file is empty: it \(needs)") }
        guard !scan.firstLineBlank else {
            throw ImportProblem(file: name, line: 1, message: "the first line is blank: the file \(needs)")
        }
        do {
            guard let stream = InputStream(fileAtPath: source) else {
                throw ImportProblem(file: name, line: 0, message: "cannot read the file")
            }
            reader = try CSVReader(stream: stream, hasHeaderRow: true, trimFields: true)
        } catch {
            throw ImportProblem(file: name, line: 1, message: "the first line is not a CSV header row: the file \(needs)")
        }
        let header = (reader.headerRow ?? []).map { $0.lowercased().trimmingCharacters(in: .whitespaces) }
            .map { aliases[$0] ?? $0 }
        columns = header
        if let twice = header.enumerated().first(where: { header.prefix($0.offset).contains($0.element) }) {
            let first = (header.firstIndex(of: twice.element) ?? 0) + 1
            throw ImportProblem(
                file: name, line: 1,
                message:
                    "column '\(twice.element)' appears twice (columns \(first) and \(twice.offset + 1)): which one holds the values?"
            )
        }
        if let missing = required.first(where: { !header.contains($0) }) {
            throw ImportProblem(
                file: name, line: 1, message: "missing column '\(missing)' (needs \(required.joined(separator: ", ")))")
        }
        let unknown = header.filter { !required.contains($0) && !optional.contains($0) }
        ignored = ignoringUnknown ? unknown : []
        if let unknown = unknown.first, !ignoringUnknown {
            throw ImportProblem(
                file: name, line: 1,
                message: "unknown column '\(unknown)' (known: \((required + optional).joined(separator: ", ")))")
        }
        rowCount = scan.lines - 1
    }

    /// Lines skipped because the reader could not be given them (invalid UTF-8, a control
    /// character, a quote that never closes), in line order; `merge` puts them into an import's report.
    let unreadable: [ImportProblem]

    /// Rows skipped because they hold more or fewer fields than the header names, in line order.
    private(set) var misshapen: [ImportProblem] = []

    /// Adds the unreadable and misshapen lines to `report`, keeping every problem in line order.
    func merge(into report: inout ImportReport) {
        report.problems = (report.problems + unreadable + misshapen).sorted { $0.line < $1.line }
    }

    /// The next row as column → value with its line number; nil at the end. Blank lines
    /// are passed over; a row whose field count differs from the header's is skipped as a
    /// problem at its line (see `misshapen`), never padded or cut to fit.
    mutating func next() -> (line: Int, values: [String: String])? {
        // A loop, not recursion: a file of many skipped lines must not exhaust the stack.
        while let fields = reader.next() {
            line += 1
            if fields.count == 1 && fields[0].isEmpty { continue }
            guard fields.count == columns.count else {
                let hint =
                    fields.count < columns.count
                    ? "a field or a comma is missing" : "a comma too many, or a comma inside a field without quotes"
                misshapen.append(
                    problem(line, "\(fields.count) fields where the header names \(columns.count) (\(hint)); line skipped"))
                continue
            }
            return (line, Dictionary(zip(columns, fields), uniquingKeysWith: { first, _ in first }))
        }
        return nil
    }

    func problem(_ line: Int, _ message: String) -> ImportProblem {
        ImportProblem(file: name, line: line, message: message)
    }

    /// Counts the lines and finds those the CSV reader cannot be trusted with, without
    /// loading the file: invalid UTF-8 (which would split or cut the row silently), control
    /// characters (an escape sequence would reach screens and summaries), and an
    /// odd number of quotes (a field that never closes would swallow every line after it;
    /// a field cannot span lines in these files).
    static func scan(_ path: String) -> (lines: Int, bad: [Int: String], firstLineBlank: Bool) {
        var bad: [Int: String] = [:]
        var lines = 0, firstLineBlank = false
        forEachLine(path) { number, bytes in
            lines = number
            if number == 1 { firstLineBlank = bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x2C } }
            if String(validating: bytes, as: UTF8.self) == nil {
                bad[number] = "not valid UTF-8 text (save the file as UTF-8); line skipped"
            } else if bytes.contains(where: { ($0 < 0x20 && $0 != 0x09 && $0 != 0x0D) || $0 == 0x7F }) {
                bad[number] = "holds a control character (an escape sequence?), which no record may hold; line skipped"
            } else if bytes.reduce(0, { $0 + ($1 == 0x22 ? 1 : 0) }) % 2 == 1 {
                bad[number] = "a quote (\") opens a field that does not close on this line; line skipped"
            }
        }
        return (lines, bad, firstLineBlank)
    }

    /// Calls `body` with each line's number (from 1) and bytes (without the newline).
    private static func forEachLine(_ path: String, _ body: (Int, ArraySlice<UInt8>) -> Void) {
        guard let handle = FileHandle(forReadingAtPath: path) else { return }
        defer { try? handle.close() }
        var pending: [UInt8] = [], number = 0
        while let chunk = try? handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            pending.append(contentsOf: chunk)
            var start = 0
            while let end = pending[start...].firstIndex(of: 10) {
                number += 1
                body(number, pending[start..<end])
                start = end + 1
            }
            pending.removeFirst(start)
        }
        if !pending.isEmpty { body(number + 1, pending[...]) }
    }

    /// A private copy (0600, temporary folder) of the file with the given lines left empty.
    private static func copy(_ path: String, blanking bad: Set<Int>) throws -> String {
        let copy = NSTemporaryDirectory() + "clinic-import-\(UUID().uuidString).csv"
        let fd = open(copy, O_CREAT | O_EXCL | O_WRONLY, 0o600)
        guard fd >= 0 else { throw ImportProblem(file: path, line: 0, message: "cannot make a working copy of the file") }
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        var buffer = Data()
        forEachLine(path) { number, bytes in
            if !bad.contains(number) { buffer.append(contentsOf: bytes) }
            buffer.append(10)
            if buffer.count >= 1 << 20 {
                handle.write(buffer)
                buffer.removeAll(keepingCapacity: true)
            }
        }
        handle.write(buffer)
        return copy
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
