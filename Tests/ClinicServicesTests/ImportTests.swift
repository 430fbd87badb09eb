import ClinicDomain
import ClinicServices
import ClinicStore
import GRDB
import XCTest

final class ImportTests: XCTestCase {
    var fixture: ServiceFixture!
    let shell = Actor.shell(name: "ops")

    override func setUpWithError() throws { fixture = try ServiceFixture() }

    func write(_ name: String, _ text: String) -> String {
        let path = fixture.folder.file(name)
        try! text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func testRosterImportIsIdempotentAndReportsBadRowsByLine() throws {
        let path = write(
            "members.csv",
            """
            membership_number,dependant_code,surname,first_names,status,date_of_birth,sa_id,option
            11223344,00,Ndlovu,Sipho,active,1980-01-01,8001015009087,Core
            11223344,01,Ndlovu,Thandi,active,,,Core
            55,1,Bad,Code,active,,,
            56,00,Bad,Date,active,1980-13-01,,
            57,00,Bad,Id,active,,8001015009088,
            58,00,,Empty,active,,,
            59,00,Too,Many,active,,,,extra

            """)
        var progress: [Int] = []
        let first = try RosterImport(database: fixture.database, clock: fixture.clock)
            .run(path: path, by: shell) { done, _ in progress.append(done) }
        XCTAssertEqual(first.imported, 2)
        XCTAssertEqual(
            first.problems.map(\.description),
            [
                "members.csv:4: dependant_code must be two digits, not '1'",
                "members.csv:5: date_of_birth '1980-13-01' is not a real date (YYYY-MM-DD)",
                "members.csv:6: SA ID fails its check digit (last digit); check for a mistyped digit",
                "members.csv:7: surname is empty",
                "members.csv:8: 9 fields where the header names 8 (a comma too many, or a comma inside a field without quotes); line skipped",
            ])
        XCTAssertEqual(progress.last, 6, "the six well-formed rows were processed")
        XCTAssertThrowsError(try RosterImport(database: fixture.database, clock: fixture.clock).run(path: path, by: shell)) {
            XCTAssertTrue(
                "\($0)".hasPrefix("\(path) was imported already (6 rows, "), "the same file, refused saying when: \($0)")
        }
        let count = try fixture.database.pool.read { try RosterMember.fetchCount($0) }
        XCTAssertEqual(count, 2)

        let suspended = write(
            "members2.csv", "membership_number,dependant_code,surname,first_names,status\n11223344,01,Ndlovu,Thandi,Suspended\n")
        XCTAssertEqual(
            try RosterImport(database: fixture.database, clock: fixture.clock).run(path: suspended, by: shell).imported, 1)
        let status = try PatientService(database: fixture.database, clock: fixture.clock)
            .membershipStatus(membership: "11223344", dependant: "01", by: shell)
        XCTAssertEqual(status, "suspended")
    }

    func testManyBlankLinesAreSkippedWithoutCrashingAndLineNumbersStayRight() throws {
        let path = write(
            "blank.csv",
            "membership_number,dependant_code,surname,first_names,status\n"
                + String(repeating: "\n", count: 300_000) + "1,00,A,B,active\n2,9,C,D,active\n")
        let report = try RosterImport(database: fixture.database, clock: fixture.clock).run(path: path, by: shell)
        XCTAssertEqual(report.imported, 1)
        XCTAssertEqual(report.problems.map(\.description), ["blank.csv:300003: dependant_code must be two digits, not '9'"])
    }

    func testHeaderProblemsStopBeforeAnythingIsWritten() throws {
        let missing = write("a.csv", "membership_number,surname,first_names,status\n1,A,B,active\n")
        XCTAssertThrowsError(try RosterImport(database: fixture.database).run(path: missing, by: shell)) {
            XCTAssertEqual(
                "\($0)",
                "a.csv:1: missing column 'dependant_code' (needs membership_number, dependant_code, surname, first_names, status)"
            )
        }
        let unknown = write("b.csv", "membership_number,dependant_code,surname,first_names,status,shoe_size\n")
        XCTAssertThrowsError(try RosterImport(database: fixture.database).run(path: unknown, by: shell)) {
            XCTAssertTrue("\($0)".hasPrefix("b.csv:1: unknown column 'shoe_size'"), "\($0)")
        }
        XCTAssertThrowsError(try RosterImport(database: fixture.database).run(path: fixture.folder.file("none.csv"), by: shell)) {
            XCTAssertTrue("\($0)".contains("cannot read the file"), "\($0)")
        }
        XCTAssertEqual(try fixture.database.pool.read { try RosterMember.fetchCount($0) }, 0)
    }

    func testPatientImportValidatesLikeTheDeskAndSkipsAlreadyRegistered() throws {
        let path = write(
            "patients.csv",
            """
            surname,first_names,document_number,phone,province
            Ndlovu,Sipho,8001015009087,082 123 4567,GP
            Mokoena,Lerato,8801235111088,,KZN
            Bad,Check,8001015009088,,
            Bad,Phone,9001014800089,12345,
            ,Nameless,7506155800088,,
            """)
        let report = try PatientImport(database: fixture.database, clock: fixture.clock).run(path: path, by: shell)
        XCTAssertEqual(report.imported, 2)
        XCTAssertEqual(
            report.problems.map(\.description),
            [
                "patients.csv:4: document_number: SA ID fails its check digit (last digit); check for a mistyped digit",
                "patients.csv:5: phone: phone must be a South African number like 082 123 4567 or +27 82 123 4567",
                "patients.csv:6: surname: surname is required",
            ])
        XCTAssertThrowsError(try PatientImport(database: fixture.database, clock: fixture.clock).run(path: path, by: shell)) {
            XCTAssertTrue("\($0)".contains(" was imported already ("), "\($0)")
        }
        XCTAssertEqual(try fixture.database.pool.read { try PatientRecord.fetchCount($0) }, 2)
    }

    func testDemoPatientsAreValidDistinctAndRepeatable() throws {
        try DemoPatients(database: fixture.database, clock: fixture.clock).seed(3000)
        let rows = try fixture.database.pool.read { try PatientRecord.order(Column("folderNumber")).fetchAll($0) }
        XCTAssertEqual(rows.count, 3000)
        XCTAssertEqual(Set(rows.compactMap(\.saID)).count, 3000)
        let today = CalendarDate(fixture.clock.now())
        for row in rows {
            let id = try SAIDNumber(row.saID!, today: today)
            XCTAssertEqual(id.sex, row.sex)
            XCTAssertEqual(id.dateOfBirth.description, row.dateOfBirth)
            XCTAssertNotNil(row.phone.flatMap { try? PhoneNumber.normalise($0) })
        }
        let other = try ServiceFixture()
        try DemoPatients(database: other.database, clock: other.clock).seed(50)
        let again = try other.database.pool.read { try PatientRecord.order(Column("folderNumber")).fetchAll($0) }
        XCTAssertEqual(again.map(\.surname), rows.prefix(50).map(\.surname), "same seed, same people")
        XCTAssertEqual(try PatientService(database: fixture.database).search("ndl", by: shell).count, 20)
    }
}

extension ImportTests {
    /// The demo's roster lists its members as the scheme would: each entry is the patient's
    /// own membership and dependant code; most are active, some suspended, a few missing;
    /// people with no membership are not on it.
    func testTheDemoRosterListsMostMembersAndNoOneElse() throws {
        try DemoPatients(database: fixture.database, clock: fixture.clock).seed(300, roster: true)
        let (patients, roster) = try fixture.database.pool.read {
            (try PatientRecord.fetchAll($0), try RosterMember.fetchAll($0))
        }
        let members = patients.filter { $0.membershipNumber != nil }
        XCTAssertLessThan(members.count, patients.count, "some are not members")
        for entry in roster {
            let patient = members.first {
                $0.membershipNumber == entry.membershipNumber && $0.dependantCode == entry.dependantCode
            }
            XCTAssertEqual(patient?.saID, entry.saID, "\(entry.membershipNumber)/\(entry.dependantCode) is that patient")
            XCTAssertEqual(patient?.surname, entry.surname)
        }
        let statuses = Dictionary(grouping: roster, by: \.status).mapValues(\.count)
        XCTAssertEqual(Set(statuses.keys), ["active", "suspended"])
        XCTAssertGreaterThan(statuses["active"]!, statuses["suspended"]! * 5)
        XCTAssertLessThan(roster.count, members.count, "a few members joined after the roster was sent")
        XCTAssertGreaterThan(roster.count, members.count * 9 / 10)
    }

