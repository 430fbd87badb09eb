import ClinicServices
import ClinicStore
import Foundation
import GRDB
import TestSupport
import XCTest

/// Four terminals on one database: four `clinic-worker mix` processes register, check in,
/// take patients from the queues, record vitals, consult, and edit the same three patients
/// at once. No "database is locked" (or any other error) may reach a user, every
/// optimistic-concurrency conflict is reported rather than swallowed (no lost update), and
/// the queues stay consistent.
final class ConcurrentTerminalsTests: XCTestCase {
    func testFourTerminalsAtOnceLoseNoUpdateAndSeeNoLockErrors() throws {
        let folder = TemporaryFolder()
        let path = folder.file("clinic.sqlite")
        let store = try CrashSafetyTests.workerDatabase(at: path, patients: 3)
        let shared = try store.pool.read { try String.fetchAll($0, sql: "SELECT id FROM patient ORDER BY folderNumber LIMIT 3") }
        try store.pool.close()
        let operations = Int(ProcessInfo.processInfo.environment["CLINIC_SOAK_OPS"] ?? "") ?? 150
        let workers = (1...4).map { number -> (Process, Pipe) in
            let process = Process(), output = Pipe()
            process.executableURL = URL(fileURLWithPath: CrashSafetyTests.worker)
            process.arguments = [
                "mix", "--db", path, "--seed", String(number), "--ops", String(operations),
                "--shared", shared.joined(separator: ","),
            ]
            process.standardOutput = output
            return (process, output)
        }
        try workers.forEach { try $0.0.run() }
        let outputs = workers.map { String(decoding: $0.1.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self) }
        workers.forEach { $0.0.waitUntilExit() }
        XCTAssertEqual(workers.map(\.0.terminationStatus), [0, 0, 0, 0], outputs.joined())
        let lines = outputs.flatMap { $0.split(separator: "\n").map(String.init) }
        XCTAssertEqual(lines.filter { $0.hasPrefix("error") }, [], "no error reached a user")
        func total(_ name: String) -> Int {
            lines.filter { $0.hasPrefix("done ") }.compactMap { line in
                line.split(separator: " ").first { $0.hasPrefix(name + "=") }.flatMap { Int($0.dropFirst(name.count + 1)) }
            }.reduce(0, +)
        }
        XCTAssertEqual(lines.filter { $0.hasPrefix("done ") }.count, 4)

        let reopened = try ClinicDatabase.open(at: path)
        let records = try reopened.pool.read { try PatientRecord.filter(keys: shared).fetchAll($0) }
        try reopened.pool.close()
        XCTAssertEqual(
            records.map { Int($0.address) ?? 0 }.reduce(0, +), total("edits"),
            "every successful edit is in the record: none overwrote another")
        XCTAssertEqual(records.map { $0.version - 1 }.reduce(0, +), total("edits"))
        XCTAssertGreaterThan(total("edits"), 0)
        XCTAssertEqual(try CrashSafetyTests.check(path, reported: []), [], "queues and timelines consistent")
        print(
            "concurrent terminals: 4 × \(operations) operations, \(total("edits")) edits, \(total("conflicts")) conflicts reported, "
                + "\(total("taken")) patients taken by another terminal first")
    }
}
