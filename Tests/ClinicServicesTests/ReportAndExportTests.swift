import ClinicDomain
import ClinicServices
import ClinicStore
import Foundation
import GRDB
import TestSupport
import XCTest

final class ReportAndExportTests: XCTestCase {
    var fixture: ServiceFixture!
    var day: ClinicDay!
    let shell = Actor.shell(name: "finance")
    let friday = CalendarDate(iso: "2027-01-15")!

    override func setUpWithError() throws {
        fixture = try ServiceFixture()
        day = try ClinicDay(database: fixture.database, clock: fixture.clock, letters: fixture.folder.file("letters"))
    }

    func actor(_ role: Role) throws -> Actor {
        .user(try fixture.auth.login(username: role.rawValue, password: fixture.password, terminal: "t"))
    }

    func testDailyReportCountsEachMeasureBySiteAndDay() throws {
        let report = try ReportService(database: fixture.database).report(.day(friday), by: try actor(.viewer))
        let figures = report.rows.map {
            "\($0.day) \($0.site) \($0.measure) \($0.code) \($0.count) \($0.quantity.map(String.init) ?? "-")"
        }
        XCTAssertEqual(
            figures,
            [
                "2027-01-15 Demo truck visits  4 -",
                "2027-01-15 Demo truck closed  3 -",
                "2027-01-15 Demo truck cancelled  1 -",
                "2027-01-15 Demo truck diagnosis I10 1 -",
                "2027-01-15 Demo truck diagnosis J06.9 1 -",
                "2027-01-15 Demo truck diagnosis R51 1 -",
                "2027-01-15 Demo truck prescription PARA500T 1 30",
                "2027-01-15 Demo truck referral hospital 1 -",
                "2027-01-15 Demo truck stock used PARA500T 1 30",
            ])
        XCTAssertEqual(
            report.summary, "4 visits, 3 closed, 1 cancelled, 3 diagnoses, 1 prescription, 1 referral, 30 units dispensed")
        XCTAssertTrue(
            report.csv.hasPrefix("day,site,measure,code,description,count,quantity\n2027-01-15,Demo truck,visits,,,4,\n"))
        XCTAssertTrue(
            report.csv.contains("2027-01-15,Demo truck,diagnosis,J06.9,\"Acute upper respiratory infection, unspecified\",1,\n"))
    }

    func testMonthlyReportSpansTheMonthAndOtherDaysAreEmpty() throws {
        let reports = ReportService(database: fixture.database)
        let month = try reports.report(ReportPeriod.parse("2027-01", monthly: true)!, by: shell)
        XCTAssertEqual(month.total("visits"), 4)
        XCTAssertEqual(try reports.report(.day(friday.adding(days: 1)), by: shell).rows, [])
        XCTAssertEqual(try reports.report(ReportPeriod.parse("2027-02-03", monthly: true)!, by: shell).rows, [])
        XCTAssertThrowsError(try reports.report(.day(friday), by: try actor(.clerk))) { XCTAssertTrue($0 is AccessDenied) }
    }

    func testAVisitAtARouteStopIsReportedUnderItsLocation() throws {
        let schedule = ScheduleService(database: fixture.database, clock: fixture.clock)
        let location = try schedule.addLocation(
            [
                "name": "Seshego SAPS", "type": "police station", "province": "LP",
                "address": "1 Main Road", "contact": "Capt. Mahlangu",
            ], by: shell)
        try schedule.addStop(
            location: location.name,
            [
                "truck": "T01", "date": "2027-01-15", "opens": "08:00", "closes": "16:00",
                "slot_minutes": "30", "capacity": "4",
            ], by: shell)
        let report = try ReportService(database: fixture.database).report(.day(friday), by: shell)
        XCTAssertEqual(Set(report.rows.map(\.site)), ["Seshego SAPS"])
    }

