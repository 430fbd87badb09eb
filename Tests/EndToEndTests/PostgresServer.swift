import Foundation
import XCTest

/// A real PostgreSQL server (Debian's postgresql package) in a temporary folder on a
/// loopback port, for the sync tests; stopped and removed by `stop()`.
final class PostgresServer {
    let folder: String
    let port: Int
    private let bin: String
    private let owner: String?

    /// Starts a fresh cluster with trust authentication for user `clinic`. With `tls`
    /// (a folder holding server.crt and server.key), TCP connections must use TLS.
    init(tls: String? = nil) throws {
        guard let version = try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql").sorted().last else {
            throw XCTSkip("PostgreSQL is not installed (make test installs Debian's postgresql)")
        }
        bin = "/usr/lib/postgresql/\(version)/bin"
        folder = NSTemporaryDirectory() + "clinic-pg-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        // The server refuses to run as root: run it as the postgres user then.
        owner = getuid() == 0 ? "postgres" : nil
        if let owner { try Self.run("/bin/chown", [owner, folder]) }
        port = Self.freePort()
        try runAsOwner("\(bin)/initdb", ["-D", folder + "/data", "-U", "clinic", "-A", "trust", "--no-sync"])
        var options = "-p \(port) -k \(folder) -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=50"
        if let tls {
            for file in ["server.crt", "server.key"] {
                try FileManager.default.copyItem(atPath: "\(tls)/\(file)", toPath: "\(folder)/data/\(file)")
                try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: "\(folder)/data/\(file)")
                if let owner { try Self.run("/bin/chown", [owner, "\(folder)/data/\(file)"]) }
            }
            try "local all all trust\nhostssl all all 127.0.0.1/32 trust\n"
                .write(toFile: "\(folder)/data/pg_hba.conf", atomically: false, encoding: .utf8)
            options += " -c ssl=on"
        }
        // The server inherits pg_ctl's output: no pipes, or reading them would never end.
        try runAsOwner(
            "\(bin)/pg_ctl", ["-D", folder + "/data", "-l", folder + "/log", "-w", "start", "-o", options], capture: false)
    }

    /// Creates an empty database and returns its address.
    func newDatabase() throws -> String {
        let name = "central_\(UUID().uuidString.prefix(8).lowercased())"
        try Self.run(
            "/usr/bin/env",
            [
                "psql", "-q", "-h", "127.0.0.1", "-p", "\(port)", "-U", "clinic", "-d", "postgres",
                "-c", "CREATE DATABASE \(name)",
            ])
        return "postgres://clinic@127.0.0.1:\(port)/\(name)"
    }

    /// Runs SQL on `database` as `user` and returns psql's unaligned, tuples-only output
    /// (with `-q` off: the command tag, e.g. "UPDATE 0", is part of it). Stops at the first error.
    func query(_ address: String, _ sql: String, as user: String = "clinic", quiet: Bool = true) throws -> String {
        let name = String(address.split(separator: "/").last!)
        return try Self.run(
            "/usr/bin/env",
            ["psql", "-X", "-A", "-t"] + (quiet ? ["-q"] : []) + [
                "-v", "ON_ERROR_STOP=1",
                "-h", "127.0.0.1", "-p", "\(port)", "-U", user, "-d", name, "-c", sql,
            ])
    }

    func stop() {
        _ = try? runAsOwner("\(bin)/pg_ctl", ["-D", folder + "/data", "-m", "immediate", "stop"], capture: false)
        try? FileManager.default.removeItem(atPath: folder)
    }

    private func runAsOwner(_ tool: String, _ arguments: [String], capture: Bool = true) throws {
        let command = (owner.map { ["/usr/sbin/runuser", "-u", $0, "--"] } ?? []) + [tool] + arguments
        if capture {
            try Self.run(command[0], Array(command.dropFirst()))
            return
        }
        // Foundation's Process never sees pg_ctl end once the server it started lives on, so
        // this one goes through the shell with its output in the log.
        let line = command.map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        let status = system(line + " >>'\(folder)/ctl.log' 2>&1")
        guard status == 0 else {
            let log = (try? String(contentsOfFile: folder + "/ctl.log", encoding: .utf8)) ?? ""
            throw NSError(domain: "postgres", code: Int(status), userInfo: [NSLocalizedDescriptionKey: "\(tool) failed: \(log)"])
        }
    }

    @discardableResult
    static func run(_ tool: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let output = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let errors = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw NSError(
                domain: "postgres", code: Int(process.terminationStatus),
                userInfo: [NSLocalizedDescriptionKey: "\(tool) \(arguments.joined(separator: " ")) failed: \(errors)"])
        }
        return output
    }

    /// A port nobody listens on now.
    static func freePort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