    /// A roster import killed after its first step resumes after the rows that step applied,
    /// and its audit row says so; the file then counts as applied once.
    func testAStoppedImportResumesAfterTheRowsItApplied() throws {
        let path = write(
            "members.csv",
            """
            membership_number,dependant_code,surname,first_names,status
            11223344,00,Ndlovu,Sipho,Active
            11223344,01,Ndlovu,Thandi,Active
            55667788,00,Mokoena,Lerato,Active
            """)
        let digest = try ImportedFiles.digest(ofFileAt: path)
        // What a run killed after applying its first two rows leaves: those rows and the position, committed together.
        try fixture.database.pool.write { db in
            try ImportedFiles.setProgress(digest, kind: "roster", name: "members.csv", rows: 2, at: fixture.clock.now(), in: db)
        }
        let report = try RosterImport(database: fixture.database, clock: fixture.clock).run(path: path, by: shell)
        XCTAssertEqual(report.imported, 1, "only the row after the position")
        XCTAssertEqual(report.notes, ["Resumed after row 2: an earlier run of this file stopped there."])
        let (members, audit, progress) = try fixture.database.pool.read { db in
            (
                try RosterMember.fetchCount(db),
                try String.fetchOne(db, sql: "SELECT detail FROM auditEntry WHERE action = 'roster.import'"),
                try ImportedFiles.progress(digest, kind: "roster", in: db)
            )
        }
        XCTAssertEqual(members, 1)
        XCTAssertTrue(audit?.hasSuffix("; resumed after row 2, where an earlier run stopped") == true, audit ?? "no audit row")
        XCTAssertNil(progress, "done: no position left behind")
        XCTAssertThrowsError(try RosterImport(database: fixture.database, clock: fixture.clock).run(path: path, by: shell))
    }

