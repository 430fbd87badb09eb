import Foundation
import GRDB
import XCTest

/// What crosses the wire: a sync captured on loopback with tcpdump holds no patient's name
/// when it goes over TLS, and does when it goes in plain text (which shows the capture would
/// see one). Needs root for the capture; `make test` installs tcpdump.
extension CentralTLSTests {
    /// Runs `body` while tcpdump records the traffic to and from `port`; returns what it captured.
    private func capture(port: Int, _ body: () throws -> Void) throws -> Data {
        guard getuid() == 0, FileManager.default.isExecutableFile(atPath: "/usr/bin/tcpdump") else {
            throw XCTSkip("capturing needs root and tcpdump (make test installs it)")
        }
        let file = NSTemporaryDirectory() + "capture-\(UUID().uuidString.prefix(8)).pcap"
        addTeardownBlock { try? FileManager.default.removeItem(atPath: file) }
        let tcpdump = Process()
        tcpdump.executableURL = URL(fileURLWithPath: "/usr/bin/tcpdump")
        tcpdump.arguments = [
            "-i", "lo", "--immediate-mode", "-U", "-s", "0", "-B", "16384", "-w", file, "tcp", "port", String(port),
        ]
        tcpdump.standardOutput = FileHandle.nullDevice
        tcpdump.standardError = FileHandle.nullDevice
        try tcpdump.run()
        let started = Date()
        while !FileManager.default.fileExists(atPath: file), Date().timeIntervalSince(started) < 5 {
            Thread.sleep(forTimeInterval: 0.1)
        }
        Thread.sleep(forTimeInterval: 0.5)
        try body()
        Thread.sleep(forTimeInterval: 0.5)
        tcpdump.interrupt()
        tcpdump.waitUntilExit()
        return try Data(contentsOf: URL(fileURLWithPath: file))
    }

    /// A demo truck and its patients' surnames (a name may straddle two captured packets, so
    /// the control asks for any of them and the TLS check for none).
    private func truckWithPatients() throws -> (database: String, surnames: [String]) {
        let folder = NSTemporaryDirectory() + "clinic-capture-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: folder) }
        let database = folder + "/clinic.sqlite"
        let demo = try ClinicBinary.run(["demo", "--db", database, "--patients", "5"])
        XCTAssertEqual(demo.status, 0, demo.stderr)
        let surnames = try DatabaseQueue(path: database).read {
            try String.fetchAll($0, sql: "SELECT DISTINCT surname FROM patient")
        }
        XCTAssertFalse(surnames.isEmpty)
        return (database, surnames)
    }

    private func sync(_ database: String, _ address: String) throws {
        let migrated = try ClinicBinary.run(
            ["central", "migrate", "--central", address, "--db", database], environment: ["PGPASSFILE": "/nonexistent"])
        XCTAssertEqual(migrated.status, 0, migrated.stderr)
        let synced = try ClinicBinary.run(
            ["sync", "--db", database, "--central", address], environment: ["PGPASSFILE": "/nonexistent"])
        XCTAssertEqual(synced.status, 0, synced.stderr)
        XCTAssertTrue(synced.stdout.contains("Synced: "), synced.stdout)
    }

    func testASyncOverTLSCarriesNoPatientNameOnTheWire() throws {
        let server = try XCTUnwrap(Self.server)
        let (database, surnames) = try truckWithPatients()
        let name = try server.newDatabase().split(separator: "/").last.map(String.init) ?? ""
        let wire = try capture(port: server.port) {
            try sync(
                database,
                "postgres://clinic@localhost:\(server.port)/\(name)?sslmode=verify-full&sslrootcert=\(Self.certificates)/ca.pem")
        }
        XCTAssertGreaterThan(wire.count, 20_000, "the sync's traffic was captured")
        XCTAssertTrue(
            try server.query(
                "postgres://clinic@127.0.0.1:\(server.port)/\(name)",
                "SELECT count(DISTINCT payload->>'surname') FROM record WHERE kind = 'patient'") == "\(surnames.count)\n",
            "the patients reached head office")
        for surname in surnames { XCTAssertNil(wire.range(of: Data(surname.utf8)), "\(surname) is not in the captured bytes") }

        // The same sync in plain text, to a server that allows it: the name is there to see.
        let plain = try PostgresServer()
        defer { plain.stop() }
        let (otherDatabase, otherSurnames) = try truckWithPatients()
        let plainName = try plain.newDatabase().split(separator: "/").last.map(String.init) ?? ""
        let open = try capture(port: plain.port) {
            try sync(otherDatabase, "postgres://clinic@127.0.0.1:\(plain.port)/\(plainName)")
        }
        XCTAssertTrue(
            otherSurnames.contains { open.range(of: Data($0.utf8)) != nil },
            "a plain-text capture shows names, so the TLS one would have (\(open.count) bytes captured)")
    }
}
