import Foundation
import XCTest

@testable import ClinicSync

/// Sync over TLS with the server's certificate and name verified (a test certificate
/// authority made by openssl), the address's settings, and the libpq password file.
final class CentralTLSTests: XCTestCase {
    nonisolated(unsafe) static var server: PostgresServer?
    nonisolated(unsafe) static var certificates = ""

    override class func tearDown() {
        server?.stop()
        try? FileManager.default.removeItem(atPath: certificates)
    }

    /// A certificate authority, a server certificate it signed for `localhost` only, and a
    /// second authority that signed nothing here.
    static func makeCertificates() throws -> String {
        let folder = NSTemporaryDirectory() + "clinic-tls-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let steps = [
            [
                "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=Test clinic CA", "-keyout", "ca.key",
                "-out", "ca.pem",
            ],
            [
                "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=Other CA", "-keyout", "other.key",
                "-out", "other.pem",
            ],
            ["req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost", "-keyout", "server.key", "-out", "server.csr"],
            [
                "x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-days", "2",
                "-extfile", "san.cnf", "-out", "server.crt",
            ],
        ]
        try "subjectAltName=DNS:localhost\n".write(toFile: folder + "/san.cnf", atomically: true, encoding: .utf8)
        for step in steps {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
            process.arguments = step
            process.currentDirectoryURL = URL(fileURLWithPath: folder)
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else { throw XCTSkip("openssl \(step[0]) failed") }
        }
        return folder
    }

    override func setUpWithError() throws {
        if Self.server == nil {
            Self.certificates = try Self.makeCertificates()
            Self.server = try PostgresServer(tls: Self.certificates)
        }
    }

    func migrate(_ address: String) throws -> ClinicBinary.Result {
        let folder = try ClinicBinary.demoFolder()
        addTeardownBlock { try? FileManager.default.removeItem(atPath: folder) }
        return try ClinicBinary.run(
            ["central", "migrate", "--central", address, "--db", folder + "/clinic.sqlite"],
            environment: ["CLINIC_SHARE": ClinicBinary.repositoryRoot, "PGPASSFILE": "/nonexistent"])
    }

    func testTheServerIsTrustedOnlyThroughItsAuthorityAndUnderItsName() throws {
        let server = try XCTUnwrap(Self.server)
        let database = try server.newDatabase().split(separator: "/").last.map(String.init) ?? ""
        let ca = Self.certificates + "/ca.pem", other = Self.certificates + "/other.pem"
        let good = try migrate("postgres://clinic@localhost:\(server.port)/\(database)?sslmode=verify-full&sslrootcert=\(ca)")
        XCTAssertEqual(good.status, 0, good.stderr)
        XCTAssertTrue(good.stdout.hasPrefix("Applied central schema versions 1, 2, 3, 4, 5."), good.stdout)
        for (address, why) in [
            (
                "postgres://clinic@localhost:\(server.port)/\(database)?sslmode=verify-full&sslrootcert=\(other)",
                "an authority that did not sign it"
            ),
            (
                "postgres://clinic@127.0.0.1:\(server.port)/\(database)?sslmode=verify-full&sslrootcert=\(ca)",
                "a name the certificate lacks"
            ),
            (
                "postgres://clinic@localhost:\(server.port)/\(database)?sslmode=verify-full",
                "the system's roots do not hold the test authority"
            ),
            (
                "postgres://clinic@localhost:\(server.port)/\(database)",
                "localhost is loopback: plain text, which this server refuses"
            ),
        ] {
            let refused = try migrate(address)
            XCTAssertEqual(refused.status, 1, "\(why): \(refused.stdout)")
            XCTAssertTrue(refused.stderr.contains("Cannot reach the central database"), "\(why): \(refused.stderr)")
        }
        let plain = try migrate("postgres://clinic@127.0.0.1:\(server.port)/\(database)?sslmode=disable")
        XCTAssertEqual(plain.status, 1, "this server takes TLS only")
        let missing = try migrate(
            "postgres://clinic@localhost:\(server.port)/\(database)?sslmode=verify-full&sslrootcert=/no/ca.pem")
        XCTAssertTrue(
            missing.stderr.contains("cannot read the certificate authorities in /no/ca.pem (a PEM file is needed)"),
            missing.stderr)
    }

    func testAddressSettingsAndThePasswordFile() throws {
        XCTAssertEqual(
            try CentralAddress.parse("postgres://c@10.0.0.5/hq", environment: [:]).get().tls, .verifyFull,
            "off the truck, TLS with the certificate verified unless told otherwise")
        XCTAssertEqual(try CentralAddress.parse("postgres://c@127.0.0.1/hq", environment: [:]).get().tls, .disable)
        XCTAssertEqual(try CentralAddress.parse("postgres://c@h/hq?sslmode=require", environment: [:]).get().tls, .require)
        for (text, message) in [
            ("postgres://c@h/hq?sslmode=maybe", "sslmode must be disable, require or verify-full (got 'maybe')"),
            ("postgres://c@h/hq?ssl=1", "unknown setting 'ssl' (known: sslmode, sslrootcert)"),
        ] {
            guard case .failure(let error) = CentralAddress.parse(text, environment: [:]) else { return XCTFail(text) }
            XCTAssertEqual(error.description, "Central database address: \(message)")
        }
        let file = NSTemporaryDirectory() + "pgpass-\(UUID().uuidString)"
        addTeardownBlock { try? FileManager.default.removeItem(atPath: file) }
        try "# head office\nother:*:*:*:nope\nhq.example:5432:central:truck7:se\\:cret\n".write(
            toFile: file, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file)
        guard
            case .failure(let open) = CentralAddress.parse(
                "postgres://truck7@hq.example/central", environment: ["PGPASSFILE": file])
        else {
            return XCTFail("a password file others can read is refused")
        }
        XCTAssertEqual(
            open.description,
            "Central database address: the password file \(file) can be read by others: `chmod 600 \(file)`, then sync again")
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file)
        let address = try CentralAddress.parse("postgres://truck7@hq.example/central", environment: ["PGPASSFILE": file]).get()
        XCTAssertEqual(address.password, "se:cret")
        XCTAssertFalse(address.description.contains("se:cret"), "never in messages")
    }
}