    /// An Encounter names where it took place (the day's stop) and who acted on it
    /// (FHIR R4 Encounter.location and Encounter.participant, type PART).
    func testTheFHIREncounterCarriesItsLocationAndParticipants() throws {
        let schedule = ScheduleService(database: fixture.database, clock: fixture.clock)
        try schedule.addLocation(["name": "Seshego SAPS", "type": "p", "province": "LP"], by: shell)
        try schedule.addStop(
            location: "Seshego SAPS",
            ["truck": "T01", "date": "2027-01-15", "opens": "08:00", "closes": "16:00", "slot_minutes": "30", "capacity": "4"],
            by: shell)
        let folder = fixture.folder.file("fhir")
        _ = try FHIRExport(database: fixture.database, clock: fixture.clock).export(since: friday, to: folder, by: shell)
        let lines = try String(contentsOfFile: folder + "/Encounter.ndjson", encoding: .utf8).split(separator: "\n")
        let encounters = try lines.map { try XCTUnwrap(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        let sipho = try XCTUnwrap(encounters.first { ($0["id"] as? String) == FHIRResources.id(day.siphoVisit) })
        let places = (sipho["location"] as? [[String: Any]])?.compactMap {
            ($0["location"] as? [String: Any])?["display"] as? String
        }
        XCTAssertEqual(places, ["Seshego SAPS"])
        let people = (sipho["participant"] as? [[String: Any]])?.compactMap {
            ($0["individual"] as? [String: Any])?["display"] as? String
        }
        XCTAssertEqual(people, ["shell:seed"], "ClinicDay's staff act from the shell")
    }

    func testClaimsExportWritesOneClaimPerClosedMemberVisitOnce() throws {
        let claims = ClaimsExport(database: fixture.database, clock: fixture.clock)
        let folder = fixture.folder.file("claims")
        let first = try claims.export(since: friday, to: folder, by: try actor(.finance))
        XCTAssertEqual(first.claims, 2)
        XCTAssertEqual(first.notMembers, 1, "Lerato has no membership number")
        let lines = try String(contentsOfFile: try XCTUnwrap(first.file), encoding: .utf8).split(separator: "\n").map(String.init)
        XCTAssertEqual(
            lines,
            [
                "claim_id,membership_number,dependant_code,folder_number,service_date,site,icd10_codes,line_type,nappi_code,item_code,description,quantity",
                "\(day.siphoVisit),PM100200,00,DEMO-000001,2027-01-15,Demo truck,R51;J06.9,consultation,,,Primary care consultation,1",
                "\(day.siphoVisit),PM100200,00,DEMO-000001,2027-01-15,Demo truck,R51;J06.9,medicine,\(ClinicDay.nappi),PARA500T,Paracetamol 500 mg tablet,30",
                "\(day.thandiVisit),PM300400,01,DEMO-000002,2027-01-15,Demo truck,I10,consultation,,,Primary care consultation,1",
            ])
        let mode = try FileManager.default.attributesOfItem(atPath: first.file!)[.posixPermissions] as? Int
        XCTAssertEqual(mode, 0o600)

        let second = try claims.export(since: friday, to: folder, by: shell)
        XCTAssertNil(second.file)
        XCTAssertEqual(
            second.description, "No new claims to export; 1 closed visit of patients without a membership number left out")
        fixture.clock.advance(60)
        let again = try claims.export(since: friday, to: folder, again: true, by: shell)
        XCTAssertEqual(
            try String(contentsOfFile: again.file!, encoding: .utf8).split(separator: "\n").map(String.init), lines,
            "a re-export gives the same lines")
        XCTAssertThrowsError(try claims.export(since: friday, to: folder, by: try actor(.doctor))) {
            XCTAssertTrue($0 is AccessDenied)
        }
    }

    /// Claims carry one line per screening test with the tariff finance imported (test data
    /// codes here, not the scheme's); a test without a tariff is named, not claimed; a bad
    /// tariff file is refused by line and changes nothing.
    func testClaimsCarryScreeningTestsWithTheImportedTariffs() throws {
        let outcomes = ScreeningInput(["cholesterol": "5.6", "waist": "104"])
            .read(for: ScreeningInput.Member(sex: .male, ageYears: 46, vitals: nil)).outcomes
        try fixture.database.pool.write { db in
            for outcome in outcomes {
                try ScreeningRepository.save(
                    ScreeningRecord(visitId: day.siphoVisit, outcome: outcome, by: "nurse", at: fixture.clock.now()), in: db)
            }
        }
        let tariffs = TariffImport(database: fixture.database, clock: fixture.clock)
        let bad = fixture.folder.file("bad-tariffs.csv")
        try "test,tariff_code,description\ncholesterol,TEST-CHOL,Cholesterol\nsugar,TEST-X,?\nwaist,,Waist\n"
            .write(toFile: bad, atomically: true, encoding: .utf8)
        let refused = try tariffs.run(path: bad, by: try actor(.finance))
        XCTAssertEqual(
            refused.problems.map(\.description),
            [
                "bad-tariffs.csv:3: unknown test 'sugar' (known: \(TariffImport.tests.joined(separator: ", ")))",
                "bad-tariffs.csv:4: tariff_code is empty",
            ])
        XCTAssertEqual(try fixture.database.pool.read { try TariffRepository.all(in: $0) }, [], "nothing half-written")
        let good = fixture.folder.file("tariffs.csv")
        try "test,tariff_code,description\ncholesterol,TEST-CHOL,Cholesterol point-of-care test\n"
            .write(toFile: good, atomically: true, encoding: .utf8)
        XCTAssertEqual(try tariffs.run(path: good, by: try actor(.finance)).imported, 1)
        XCTAssertThrowsError(try tariffs.run(path: good, by: try actor(.nurse)))
        let result = try ClaimsExport(database: fixture.database, clock: fixture.clock)
            .export(since: friday, to: fixture.folder.file("claims"), by: try actor(.finance))
        let lines = try String(contentsOfFile: try XCTUnwrap(result.file), encoding: .utf8).split(separator: "\n")
        XCTAssertTrue(
            lines.contains {
                $0 == "\(day.siphoVisit),PM100200,00,DEMO-000001,2027-01-15,Demo truck,R51;J06.9,screening,,TEST-CHOL,"
                    + "Cholesterol point-of-care test,1"
            }, lines.joined(separator: "\n"))
        XCTAssertTrue(result.description.hasSuffix("screening tests without a tariff not claimed: waist (clinic tariffs import)"))
    }

    func testAClaimsExportThatCannotBeWrittenMarksNothing() throws {
        let claims = ClaimsExport(database: fixture.database, clock: fixture.clock)
        let file = fixture.folder.file("a-file")
        FileManager.default.createFile(atPath: file, contents: Data())
        XCTAssertThrowsError(try claims.export(since: friday, to: file, by: shell)) {
            XCTAssertEqual("\($0)", "Cannot export to \(file): it is a file, not a folder")
        }
        XCTAssertThrowsError(try claims.export(since: friday, to: fixture.folder.file("no/such/folder"), by: shell)) {
            XCTAssertEqual(
                "\($0)",
                "Cannot export to \(fixture.folder.file("no/such/folder")): the folder does not exist and cannot be created")
        }
        XCTAssertEqual(try claims.claims(since: friday, by: shell).claims.count, 2, "both claims still pending")
    }

    func testFHIRExportWritesEachResourceTypeAndNoCounsellingNotes() throws {
        let folder = fixture.folder.file("fhir")
        let result = try FHIRExport(database: fixture.database, clock: fixture.clock).export(since: friday, to: folder, by: shell)
        XCTAssertEqual(result.counts.map(\.type), FHIRExport.types)
        XCTAssertEqual(result.counts.map(\.count), [3, 3, 4, 27, 1, 1], "9 observations per vitals set (BP panel and 8 values)")
        var everything = ""
        for type in FHIRExport.types {
            let text = try String(contentsOfFile: folder + "/\(type).ndjson", encoding: .utf8)
            everything += text
            for line in text.split(separator: "\n") {
                let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
                XCTAssertEqual(object?["resourceType"] as? String, type)
            }
        }
        XCTAssertFalse(everything.contains(ClinicDay.secret), "counselling notes never leave the truck")
        XCTAssertTrue(everything.contains("\"code\":\"8480-6\""))
        XCTAssertTrue(
            everything.contains("{\"system\":\"http://hl7.org/fhir/sid/icd-10\",\"code\":\"R51\",\"display\":\"Headache\"}"))
        XCTAssertThrowsError(
            try FHIRExport(database: fixture.database).export(since: friday, to: folder, by: try actor(.finance))
        ) {
            XCTAssertTrue($0 is AccessDenied)
        }
        // A second export into the same folder replaces nothing unless asked to.
        let export = FHIRExport(database: fixture.database, clock: fixture.clock)
        XCTAssertThrowsError(try export.export(since: friday, to: folder, by: shell)) {
            XCTAssertEqual($0 as? OutputRefusal, .exists(path: folder + "/Patient.ndjson"))
        }
        XCTAssertEqual(
            try export.export(since: friday, to: folder, replacing: true, by: shell).counts.map(\.count), [3, 3, 4, 27, 1, 1])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.contains(".partial") }, [])
    }

