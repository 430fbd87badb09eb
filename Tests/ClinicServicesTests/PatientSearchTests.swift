import ClinicDomain
import ClinicServices
import ClinicStore
import XCTest

final class PatientSearchTests: XCTestCase {
    var fixture: ServiceFixture!
    var service: PatientService { PatientService(database: fixture.database, clock: fixture.clock) }
    let clerk = Actor.shell(name: "test")
    var folders: [String: String] = [:]

    override func setUpWithError() throws {
        fixture = try ServiceFixture()
        let people: [(String, String, String, [String: String])] = [
            (
                "Ndlovu", "Sipho", "8001015009087",
                ["membership_number": "11223344", "dependant_code": "00", "phone": "082 123 4567"]
            ),
            ("Ndlela", "Thandi", "8801235111088", ["membership_number": "11223344", "dependant_code": "01"]),
            ("Zoë", "Dlamini", "9001014800089", [:]),
            ("Nkosi", "Sipho", "7506155800088", [:]),
        ]
        for (surname, first, id, extra) in people {
            let input = PatientInput(["surname": surname, "first_names": first, "document_number": id].merging(extra) { $1 })
            folders[surname] = try service.register(input, by: clerk).folderNumber
        }
    }

    func names(_ query: String) throws -> [String] {
        try service.search(query, by: clerk).map { "\($0.surname) \($0.firstNames)" }
    }

    func testNamePrefixesAnyOrderAccentsAndCase() throws {
        XCTAssertEqual(try names("nd"), ["Ndlela Thandi", "Ndlovu Sipho"])
        XCTAssertEqual(try names("ndl sip"), ["Ndlovu Sipho"])
        XCTAssertEqual(try names("SIP ndl"), ["Ndlovu Sipho"])
        XCTAssertEqual(try names("sipho"), ["Nkosi Sipho", "Ndlovu Sipho"].sorted())
        XCTAssertEqual(try names("zoe"), ["Zoë Dlamini"])
        XCTAssertEqual(try names("ZOË"), ["Zoë Dlamini"])
        XCTAssertEqual(try names("xyz"), [])
    }

    func testIdentifiers() throws {
        XCTAssertEqual(try names("8001015009087"), ["Ndlovu Sipho"])
        XCTAssertEqual(try names("800101 5009 087"), ["Ndlovu Sipho"])
        XCTAssertEqual(try names("800101"), ["Ndlovu Sipho"], "the start of an ID")
        XCTAssertEqual(try names("N9087"), ["Ndlovu Sipho"], "initial + last four of the ID")
        XCTAssertEqual(try names("n9087"), ["Ndlovu Sipho"])
        XCTAssertEqual(try names("11223344"), ["Ndlela Thandi", "Ndlovu Sipho"])
        XCTAssertTrue(try names("11223344/01").contains("Ndlela Thandi"))
        XCTAssertEqual(try names("082 123 4567"), ["Ndlovu Sipho"])
        XCTAssertEqual(try names("+27821234567"), ["Ndlovu Sipho"])
        XCTAssertEqual(try names(folders["Nkosi"]!), ["Nkosi Sipho"])
        XCTAssertEqual(try names(folders["Nkosi"]!.lowercased()), ["Nkosi Sipho"])
    }

    /// A folder found by its number as read off the folder (fresh-eyes walk: a partial
    /// folder number found nothing): "4" or "000004" at this truck, "site-4" anywhere.
    func testAFolderIsFoundByItsNumber() throws {
        let nkosi = try XCTUnwrap(folders["Nkosi"])  // the fourth registered: SITE-000004
        let site = String(nkosi.prefix { $0 != "-" })
        XCTAssertTrue(nkosi.hasSuffix("-000004"), nkosi)
        for typed in ["4", "04", "000004", "\(site.lowercased())-4", "\(site)-0004"] {
            XCTAssertEqual(try names(typed), ["Nkosi Sipho"], "'\(typed)'")
        }
        XCTAssertEqual(try names("9"), [], "no folder 9")
        XCTAssertEqual(try names("OTHER-4"), [], "another truck's folder 4 is not this one")
    }

    func testSQLLookingInputIsSearchedLiterally() throws {
        for hostile in ["'; DROP TABLE patient; --", "\" OR 1=1 --", "nd*", "NEAR(a b)", "sip\"ho", "%", "_"] {
            XCTAssertNoThrow(try names(hostile), hostile)
        }
        XCTAssertEqual(try service.search("nd", by: clerk).count, 2, "table intact")
        // A name with the apostrophe and words the full-text syntax knows is stored and found
        // as typed; quotes and semicolons no name has are refused at registration (PatientInputTests).
        let input = PatientInput([
            "surname": "O'Brien-Near", "first_names": "Robert Or", "sex": "M",
            "date_of_birth": "1970-01-01", "document_type": "passport", "document_number": "X1",
        ])
        _ = try service.register(input, by: clerk)
        XCTAssertEqual(try names("obrien"), ["O'Brien-Near Robert Or"])
        XCTAssertEqual(try names("robert or"), ["O'Brien-Near Robert Or"], "OR is a word here, not an operator")
    }

    func testResultsCarryTheLastVisit() throws {
        let sipho = try service.search("N9087", by: clerk)[0]
        XCTAssertNil(sipho.lastVisit)
        let visits = VisitService(database: fixture.database, clock: fixture.clock)
        let first = try visits.checkIn(patientId: sipho.id, reason: "a", by: clerk)
        _ = try visits.perform(.cancel(reason: "left"), visitId: first.id, by: clerk)
        fixture.clock.advance(86_400)
        _ = try visits.checkIn(patientId: sipho.id, reason: "b", by: clerk)
        XCTAssertEqual(try service.search("N9087", by: clerk)[0].lastVisit, Timestamp.date(Timestamp.string(fixture.clock.now())))
        XCTAssertNil(try service.search("nd", by: clerk).first { $0.surname == "Ndlela" }?.lastVisit)
    }

    func testDependantCodeNarrowsTheMembership() throws {
        let found = try service.search("11223344 01", by: clerk)
        XCTAssertTrue(found.contains { $0.dependantCode == "01" })
    }
}
