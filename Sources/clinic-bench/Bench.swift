import ClinicDomain
import ClinicServices
import ClinicStore
import Foundation
import GRDB

/// `make bench`: fleet-scale measurements. Builds a deterministic data set once into a
/// cache file, then times what staff feel: search per keystroke and roster import.
@main
struct Bench {
    static func main() throws {
        let arguments = CommandLine.arguments
        let patients = value(of: "--patients", in: arguments).flatMap(Int.init) ?? 1_000_000
        let cache = value(of: "--cache", in: arguments) ?? "bench/cache"
        let output = value(of: "--out", in: arguments) ?? "bench/results.json"
        try FileManager.default.createDirectory(atPath: cache, withIntermediateDirectories: true)
        let database = try dataSet(patients: patients, at: "\(cache)/patients-\(patients).sqlite")

        var results: [Measure] = []
        results += try searchMeasures(database)
        results += try icd10Measures(database, codes: 40_000, cache: cache)
        results.append(try rosterImport(rows: patients, cache: cache))
        let visits = value(of: "--visits", in: arguments).flatMap(Int.init) ?? 100_000
        let truck = try VisitBench.truck(visits: visits, cache: cache)
        results.append(try VisitBench.fhirExport(truck, visits: visits, cache: cache))
        if let central = value(of: "--central", in: arguments) {
            results.append(try VisitBench.sync(truck, visits: visits, central: central))
        } else {
            print("No --central postgres://…: sync not measured.")
        }

        print(Measure.table(results))
        let json = try JSONEncoder.pretty.encode(Report(machine: machine(), patients: patients, measures: results))
        try FileManager.default.createDirectory(atPath: (output as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try json.write(to: URL(fileURLWithPath: output))
        print("Written to \(output)")
    }

    static func value(of flag: String, in arguments: [String]) -> String? {
        arguments.firstIndex(of: flag).flatMap { arguments.indices.contains($0 + 1) ? arguments[$0 + 1] : nil }
    }

    /// The cached demo database with `patients` synthetic patients, made on first use.
    static func dataSet(patients: Int, at path: String) throws -> ClinicDatabase {
        if FileManager.default.fileExists(atPath: path) { return try ClinicDatabase.open(at: path) }
        print("Creating \(path) with \(patients) patients (once; later runs reuse it)…")
        let started = Date()
        let database = try ClinicSetup().demo(at: path + ".partial", password: "bench-password")
        try DemoPatients(database: database).seed(patients) { done, total in
            if done % 100_000 == 0 || done == total { print("  \(done)/\(total)") }
        }
        try database.pool.writeWithoutTransaction { try $0.execute(sql: "PRAGMA optimize; PRAGMA wal_checkpoint(TRUNCATE)") }
        try database.pool.close()
        try FileManager.default.moveItem(atPath: path + ".partial", toPath: path)
        print(String(format: "  seeded in %.1f s", Date().timeIntervalSince(started)))
        return try ClinicDatabase.open(at: path)
    }

    /// Per-keystroke searches through the service, as the search screen issues them.
    static func searchMeasures(_ database: ClinicDatabase) throws -> [Measure] {
        let service = PatientService(database: database)
        let actor = Actor.shell(name: "bench")
        let sample = try database.pool.read { db in
            try PatientRecord.fetchAll(db, sql: "SELECT * FROM patient WHERE rowid % 997 = 1 LIMIT 300")
        }
        var prefix = Measure(name: "search: name prefix, 1-4 letters typed"), full = Measure(name: "search: surname + first name")
        var saID = Measure(name: "search: SA ID (13 digits)"), membership = Measure(name: "search: membership number")
        var folder = Measure(name: "search: folder number"), short = Measure(name: "search: initial + ID end (N5087)")
        for patient in sample {
            let surname = NameKey.fold(patient.surname).replacingOccurrences(of: " ", with: "")
            for length in 1...min(4, surname.count) { try prefix.time { _ = try service.search(String(surname.prefix(length)), by: actor) } }
            try full.time { _ = try service.search("\(surname.prefix(4)) \(NameKey.fold(patient.firstNames).prefix(3))", by: actor) }
            try saID.time { _ = try service.search(patient.saID!, by: actor) }
            if let number = patient.membershipNumber { try membership.time { _ = try service.search(number, by: actor) } }
            try folder.time { _ = try service.search(patient.folderNumber, by: actor) }
            try short.time { _ = try service.search(patient.shortKey!, by: actor) }
        }
        return [prefix, full, saID, membership, folder, short]
    }

    /// Imports `codes` synthetic ICD-10 codes once (through `clinic icd10 import`'s code path),
    /// then times code and word searches typed one character at a time.
    static func icd10Measures(_ database: ClinicDatabase, codes: Int, cache: String) throws -> [Measure] {
        let count = try database.pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM icd10") ?? 0 }
        if count < codes {
            let csv = "\(cache)/icd10-\(codes).csv"
            let words = ["acute", "chronic", "infection", "fracture", "lower", "upper", "respiratory", "disorder", "injury", "pain",
                         "unspecified", "other", "syndrome", "disease", "left", "right", "malignant", "benign", "neoplasm", "ulcer"]
            var lines = ["code,title,valid_primary"]
            var made = 0
            outer: for letter in "ABCDEFGHIJKLMNOPQRSTUVWXYZ" {
                for category in 0..<100 {
                    for sub in 0..<16 {
                        let code = String(format: "%@%02d.%@", String(letter), category, sub < 10 ? "\(sub)" : "\(sub - 10)\(sub - 10)")
                        let title = (0..<4).map { words[(made * 7 + $0 * 13 + category) % words.count] }.joined(separator: " ")
                        lines.append("\(code),\(title) \(made),Y")
                        made += 1
                        if made == codes { break outer }
                    }
                }
            }
            try (lines.joined(separator: "\n") + "\n").write(toFile: csv, atomically: true, encoding: .utf8)
            _ = try ICD10Import(database: database).run(path: csv, by: .shell(name: "bench"))
        }
        let service = ConsultationService(database: database)
        let actor = Actor.shell(name: "bench")
        var code = Measure(name: "ICD-10 search: code typed (40,000 codes)"), words = Measure(name: "ICD-10 search: title words")
        for letter in "ABCJKMST" {
            for typed in ["\(letter)", "\(letter)0", "\(letter)06", "\(letter)06.", "\(letter)06.9"] {
                try code.time { _ = try service.searchCodes(typed, by: actor) }
            }
        }
        for query in ["a", "ac", "acu", "acute", "acute up", "acute upper r", "chr", "chronic inf", "fract", "fracture low", "neo", "ulc"] {
            for _ in 0..<10 { try words.time { _ = try service.searchCodes(query, by: actor) } }
        }
        return [code, words]
    }

    /// Imports a roster CSV of `rows` members into a copy of nothing (a fresh demo database).
    static func rosterImport(rows: Int, cache: String) throws -> Measure {
        let csv = "\(cache)/roster-\(rows).csv"
        if !FileManager.default.fileExists(atPath: csv) {
            _ = FileManager.default.createFile(atPath: csv, contents: nil)
            let handle = FileHandle(forWritingAtPath: csv)!
            handle.write(Data("membership_number,dependant_code,surname,first_names,status,date_of_birth,option\n".utf8))
            var chunk = ""
            for index in 0..<rows {
                chunk += String(format: "%09d,00,Surname%d,Name%d,%@,1980-01-01,Core\n", index, index % 5000, index % 700,
                                index % 10 == 0 ? "suspended" : "active")
                if chunk.utf8.count > 1 << 20 { handle.write(Data(chunk.utf8)); chunk = "" }
            }
            handle.write(Data(chunk.utf8))
            try handle.close()
        }
        let target = "\(cache)/roster-import.sqlite"
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: target + suffix) }
        let database = try ClinicSetup().demo(at: target, password: "bench-password")
        var measure = Measure(name: "roster import, \(rows) rows (one run)")
        let rssBefore = peakResidentMB()
        try measure.time { _ = try RosterImport(database: database).run(path: csv, by: .shell(name: "bench")) }
        measure.note = String(format: "peak RSS %.0f MB (before: %.0f MB)", peakResidentMB(), rssBefore)
        return measure
    }

