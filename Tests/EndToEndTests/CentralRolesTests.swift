import ClinicDomain
import ClinicServices
import ClinicStore
import Foundation
import GRDB
import XCTest

/// One head-office login per truck, least privilege: `clinic central add-truck` makes the
/// role and its password-file line; syncing as it works; the role cannot change another
/// truck's rows, delete anything or switch the witness off. Against a real PostgreSQL server.
extension SyncEndToEndTests {
    /// The truck's central address as its own role, and the environment pointing at its password file.
    private func login(_ site: String) throws -> (url: String, environment: [String: String], role: String) {
        let file = folder + "/\(site).pgpass"
        let made = try ClinicBinary.run(["central", "add-truck", "--central", central, "--site", site, "--pgpass-out", file])
        XCTAssertEqual(made.status, 0, made.stderr)
        let role = "clinic_truck_" + site.lowercased()
        XCTAssertEqual(made.stdout, "Truck \(site) logs in as \(role); its password-file line is in \(file).\n")
        let attributes = try FileManager.default.attributesOfItem(atPath: file)
        XCTAssertEqual(
            (attributes[.posixPermissions] as? NSNumber)?.intValue, 0o600, "the password file is the truck user's alone")
        let line = try String(contentsOfFile: file, encoding: .utf8)
        let fields = line.dropLast().split(separator: ":")
        XCTAssertEqual(fields.count, 5, line)
        XCTAssertEqual(fields[3], Substring(role))
        XCTAssertEqual(fields[4].count, 32, "a generated password")
        XCTAssertFalse(made.stdout.contains(String(fields[4])), "the password is not printed")
        return (central.replacingOccurrences(of: "clinic@", with: "\(role)@"), ["PGPASSFILE": file], role)
    }

    func testEachTruckSyncsAsItsOwnRoleAndCannotTouchAnotherTrucksRows() throws {
        let first = try truck("T01", patients: 3, visits: 1), second = try truck("T02", patients: 2, visits: 1)
        let (firstURL, firstEnvironment, firstRole) = try login("T01")
        let (secondURL, secondEnvironment, _) = try login("T02")
        for (path, url, environment) in [
            (first, firstURL, firstEnvironment), (second, secondURL, secondEnvironment), (first, firstURL, firstEnvironment),
        ] {
            let run = try ClinicBinary.run(["sync", "--db", path, "--central", url], environment: environment)
            XCTAssertEqual(run.status, 0, run.stdout + run.stderr)
        }
        XCTAssertEqual(
            try centralKeys()["auditEntry"]?.filter { $0.hasPrefix("T02:") }.isEmpty, false, "T02's rows are at head office")

        // A patient registered on T02, edited on T01 after the pull: patients are fleet-shared, merged field by field.
        let store = try ClinicDatabase.open(at: first)
        let fromT02 = try XCTUnwrap(
            try store.pool.read { try PatientRecord.fetchOne($0, sql: "SELECT * FROM patient WHERE folderNumber LIKE 'T02%'") })
        var details = fromT02.details
        details.phone = "+27825550101"
        let service = PatientService(database: store)
        _ = try service.edit(try service.open(id: fromT02.id, by: shell).record, to: PatientInput(details), by: shell)
        try store.pool.close()
        let edited = try ClinicBinary.run(["sync", "--db", first, "--central", firstURL], environment: firstEnvironment)
        XCTAssertEqual(edited.status, 0, edited.stdout + edited.stderr)
        XCTAssertEqual(
            try Self.server!.query(
                central, "SELECT payload->>'phone' FROM record WHERE kind = 'patient' AND key = '\(fromT02.id)'"),
            "+27825550101\n")

        // Straight at head office with T01's login, as someone who took the truck's password file.
        let before = try Self.server!.query(
            central, "SELECT md5(string_agg(payload::text, '' ORDER BY key)) FROM record WHERE site = 'T02'")
        XCTAssertEqual(
            try Self.server!.query(
                central, "UPDATE record SET payload = '{}' WHERE site = 'T02' AND kind <> 'patient'",
                as: firstRole, quiet: false), "UPDATE 0\n", "another truck's rows are not even seen for change")
        for sql in [
            "INSERT INTO record (kind, key, site, payload) VALUES ('auditEntry', 'T02:999', 'T02', '{}')",
            "DELETE FROM record WHERE site = 'T01'", "TRUNCATE record", "DROP TRIGGER record_witness ON record",
            "ALTER TABLE record DISABLE TRIGGER ALL", "DELETE FROM tamper_alert", "UPDATE record_history SET payload = NULL",
            "SELECT count(*) FROM record_history", "CREATE TABLE mine (x int)",
            "INSERT INTO site_role (role, site) VALUES (current_user, 'T02')",
        ] {
            XCTAssertThrowsError(try Self.server!.query(central, sql, as: firstRole), "T01's login may not: \(sql)")
        }
        XCTAssertEqual(
            try Self.server!.query(
                central, "SELECT md5(string_agg(payload::text, '' ORDER BY key)) FROM record WHERE site = 'T02'"),
            before, "T02's rows are as T02 sent them")
        XCTAssertEqual(
            try Self.server!.query(central, "UPDATE site SET install_id = 'x' WHERE code = 'T02'", as: firstRole, quiet: false),
            "UPDATE 0\n", "nor another truck's registration")
        XCTAssertNotEqual(try Self.server!.query(central, "SELECT install_id FROM site WHERE code = 'T02'"), "x\n")
        // A truck may report a refused push for itself only, whatever site it names.
        _ = try Self.server!.query(central, "SELECT clinic_report_chain_break('T02', 'T02:1')", as: firstRole)
        XCTAssertEqual(try Self.server!.query(central, "SELECT site FROM tamper_alert WHERE kind = 'auditChain'"), "T01\n")
    }

    func testATruckLoginUsedForAnotherSiteIsRefusedInWords() throws {
        let first = try truck("T01", patients: 1)
        _ = try truck("T02", patients: 1)
        let (_, secondEnvironment, _) = try login("T02")
        // T01's database synced with T02's login: head office refuses the rows; nothing is lost.
        let url = central.replacingOccurrences(of: "clinic@", with: "clinic_truck_t02@")
        let run = try ClinicBinary.run(["sync", "--db", first, "--central", url], environment: secondEnvironment)
        XCTAssertNotEqual(run.status, 0)
        XCTAssertTrue(
            run.stderr.contains("this truck's login may not do that: a truck changes only its own site's records"), run.stderr)
        XCTAssertTrue(run.stderr.contains("Nothing was lost"), run.stderr)
        XCTAssertEqual(try Self.server!.query(central, "SELECT count(*) FROM record WHERE site = 'T01'"), "0\n")
    }

    func testACentralAddressWithAPasswordOnTheCommandLineIsRefused() throws {
        let path = try truck("T01")
        let run = try ClinicBinary.run([
            "sync", "--db", path, "--central", central.replacingOccurrences(of: "clinic@", with: "clinic:secret@"),
        ])
        XCTAssertNotEqual(run.status, 0)
        XCTAssertTrue(run.stderr.contains("--central holds a password, which any user of this machine could read"), run.stderr)
        XCTAssertFalse(run.stderr.contains("secret"), "the password is not repeated: \(run.stderr)")
    }
}
