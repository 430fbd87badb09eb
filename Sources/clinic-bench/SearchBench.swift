import ClinicDomain
import ClinicServices
import ClinicStore
import Foundation
import GRDB

/// Searches typed at the keyboard: each query through the service the search screen calls,
/// then the very statements it ran through the `sqlite3` shell on the same file (the engine
/// alone), so the project's own overhead shows as a ratio.
enum SearchBench {
    /// A named list of queries, as typed one keystroke at a time.
    struct Queries {
        let name: String
        var typed: [String] = []
    }

    static func patients(_ database: ClinicDatabase) throws -> [Measure] {
        let sample = try database.pool.read { db in
            try PatientRecord.fetchAll(db, sql: "SELECT * FROM patient WHERE rowid % 997 = 1 LIMIT 300")
        }
        var prefix = Queries(name: "search: name prefix, 1-4 letters typed"), full = Queries(name: "search: surname + first name")
        var saID = Queries(name: "search: SA ID (13 digits)"), membership = Queries(name: "search: membership number")
        var folder = Queries(name: "search: folder number"), short = Queries(name: "search: initial + ID end (N5087)")
        for patient in sample {
            let surname = NameKey.fold(patient.surname).replacingOccurrences(of: " ", with: "")
            for length in 1...min(4, surname.count) { prefix.typed.append(String(surname.prefix(length))) }
            full.typed.append("\(surname.prefix(4)) \(NameKey.fold(patient.firstNames).prefix(3))")
            saID.typed.append(patient.saID!)
            if let number = patient.membershipNumber { membership.typed.append(number) }
            folder.typed.append(patient.folderNumber)
            short.typed.append(patient.shortKey!)
        }
        let service = PatientService(database: database), actor = Actor.shell(name: "bench")
        return try [prefix, full, saID, membership, folder, short].flatMap { queries in
            try compare(
                queries, database: database, service: { _ = try service.search($0, by: actor) },
                store: { _ = try PatientSearch.find($0, in: $1) })
        }
    }

    static func icd10(_ database: ClinicDatabase) throws -> [Measure] {
        var code = Queries(name: "ICD-10 search: code typed (40,000 codes)"), words = Queries(name: "ICD-10 search: title words")
        for letter in "ABCJKMST" { code.typed += ["\(letter)", "\(letter)0", "\(letter)06", "\(letter)06.", "\(letter)06.9"] }
        for query in [
            "a", "ac", "acu", "acute", "acute up", "acute upper r", "chr", "chronic inf", "fract", "fracture low", "neo", "ulc",
        ] {
            words.typed += Array(repeating: query, count: 10)
        }
        let service = ConsultationService(database: database), actor = Actor.shell(name: "bench")
        return try [code, words].flatMap { queries in
            try compare(
                queries, database: database, service: { _ = try service.searchCodes($0, by: actor) },
                store: { _ = try ICD10Repository.search($0, in: $1) })
        }
    }

    /// Times `service` for each query, then the statements `store` runs for it through the
    /// shell; the first measure's note gives the ratio of the two.
    static func compare(
        _ queries: Queries, database: ClinicDatabase, service: (String) throws -> Void,
        store: (String, Database) throws -> Void
    ) throws -> [Measure] {
        var ours = Measure(name: queries.name)
        for query in queries.typed { try service(query) }  // warm-up: the caches of a truck in use
        for query in queries.typed { try ours.time { try service(query) } }
        let statements = try traced(queries.typed, path: database.path, store)
        var shell = Measure(name: "  same statements, sqlite3 shell")
        shell.samples = try ShellReference.time(statements, path: database.path)
        let p50 = ours.percentile(0.5) / max(shell.percentile(0.5), 0.001),
            p99 = ours.percentile(0.99) / max(shell.percentile(0.99), 0.001)
        ours.note = String(format: "%.1fx the shell at p50, %.1fx at p99", p50, p99)
        ours.target = ("p99 < 5 ms, p50 <= 2x the shell", ours.percentile(0.99) < 5 && p50 <= 2)
        shell.note = "CPU time per query as the shell reports it (.timer)"
        return [ours, shell]
    }

    /// The SQL, with its arguments written in, that `store` runs for each query.
    static func traced(_ queries: [String], path: String, _ store: (String, Database) throws -> Void) throws -> [[String]] {
        final class Collected { var statements: [String] = [] }
        let collected = Collected()
        var configuration = Configuration()
        configuration.readonly = true
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        return try queue.inDatabase { db in
            db.trace { event in
                if case .statement(let statement) = event, statement.sql.uppercased().hasPrefix("SELECT") {
                    collected.statements.append(statement.expandedSQL)
                }
            }
            return try queries.map { query in
                collected.statements = []
                try store(query, db)
                return collected.statements
            }
        }
    }
}

/// The `sqlite3` command-line shell as the reference: one process runs every statement with
/// `.timer on`; a query's time is the sum of its statements' user and system time (the
/// shell's timer has no finer wall-clock figure).
enum ShellReference {
    static func time(_ statements: [[String]], path: String) throws -> [Double] {
        // Every statement twice: the first pass warms the shell's caches as ours were, the
        // second is timed.
        let flat = Array(statements.joined())
        let script = ".timer on\n.output /dev/null\n" + (flat + flat).map { $0 + ";\n" }.joined()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sqlite3", "-readonly", path]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        let writer = Thread {
            input.fileHandleForWriting.write(Data(script.utf8)); try? input.fileHandleForWriting.close()
        }
        writer.start()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let times = text.split(separator: "\n").compactMap { line -> Double? in
            guard line.hasPrefix("Run Time:") else { return nil }
            let words = line.split(separator: " ")
            guard let user = words.firstIndex(of: "user").flatMap({ Double(words[$0 + 1]) }),
                let sys = words.firstIndex(of: "sys").flatMap({ Double(words[$0 + 1]) })
            else { return nil }
            return (user + sys) * 1000
        }
        guard process.terminationStatus == 0, times.count == 2 * flat.count else {
            throw BenchError("the sqlite3 shell reported \(times.count) timings for \(2 * flat.count) statements")
        }
        var index = flat.count
        return statements.map { group in
            defer { index += group.count }
            return times[index..<index + group.count].reduce(0, +)
        }
    }
}