    func testICD10ImportUnderstandsTheMITHeadingsAndReportsBadRows() throws {
        let path = write(
            "mit.csv",
            """
            ICD10_Code,WHO_Full_Desc,Valid_Primary
            J06.9,"Acute upper respiratory infection, unspecified (MIT title)",Y
            V01.0,Pedestrian injured in collision with pedal cycle,N
            J6.9,Broken code,Y
            K35.8,,Y
            K35.2,Acute appendicitis with generalized peritonitis,maybe
            """)
        let report = try ICD10Import(database: fixture.database, clock: fixture.clock).run(path: path, by: shell)
        XCTAssertEqual(report.imported, 2)
        XCTAssertEqual(
            report.problems.map(\.description),
            [
                "mit.csv:4: 'J6.9' is not an ICD-10 code",
                "mit.csv:5: K35.8 has no title",
                "mit.csv:6: valid_primary must be Y or N, not 'maybe'",
            ])
        let records = try fixture.database.pool.read { db in
            (try ICD10Repository.find(ICD10Code("J06.9")!, in: db), try ICD10Repository.find(ICD10Code("V01.0")!, in: db))
        }
        XCTAssertEqual(records.0?.title, "Acute upper respiratory infection, unspecified (MIT title)")
        XCTAssertEqual(records.1?.validPrimary, false)
        XCTAssertThrowsError(
            try ICD10Import(database: fixture.database, clock: fixture.clock).run(path: path, by: shell),
            "the same file is refused"
        ) {
            XCTAssertTrue("\($0)".contains("mit.csv was imported already (5 rows, "), "\($0)")
        }
        XCTAssertThrowsError(try ICD10Import(database: fixture.database).run(path: write("x.csv", "name,desc\nA,B\n"), by: shell))
        {
            XCTAssertTrue("\($0)".contains("x.csv:1: needs a code column"), "\($0)")
        }
        let nurse = Actor.user(try fixture.auth.login(username: "nurse", password: fixture.password, terminal: "t"))
        XCTAssertThrowsError(try ICD10Import(database: fixture.database).run(path: path, by: nurse))
    }
}

extension ImportTests {
    /// The SA ICD-10 Master Industry Table's own headings (a small fixture written with
    /// them): Valid_ICD10_Primary drives the primary rule, Valid_ICD10_Asterisk and
    /// Valid_ICD10_Dagger the asterisk rule; columns not used are named once, not fatal.
    func testICD10ImportReadsTheRealMITColumns() throws {
        let path = write(
            "MIT.csv",
            """
            Number,Chapter_No,Group_Code,ICD10_3_Code,ICD10_Code,WHO_Full_Desc,Valid_ICD10_ClinicalUse,Valid_ICD10_Primary,Valid_ICD10_Asterisk,Valid_ICD10_Dagger,Valid_ICD10_Sequelae,Age_Range,Gender,Status,WHO_Start_date
            1,I,A15-A19,A17,A17.0,Tuberculous meningitis,Y,Y,N,Y,N,,,A,1995/07/01
            2,VI,G00-G09,G01,G01,Meningitis in bacterial diseases classified elsewhere,Y,N,Y,N,N,,,A,1995/07/01
            3,X,J00-J06,J06,J06.9,"Acute upper respiratory infection, unspecified",Y,Y,N,N,N,,,A,1995/07/01
            4,X,J00-J06,J06,J06.9,Bad flag,Y,Y,perhaps,N,N,,,A,1995/07/01
            """)
        let report = try ICD10Import(database: fixture.database, clock: fixture.clock).run(path: path, by: shell)
        XCTAssertEqual(report.imported, 3)
        XCTAssertEqual(report.problems.map(\.description), ["MIT.csv:5: valid_asterisk must be Y or N, not 'perhaps'"])
        XCTAssertEqual(
            report.notes,
            [
                "Ignored columns: number, chapter_no, group_code, icd10_3_code, valid_icd10_clinicaluse, "
                    + "valid_icd10_sequelae, age_range, gender, status, who_start_date."
            ])
        let entries = try fixture.database.pool.read { db in
            try ["A17.0", "G01", "J06.9"].map { try ICD10Repository.find(ICD10Code($0)!, in: db)!.entry! }
        }
        XCTAssertEqual(entries.map(\.validPrimary), [true, false, true])
        XCTAssertEqual(entries.map(\.isAsteriskOnly), [false, true, false])
        XCTAssertEqual(entries.map(\.validDagger), [true, false, false])
    }

