import ArgumentParser
import ClinicDomain
import ClinicServices
import ClinicStore
import Foundation
import GRDB

/// `make bench`: fleet-scale measurements on a deterministic data set built once into a
/// cache file: searches per keystroke (with the sqlite3 shell as reference), records and
/// queues, screens rendered and blitted, start-up, imports, exports and sync.
@main
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clinic-bench",
        abstract: "Fleet-scale measurements on a deterministic data set (make bench).")

    /// The groups of measures, in the order they run; `--only a,b` picks some.
    static let groups = ["search", "icd10", "record", "queues", "screens", "blit", "startup", "roster", "fhir", "json", "sync"]

    @Option(help: "Patients in the data set.") var patients = 1_000_000
    @Option(help: "Visits in the export and sync data sets.") var visits = 100_000
    @Option(help: ArgumentHelp("Where the data sets are built once and kept.", valueName: "folder")) var cache = "bench/cache"
    @Option(help: ArgumentHelp("The results as JSON.", valueName: "file")) var out = "bench/results.json"
    @Option(help: ArgumentHelp("Only these groups, comma-separated (\(groups.joined(separator: ", "))).", valueName: "groups"))
    var only: String?
    @Option(help: ArgumentHelp("The central database for the sync group.", valueName: "postgres-url")) var central: String?
    @Option(help: .hidden) var blitChild: String?

    func validate() throws {
        if let unknown = chosen.subtracting(Self.groups).first {
            throw ValidationError("--only: no group '\(unknown)' (groups: \(Self.groups.joined(separator: ", ")))")
        }
    }

    var chosen: Set<String> { only.map { Set($0.split(separator: ",").map(String.init)) } ?? Set(Self.groups) }

    func run() throws {
        try FileManager.default.createDirectory(atPath: cache, withIntermediateDirectories: true)
        let database = try DataSet.open(patients: patients, cache: cache)
        if let blitChild {
            return try TerminalBench.blitChild(frames: try ScreenBench.render(database).frames, results: blitChild)
        }
        var results: [Measure] = []
        for group in Self.groups where chosen.contains(group) {
            print("… \(group)")
            results += try measure(group, database)
        }
        print(Measure.table(results))
        let json = try JSONEncoder.pretty.encode(Report(machine: Self.machine(), patients: patients, measures: results))
        try FileManager.default.createDirectory(
            atPath: (out as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try json.write(to: URL(fileURLWithPath: out))
        print("Written to \(out)")
    }

    /// The measures of one group.
    func measure(_ group: String, _ database: ClinicDatabase) throws -> [Measure] {
        let folder = (CommandLine.arguments[0] as NSString).deletingLastPathComponent
        switch group {
        case "search": return try SearchBench.patients(database)
        case "icd10": return try SearchBench.icd10(database)
        case "record": return [try ClinicalBench.record(database)]
        case "queues": return try ClinicalBench.queues(database)
        case "screens": return try ScreenBench.render(database).measures
        case "blit":
            return [
                try TerminalBench.blit(
                    bench: CommandLine.arguments[0], arguments: ["--patients", String(patients), "--cache", cache])
            ]
        case "startup": return [try TerminalBench.startUp(clinic: folder + "/clinic", database: database.path)]
        case "roster": return [try Self.rosterImport(rows: patients, cache: cache, clinic: folder + "/clinic")]
        case "fhir": return [try VisitBench.fhirExport(database, visits: visits, cache: cache, clinic: folder + "/clinic")]
        case "json": return try JSONBench.observations()
        case "sync":
            guard let central else {
                print("No --central postgres://…: sync not measured.")
                return []
            }
            return [try VisitBench.sync(try VisitBench.truck(visits: visits, cache: cache), visits: visits, central: central)]
        default: return []
        }
    }

    /// `clinic members import` of a roster CSV of `rows` members into a fresh database, as
    /// its own process (time and peak memory are the import's alone).
    static func rosterImport(rows: Int, cache: String, clinic: String) throws -> Measure {
        let csv = "\(cache)/roster-\(rows).csv"
        if !FileManager.default.fileExists(atPath: csv) {
            _ = FileManager.default.createFile(atPath: csv, contents: nil)
            let handle = FileHandle(forWritingAtPath: csv)!
            handle.write(Data("membership_number,dependant_code,surname,first_names,status,date_of_birth,option\n".utf8))
            var chunk = ""
            for index in 0..<rows {
                chunk += String(
                    format: "%09d,00,Surname%d,Name%d,%@,1980-01-01,Core\n", index, index % 5000, index % 700,
                    index % 10 == 0 ? "suspended" : "active")
                if chunk.utf8.count > 1 << 20 { handle.write(Data(chunk.utf8)); chunk = "" }
            }
            handle.write(Data(chunk.utf8))
            try handle.close()
        }
        let target = "\(cache)/roster-import.sqlite"
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: target + suffix) }
        try ClinicSetup(hasher: PasswordHasher(memoryKiB: 64, iterations: 1, parallelism: 1)).demo(
            at: target, password: "bench-password"
        )
        .pool.close()
        let outcome = try ChildProcess.run(clinic, ["members", "import", csv, "--db", target])
        guard outcome.status == 0 else { throw BenchError("clinic members import exited \(outcome.status)") }
        var measure = Measure(name: "roster import, \(rows) rows (clinic process)")
        measure.samples = [outcome.milliseconds]
        measure.note = String(format: "peak RSS %.0f MB", outcome.peakMB)
        measure.target = ("< 60 s, peak < 200 MB", outcome.milliseconds < 60_000 && outcome.peakMB < 200)
        return measure
    }

    static func machine() -> String {
        let cpu =
            (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?
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
    /// The issue's target for this measure and whether this run met it.
    var target: (text: String, met: Bool)?

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

    enum CodingKeys: String, CodingKey { case name, count, p50, p90, p99, max, note, target, targetMet }

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(samples.count, forKey: .count)
        try container.encode(percentile(0.5), forKey: .p50)
        try container.encode(percentile(0.9), forKey: .p90)
        try container.encode(percentile(0.99), forKey: .p99)
        try container.encode(samples.max() ?? 0, forKey: .max)
        try container.encode(note, forKey: .note)
        try container.encodeIfPresent(target?.text, forKey: .target)
        try container.encodeIfPresent(target?.met, forKey: .targetMet)
    }

    static func table(_ measures: [Measure]) -> String {
        func pad(_ text: String, _ width: Int) -> String {
            text.padding(toLength: max(width, text.count), withPad: " ", startingAt: 0)
        }
        var lines = [pad("measure", 44) + "  count     p50 ms     p90 ms     p99 ms     max ms"]
        for m in measures {
            lines.append(
                pad(m.name, 44)
                    + String(
                        format: " %6d %10.3f %10.3f %10.3f %10.3f  ", m.samples.count,
                        m.percentile(0.5), m.percentile(0.9), m.percentile(0.99), m.samples.max() ?? 0) + m.note
                    + (m.target.map { " [target \($0.text): \($0.met ? "met" : "MISSED")]" } ?? ""))
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
