import Foundation
import XCTest

/// The clerk registers and finds patients in the real binary, in tmux.
final class RegistryEndToEndTests: XCTestCase {
    var folder = ""
    var database: String { folder + "/clinic.sqlite" }

    override func setUpWithError() throws { folder = try ClinicBinary.demoFolder() }
    override func tearDown() { try? FileManager.default.removeItem(atPath: folder) }

    func testClerkRegistersAPatientHitsValidationAndFindsThemByEveryKey() throws {
        let tmux = try Tmux(ClinicBinary.command(database))
        try tmux.waitFor("Log in with your own username")
        try tmux.type("clerk"); try tmux.press("Enter")
        try tmux.type("clinic-demo"); try tmux.press("Enter")
        try tmux.waitFor("Welcome, Johan van der Merwe")
        try tmux.type("1")
        try tmux.waitFor("Find:")
        try tmux.press("F2")
        try tmux.waitFor("New patient.")
        // Surname, first names, (document type empty), a mistyped SA ID, then submit from the last field.
        try tmux.type("Ndlovu"); try tmux.press("Enter")
        try tmux.type("Sipho"); try tmux.press("Enter", "Enter")
        try tmux.type("8001015009088"); try tmux.press("Enter", "Enter", "Enter")
        try tmux.type("082 123 4567")
        for _ in 0..<9 { try tmux.press("Enter") }
        try tmux.waitFor("SA ID fails its check digit")
        // Fix the last digit: the form focused the ID field.
        try tmux.press("BSpace")
        try tmux.type("7")
        for _ in 0..<12 { try tmux.press("Enter") }
        let record = try tmux.waitFor("NDLOVU, Sipho  male")
        XCTAssertTrue(record.contains("DEMO-000001"), record)
        XCTAssertTrue(record.contains("082 123 4567"), record)
        try tmux.press("Escape")
        for query in ["ndl sip", "8001015009087", "N9087", "DEMO-000001", "0821234567"] {
            try tmux.press("C-u")
            try tmux.type(query)
            let screen = try tmux.waitFor("NDLOVU, Sipho ")
            XCTAssertTrue(screen.contains("800101****087"), "\(query):\n\(screen)")
        }
        try tmux.press("Enter")
        try tmux.waitFor("No known allergies recorded")
        let audit = try ClinicBinary.run(["audit", "verify", "--db", database])
        XCTAssertEqual(audit.status, 0, audit.stdout)
    }

    func testImportsAtTheShell() throws {
        let roster = folder + "/members.csv"
        try "membership_number,dependant_code,surname,first_names,status\n1,00,A,B,active\n2,9,C,D,active\n"
            .write(toFile: roster, atomically: true, encoding: .utf8)
        let result = try ClinicBinary.run(["members", "import", roster, "--db", database])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("members.csv:3: dependant_code must be two digits, not '9'"), result.stderr)
        XCTAssertTrue(result.stdout.contains("1 imported, 0 unchanged or already present, 1 rejected."), result.stdout)
        let seeded = try ClinicBinary.run(["demo", "--db", database, "--patients", "300"])
        XCTAssertEqual(seeded.status, 0, seeded.stderr)
        XCTAssertTrue(seeded.stdout.contains("Added 300 synthetic patients."), seeded.stdout)
        let bad = try ClinicBinary.run(["patients", "import", folder + "/missing.csv", "--db", database])
        XCTAssertNotEqual(bad.status, 0)
        XCTAssertTrue(bad.stderr.contains("cannot read the file"), bad.stderr)
    }
}