    func testFormularyImportAddsAndReplacesItemsAndReportsBadRows() throws {
        let path = write(
            "formulary.csv",
            """
            code,generic_name,strength,form,route,unit
            tdf300t,Tenofovir disoproxil fumarate,300 mg,tablet,oral,tablet
            PARA500T,Paracetamol,500 mg,tablet (new pack),oral,tablet
            X1,,5 mg,tablet,oral,tablet
            """)
        let report = try FormularyImport(database: fixture.database, clock: fixture.clock).run(path: path, by: shell)
        XCTAssertEqual(report.imported, 2)
        XCTAssertEqual(report.problems.map(\.description), ["formulary.csv:4: generic_name is empty"])
        let items = try PrescriptionService(database: fixture.database).searchFormulary("teno", by: shell)
        XCTAssertEqual(items.map(\.code), ["TDF300T"])
        XCTAssertEqual(
            try PrescriptionService(database: fixture.database).searchFormulary("paracetamol", by: shell)
                .first { $0.code == "PARA500T" }?.form, "tablet (new pack)")
    }
}

extension ImportTests {
    func testStockFirstLoadIsAppliedWholeOrNotAtAllAndTheReportShowsIt() throws {
        // The fixture's clock is 2027-01-15.
        let header = "item_code,gtin,batch,expiry,quantity,reorder_level,nappi,supplier,unit_cost\n"
        let good = "para500t,09506000134352,A1,2027-12-31,200,50,700123001,\"Pharma, Inc\",0.45\n"
        let path = write(
            "stock.csv",
            header + good + """
                PARA500T,09506000134352,A2,2026-12-31,10,,,,
                IBU200T,04006381333931,I1,2028-01-31,0,,,,
                NOPE,04006381333931,X1,2028-01-31,5,,,,
                IBU200T,04006381333932,I2,2028-01-31,5,,,,
                IBU200T,04006381333931,I3,31/01/2028,5,,,,
                IBU200T,04006381333931,I4,2028-01-31,5,,70-12,,
                IBU200T,04006381333931,I5,2028-01-31,5,,,,12.345
                IBU200T,04006381333931, ,2028-01-31,5,,,,
                IBU200T,04006381333931,I6,2028-01-31,9223372036854775807,,,,
                IBU200T,04006381333931,I7,2028-01-31,9223372036854775808,,,,
                IBU200T,04006381333931,I8,2028-01-31,5,,,,,extra
                """)
        let importer = StockImport(database: fixture.database, clock: fixture.clock)
        let rejected = try importer.run(path: path, by: shell)
        XCTAssertEqual(rejected.imported, 0)
        XCTAssertEqual(
            rejected.problems.map(\.description),
            [
                "stock.csv:3: Expiry 2026-12-31 is in the past; expired stock is not received.",
                "stock.csv:4: The quantity must be a whole number above zero.",
                "stock.csv:5: No medicine NOPE in the formulary.",
                "stock.csv:6: GTIN 04006381333932 fails its check digit (a misread? scan again).",
                "stock.csv:7: expiry must be a real date YYYY-MM-DD",
                "stock.csv:8: NAPPI must be digits only",
                "stock.csv:9: unit_cost must be an amount in rand, e.g. 12.50",
                "stock.csv:10: batch is required",
                "stock.csv:11: 9223372036854775807 units is more than one movement can hold (at most 1000000).",
                "stock.csv:12: 9223372036854775808 units is more than one movement can hold (at most 1000000).",
                "stock.csv:13: 10 fields where the header names 9 (a comma too many, or a comma inside a field without quotes); line skipped",
            ])
        XCTAssertEqual(
            rejected.notes,
            ["Nothing was received: the file is applied whole or not at all. Fix the rows above and run it again."])
        XCTAssertEqual(
            try importer.report(by: shell), "item_code,generic_name,strength,form,nappi,batch,expiry,on_hand\n",
            "the good first row was not received either")
        XCTAssertEqual(try SupplierService(database: fixture.database, clock: fixture.clock).all(by: shell), [])

        let fixed = write("stock.csv", header + good)
        XCTAssertEqual(try importer.run(path: fixed, by: shell).imported, 1)
        let stock = StockService(database: fixture.database, clock: fixture.clock)
        XCTAssertEqual(try stock.detail(of: "PARA500T", by: shell).batches.first?.unitCost, Rands(cents: 45))
        XCTAssertEqual(
            try SupplierService(database: fixture.database, clock: fixture.clock).all(by: shell).map(\.name), ["Pharma, Inc"],
            "a supplier named in the load is added once")
        let csv = try importer.report(by: shell)
        XCTAssertEqual(
            csv,
            "item_code,generic_name,strength,form,nappi,batch,expiry,on_hand\nPARA500T,Paracetamol,500 mg,tablet,700123001,A1,2027-12-31,200\n"
        )
        XCTAssertEqual(
            try stock.alerts(by: shell), [],
            "200 on hand is above the imported reorder level of 50, and no rejected row linked ibuprofen")

        // The same file again (even renamed) is refused and changes nothing.
        let again = write("stock-copy.csv", header + good)
        XCTAssertThrowsError(try importer.run(path: again, by: shell)) {
            XCTAssertTrue("\($0)".hasPrefix("\(again) was imported already (1 row, "), "\($0)")
            XCTAssertTrue(
                "\($0)".hasSuffix(" by shell:ops): the same file is never applied twice. Nothing was changed."), "\($0)")
        }
        XCTAssertEqual(try importer.report(by: shell), csv)
        // The same rows with blank lines, CRLF endings, spaces and the columns in another order: the same stock.
        let columns = header.dropLast().split(separator: ",").map(String.init)
        let fields = ["para500t", "09506000134352", "A1", "2027-12-31", "200", "50", "700123001", "\"Pharma, Inc\"", "0.45"]
        let order = Array(columns.indices.reversed())
        let reshaped = write(
            "stock-reshaped.csv",
            order.map { columns[$0] }.joined(separator: ",") + "\r\n\r\n"
                + order.map { " " + fields[$0] }.joined(separator: ",") + "\r\n\n")
        XCTAssertThrowsError(try importer.run(path: reshaped, by: shell), "the same rows in other bytes") {
            XCTAssertTrue("\($0)".contains("was imported already"), "\($0)")
        }
        XCTAssertEqual(try importer.report(by: shell), csv)
        let audited = try fixture.database.pool.read {
            try String.fetchAll($0, sql: "SELECT detail FROM auditEntry WHERE action = 'stock.import'")
        }
        XCTAssertEqual(audited.count, 1)
        XCTAssertTrue(audited[0].hasPrefix("stock.csv (sha256 "), audited[0])
        let refused = try fixture.database.pool.read {
            try String.fetchAll($0, sql: "SELECT detail FROM auditEntry WHERE action = 'stock.import.refused' ORDER BY id")
        }
        XCTAssertEqual(
            refused,
            [
                "stock.csv: 11 rows rejected, nothing received", "stock-copy.csv: imported already, nothing received",
                "stock-reshaped.csv: imported already, nothing received",
            ], "refusals are audited too")
    }
}

extension ImportTests {
    /// Bytes the CSV reader cannot be given: invalid UTF-8 (which split rows or cut titles
    /// silently) and a quote that never closes (which swallowed the rest of the file). Each
    /// is one problem at its line; the rows around it are imported as usual.
    func testUnreadableLinesAreReportedByLineAndTheRestIsRead() throws {
        let path = fixture.folder.file("members-bad.csv")
        var bytes = Data("membership_number,dependant_code,surname,first_names,status\n".utf8)
        bytes += Data("11223344,00,Ndlovu,Sipho,active\n".utf8)
        bytes += Data("11223345,00,M".utf8) + Data([0xFF, 0xFE]) + Data("khize,Zanele,active\n".utf8)
        bytes += Data("11223346,00,\"Botha,Pieter,active\n".utf8)
        bytes += Data("11223347,00,Naidoo,Priya,active\n".utf8)
        bytes += Data("11223348,00,Dlamini\u{1B}[2J,Bongani,active\n".utf8)
        try bytes.write(to: URL(fileURLWithPath: path))
        let report = try RosterImport(database: fixture.database, clock: fixture.clock).run(path: path, by: shell)
        XCTAssertEqual(
            report.problems.map(\.description),
            [
                "members-bad.csv:3: not valid UTF-8 text (save the file as UTF-8); line skipped",
                "members-bad.csv:4: a quote (\") opens a field that does not close on this line; line skipped",
                "members-bad.csv:6: holds a control character (an escape sequence?), which no record may hold; line skipped",
            ])
        XCTAssertEqual(report.imported, 2, "lines 2 and 5 are read, the stray quote swallows nothing")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: NSTemporaryDirectory()).filter {
            $0.hasPrefix("clinic-import-")
        }
        XCTAssertEqual(leftovers, [], "the working copy is removed")
    }
}