    /// Every exported resource must pass the R4B models of the `fhir.resources` package.
    func testFHIRExportValidatesAgainstTheFHIRResourcesModels() throws {
        let folder = fixture.folder.file("fhir")
        _ = try FHIRExport(database: fixture.database, clock: fixture.clock).export(since: friday, to: folder, by: shell)
        let text = try validate(folder)
        XCTAssertTrue(text.contains("ok Observation 27"), text)
    }

    /// Screening results go out as Observations with their LOINC codes (loinc.org: 14647-2
    /// cholesterol in mmol/L, 8280-0 waist by tape, 55758-7 PHQ-2 total, 75626-2 AUDIT-C
    /// total), a meter's HI as text, and pass the validator.
    func testScreeningResultsExportAsObservationsWithTheirLOINCCodes() throws {
        let results = ScreeningInput([
            "cholesterol": "HI", "waist": "104", "phq1": "1", "phq2": "1", "audit1": "2", "audit2": "1", "audit3": "0",
        ])
        .read(for: ScreeningInput.Member(sex: .male, ageYears: 46, vitals: nil)).outcomes
        try fixture.database.pool.write { db in
            for outcome in results {
                try ScreeningRepository.save(
                    ScreeningRecord(visitId: day.siphoVisit, outcome: outcome, by: "nurse", at: fixture.clock.now()), in: db)
            }
        }
        let folder = fixture.folder.file("fhir")
        _ = try FHIRExport(database: fixture.database, clock: fixture.clock).export(since: friday, to: folder, by: shell)
        let text = try validate(folder)
        XCTAssertTrue(text.contains("ok Observation 31"), text)
        let observations = try String(contentsOfFile: folder + "/Observation.ndjson", encoding: .utf8)
        for code in ["14647-2", "8280-0", "55758-7", "75626-2"] {
            XCTAssertTrue(observations.contains("\"code\":\"\(code)\""), code)
        }
        XCTAssertTrue(observations.contains("\"valueString\":\"HI\""), observations)
        XCTAssertTrue(observations.contains("\"valueInteger\":3"), "AUDIT-C 2 + 1 + 0")
    }

    /// Runs the FHIR validator over an export folder; returns what it printed.
    private func validate(_ folder: String) throws -> String {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Validators/fhir_validate.py").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script, folder]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(
            process.terminationStatus, 0, "the validator (pip install fhir.resources, as make test does) said:\n\(text)")
        return text
    }
}
