import Foundation
import XCTest

/// The built `clinic` executable and helpers to run it outside tmux.
enum ClinicBinary {
    /// Beside the test bundle in the build folder.
    static let path: String = {
        let buildFolder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidates = [
            buildFolder.appendingPathComponent("clinic").path,
            buildFolder.deletingLastPathComponent().appendingPathComponent("clinic").path,
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates[0]
    }()

    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path

    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// Runs `clinic arguments…` with `input` on standard input and an environment without TERM changes.
    @discardableResult
    static func run(
        _ arguments: [String], input: String = "", environment: [String: String] = [:],
        asUser uid: Int? = nil, workingDirectory: String? = nil
    ) throws -> Result {
        let process = Process()
        if let workingDirectory { process.currentDirectoryURL = URL(fileURLWithPath: workingDirectory) }
        if let uid {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
            process.arguments = ["--reuid=\(uid)", "--regid=\(uid)", "--clear-groups", path] + arguments
        } else {
            process.executableURL = URL(fileURLWithPath: path)
            process.arguments = arguments
        }
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        let err = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
            stderr: String(decoding: err, as: UTF8.self))
    }

    /// A fresh folder holding a demo database `clinic.sqlite` (password clinic-demo).
    static func demoFolder() throws -> String {
        let folder = NSTemporaryDirectory() + "clinic-e2e-\(UUID().uuidString)"
        try FileManager.default.createDirectory(
            atPath: folder, withIntermediateDirectories: true,
            attributes: [.posixPermissions: 0o755])
        let result = try run(["demo", "--db", folder + "/clinic.sqlite"])
        XCTAssertEqual(result.status, 0, result.stderr)
        return folder
    }

    /// A shell command line that starts clinic on `database` in the given environment.
    static func command(_ database: String, extra: String = "", environment: String = "") -> String {
        "env LANG=C.UTF-8 CLINIC_SHARE=\(repositoryRoot) \(environment) \(path) --db \(database) \(extra)"
    }
}

/// An end-to-end test on its own demo database with `patients` synthetic patients,
/// removed afterwards.
class DemoDatabaseTestCase: XCTestCase {
    var folder = ""
    var database: String { folder + "/clinic.sqlite" }
    /// How many demo patients the database starts with.
    var patients: Int { 1 }

    override func setUpWithError() throws {
        folder = try ClinicBinary.demoFolder()
        let seeded = try ClinicBinary.run(["demo", "--db", database, "--patients", "\(patients)"])
        XCTAssertEqual(seeded.status, 0, seeded.stderr)
    }

    override func tearDown() { try? FileManager.default.removeItem(atPath: folder) }
}
