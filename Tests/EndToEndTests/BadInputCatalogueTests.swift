import ClinicDomain
import ClinicServices
import ClinicStore
import Foundation
import GRDB
import TestSupport
import XCTest

/// The catalogue of bad input: every entry is something a person could really type, pass
/// or point the program at, with the message they must get — naming what is wrong and
/// where — and nothing changed behind it. Run through the real `clinic` binary (flags,
/// files, keymaps, screen files) and through the services the forms call (form fields).
final class BadInputCatalogueTests: XCTestCase {
    var folder = ""
    var database = ""

    override func setUpWithError() throws {
        folder = try ClinicBinary.demoFolder()
        database = folder + "/clinic.sqlite"
    }

    override func tearDown() { try? FileManager.default.removeItem(atPath: folder) }

    /// Writes `text` to `name` in the test folder and returns its path.
    func file(_ name: String, _ text: String) throws -> String {
        let path = folder + "/" + name
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// A copy of the shipped Screens/ and Keymaps/ with one file replaced.
    func share(_ relative: String, _ text: String) throws -> String {
        let share = folder + "/share-\(UUID().uuidString)"
        for part in ["Screens", "Keymaps"] {
            try FileManager.default.copyItem(atPath: ClinicBinary.repositoryRoot + "/" + part, toPath: share + "/" + part)
        }
        try text.write(toFile: share + "/" + relative, atomically: true, encoding: .utf8)
        return share
    }

    /// Row counts of what the refused inputs could have touched.
    func contents() throws -> [String: Int] {
        let store = try ClinicDatabase.open(at: database)
        defer { try? store.pool.close() }
        return try store.pool.read { db in
            try Dictionary(
                uniqueKeysWithValues: [
                    "patient", "memberRoster", "icd10", "formularyItem", "batch", "movement", "user",
                    "appointment", "claimExport",
                ].map {
                    ($0, try Int.fetchOne(db, sql: "SELECT count(*) FROM \($0)") ?? 0)
                })
        }
    }

    func testCommandsFilesKeymapsAndScreenFiles() throws {
        let roster = "membership_number,dependant_code,surname,first_names,status,date_of_birth,option\n"
        let patients = "surname,first_names,document_number,sex,date_of_birth\n"
        let cases: [(input: [String], expected: String)] = [
            (["report", "daily", "--date", "2026-13-01", "--db", database], "2026-13-01"),
            (["report", "daily", "--date", "yesterday", "--db", database], "yesterday"),
            (["report", "monthly", "--date", "2026-00", "--db", database], "2026-00"),
            (["export", "claims", "--since", "2026-02-30", "--out", folder + "/claims", "--db", database], "2026-02-30"),
            (["export", "fhir", "--since", "2026-01-01", "--out", "/proc/no/such/folder", "--db", database], "/proc/no/such"),
            (["export", "fhir", "--since", "2026-01-01", "--out", database, "--db", database], database),
            (["--db", folder + "/none/clinic.sqlite"], "Create one with `clinic init`"),
            (["--idle-lock", "-5", "--db", database], "idle-lock"),
            (["--idle-lock", "soon", "--db", database], "soon"),
            (["user", "add", "bob", "--role", "superman", "--name", "Bob", "--db", database], "superman"),
            (["user", "add", "Bob Smith", "--role", "nurse", "--name", "Bob", "--db", database], "username"),
            (["user", "add", "nurse", "--role", "nurse", "--name", "Again", "--db", database], "nurse"),
            (["user", "lock", "nobody", "--db", database], "nobody"),
            (["sync", "--central", "http://example.org/db", "--db", database], "postgres://"),
            (["sync", "--central", "postgres://x@127.0.0.1:1/db", "--batch", "0", "--db", database], "--batch"),
            (["sync", "resolve", "no-such-id", "--keep", "everything", "--db", database], "--keep must be central or truck"),
            (["restore", try file("notes.txt", "hello"), "--db", database], "notes.txt"),
            (["backup", "--to", database, "--db", database], database),
            (["audit", "export", "--from", "2026-02-30", "--db", database], "2026-02-30"),
            (["appointments", "reminders", "--date", "next tuesday", "--db", database], "next tuesday"),
            (
                ["appointments", "book", "--stop", "999", "--time", "09:00", "--patient", "DEMO-000001", "--db", database],
                "No patient with folder number DEMO-000001"
            ),
            (["frobnicate"], "frobnicate"),
            (["members", "import", folder + "/missing.csv", "--db", database], "missing.csv"),
            (
                ["members", "import", try file("roster-columns.csv", "membership_number,surname\n1,A\n"), "--db", database],
                "roster-columns.csv"
            ),
            (
                [
                    "members", "import", try file("roster-status.csv", roster + "12345678,00,Ndlovu,Sipho,,1980-01-01,Core\n"),
                    "--db", database,
                ], "roster-status.csv:2: status is empty"
            ),
            (
                [
                    "members", "import", try file("roster-code.csv", roster + "12345678,7,Ndlovu,Sipho,active,1980-01-01,Core\n"),
                    "--db", database,
                ], "roster-code.csv:2"
            ),
            (
                [
                    "members", "import",
                    try file("roster-date.csv", roster + "12345678,00,Ndlovu,Sipho,active,1980-02-30,Core\n"),
                    "--db", database,
                ], "roster-date.csv:2"
            ),
            (
                [
                    "members", "import",
                    try file("roster-quote.csv", roster + "12345678,00,\"Ndlovu,Sipho,active,1980-01-01,Core\n"),
                    "--db", database,
                ], "roster-quote.csv"
            ),
            (["members", "import", try file("empty.csv", ""), "--db", database], "empty.csv"),
            (
                [
                    "patients", "import", try file("patients-id.csv", patients + "Ndlovu,Sipho,8001015009088,M,1980-01-01\n"),
                    "--db", database,
                ], "patients-id.csv:2"
            ),
            (
                [
                    "patients", "import", try file("patients-sex.csv", patients + "Ndlovu,Sipho,8001015009087,Q,1980-01-01\n"),
                    "--db", database,
                ], "patients-sex.csv:2"
            ),
            (
                [
                    "patients", "import", try file("patients-name.csv", patients + ",Sipho,8001015009087,M,1980-01-01\n"),
                    "--db", database,
                ], "patients-name.csv:2"
            ),
            (
                [
                    "icd10", "import", try file("icd10-code.csv", "code,title,valid_primary\nnot a code,Something,Y\n"), "--db",
                    database,
                ],
                "icd10-code.csv:2"
            ),
            (
                [
                    "icd10", "import", try file("icd10-flag.csv", "code,title,valid_primary\nJ06.9,Upper respiratory,maybe\n"),
                    "--db", database,
                ],
                "icd10-flag.csv:2"
            ),
            (
                ["formulary", "import", try file("formulary.csv", "code,generic_name\nX1,Something\n"), "--db", database],
                "formulary.csv"
            ),
            (
                [
                    "stock", "import", try file("stock.csv", "item_code,batch,expiry,quantity\nPARA500T,B1,2030-01-01,-5\n"),
                    "--db", database,
                ],
                "stock.csv"
            ),
            (["--db", database, "--keymap", try file("keys-syntax.yaml", "global:\n  help: [f1\n")], "keys-syntax.yaml:"),
            (
                ["--db", database, "--keymap", try file("keys-action.yaml", "global:\n  help: [f1]\n  hepl: [f2]\n")],
                "keys-action.yaml:3: unknown action 'hepl'"
            ),
            (["--db", database, "--keymap", try file("keys-key.yaml", "global:\n  help: [f99]\n")], "keys-key.yaml:2"),
            (["--db", database, "--keymap", try file("keys-context.yaml", "nowhere:\n  help: [f1]\n")], "keys-context.yaml:1"),
            (
                ["--db", database, "--keymap", try file("keys-list.yaml", "global:\n  help: f1\n")],
                "keys-list.yaml:1: no key bound to 'back' in 'global'"
            ),
            (["--db", database, "--keymap", try file("keys-binary.yaml", "\u{0}\u{1}\u{2}garbage: [")], "keys-binary.yaml"),
            (["--db", database, "--share", try share("Screens/login.yaml", "title: Login\nfields: [\n")], "login.yaml:"),
            (
                [
                    "--db", database, "--share",
                    try share("Screens/registration.yaml", "title: Register\nfields:\n  - id: surname\n    kind: rainbow\n"),
                ],
                "registration.yaml:4: unknown kind 'rainbow' (known: text, password)"
            ),
            (
                ["--db", database, "--share", try share("Screens/nursing.yaml", "fields:\n  - id: systolic\n")],
                "nursing.yaml:1: missing 'title'"
            ),
            (
                ["--db", database, "--share", try share("Screens/reason.yaml", "title: Why\ncolour: red\n")],
                "reason.yaml:2: unknown setting 'colour'"
            ),
        ]
        let before = try contents()
        var refused = 0
        for (input, expected) in cases {
            let result = try ClinicBinary.run(
                input, input: "correct horse battery\ncorrect horse battery\n",
                environment: ["CLINIC_SHARE": ClinicBinary.repositoryRoot, "TERM": "dumb"])
            XCTAssertNotEqual(result.status, 0, "\(input) was accepted: \(result.stdout)")
            XCTAssertTrue(result.stderr.contains(expected), "\(input): expected '\(expected)' in: \(result.stderr)")
            XCTAssertFalse(result.stderr.contains("Fatal error") || result.stderr.contains("Backtracing"), "\(input) crashed")
            refused += 1
        }
        XCTAssertEqual(try contents(), before, "nothing was half-written by any refused input")
        print("bad input catalogue: \(refused) commands, files, keymaps and screen files refused with their messages")
    }
}