    static func peakResidentMB() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024
    }

    static func machine() -> String {
        let cpu = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?
            .split(separator: "\n").first { $0.hasPrefix("model name") }?.split(separator: ":").last?
            .trimmingCharacters(in: .whitespaces) ?? "unknown CPU"
        return "\(cpu), \(ProcessInfo.processInfo.activeProcessorCount) cores"
    }
}

/// Timings of one measure, in milliseconds.
struct Measure: Encodable {
    let name: String
    var samples: [Double] = []
    var note = ""

    init(name: String) { self.name = name }

    mutating func time(_ body: () throws -> Void) rethrows {
        let clock = ContinuousClock()
        let elapsed = try clock.measure(body)
        samples.append(Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000)
    }

    func percentile(_ p: Double) -> Double {
        let sorted = samples.sorted()
        guard !sorted.isEmpty else { return 0 }
        return sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)]
    }

    enum CodingKeys: String, CodingKey { case name, count, p50, p90, p99, max, note }

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(samples.count, forKey: .count)
        try container.encode(percentile(0.5), forKey: .p50)
        try container.encode(percentile(0.9), forKey: .p90)
        try container.encode(percentile(0.99), forKey: .p99)
        try container.encode(samples.max() ?? 0, forKey: .max)
        try container.encode(note, forKey: .note)
    }

    static func table(_ measures: [Measure]) -> String {
        func pad(_ text: String, _ width: Int) -> String { text.padding(toLength: max(width, text.count), withPad: " ", startingAt: 0) }
        var lines = [pad("measure", 42) + "  count     p50 ms     p90 ms     p99 ms     max ms"]
        for m in measures {
            lines.append(pad(m.name, 42) + String(format: " %6d %10.3f %10.3f %10.3f %10.3f  ", m.samples.count,
                                                  m.percentile(0.5), m.percentile(0.9), m.percentile(0.99), m.samples.max() ?? 0) + m.note)
        }
        return lines.joined(separator: "\n")
    }
}

struct Report: Encodable {
    let machine: String
    let patients: Int
    let measures: [Measure]
}

extension JSONEncoder {
    static var pretty: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return encoder
    }
}