extension ImportTests {
    /// RFC 4180 2.4: every record holds as many fields as the header; a file says what it lacks.
    func testAFileWithoutItsHeaderOrWithAMisshapenRowSaysWhatIsWrongWhere() throws {
        let importer = StockImport(database: fixture.database, clock: fixture.clock)
        let needs = "needs a header row naming its columns: item_code, gtin, batch, expiry, quantity"
        for (text, message) in [
            ("", "stock.csv:1: the file is empty: it \(needs)"),
            ("\n\nitem_code,gtin\n", "stock.csv:1: the first line is blank: the file \(needs)"),
            (
                "item_code,gtin,batch,expiry,quantity,batch\n",
                "stock.csv:1: column 'batch' appears twice (columns 3 and 6): which one holds the values?"
            ),
        ] {
            XCTAssertThrowsError(try importer.run(path: write("stock.csv", text), by: shell), text) {
                XCTAssertEqual("\($0)", message)
            }
        }
        let short = write("stock.csv", "item_code,gtin,batch,expiry,quantity\nPARA500T,09506000134352,A1,2027-12-31\n")
        let report = try importer.run(path: short, by: shell)
        XCTAssertEqual(
            report.problems.map(\.description),
            ["stock.csv:2: 4 fields where the header names 5 (a field or a comma is missing); line skipped"],
            "not 'quantity is required': the row is short")
        XCTAssertEqual(report.imported, 0)
    }
}
