import ClinicDomain
import ClinicServices
import ClinicStore
import Foundation
import XCTest

/// The exports' JSON writer: compact, keys in written order, every string JSON-escaped,
/// and readable back by a standard parser.
final class JSONValueTests: XCTestCase {
    func testObjectsKeepKeyOrderAndLeaveOutEmptyValues() {
        let value = JSONValue.object(
            ("b", .int(2)), ("a", .string("x")), ("none", nil), ("empty", .array([])),
            ("list", .array([.bool(true), .number(36.5), .number(70)])))
        XCTAssertEqual(value.serialized, #"{"b":2,"a":"x","list":[true,36.5,70]}"#)
    }

    func testStringsAreEscapedWhereJSONRequiresIt() throws {
        let text = "Dr \"Sipho\" \\ line\nnext\r\ttab \u{01} é 中 🙂"
        let line = JSONValue.object(("note", .string(text))).serialized
        XCTAssertEqual(line, #"{"note":"Dr \"Sipho\" \\ line\nnext\r\ttab \u0001 é 中 🙂"}"#)
        let parsed = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String])
        XCTAssertEqual(parsed["note"], text, "a standard parser reads back exactly the text written")
    }

    func testBytesAndTextAgree() {
        let value = JSONValue.object(("a", .string("ü\"")), ("n", .int(-3)))
        var bytes: [UInt8] = []
        value.write(to: &bytes)
        XCTAssertEqual(String(decoding: bytes, as: UTF8.self), value.serialized)
    }
}

/// FHIR R4 Observations of a vitals set (hl7.org/fhir/R4/observation-vitalsigns; LOINC).
final class FHIRObservationTests: XCTestCase {
    func record(_ vitals: Vitals) -> VitalsRecord {
        VitalsRecord(
            visitId: "v1", at: Date(timeIntervalSince1970: 1_800_000_000), by: "nurse", vitals: vitals,
            triage: Triage(vitals: vitals, ageYears: 40, discriminator: nil), discriminatorReason: nil, note: "")
    }

    func testASystolicAloneIsExportedAsABloodPressurePanel() {
        var vitals = Vitals()
        vitals.systolic = 60
        let lines = FHIRResources.observations(record(vitals), patientId: "p1").map(\.serialized)
        XCTAssertEqual(lines.count, 1)
        XCTAssertTrue(lines[0].contains("85354-9") && lines[0].contains("8480-6") && !lines[0].contains("8462-4"), lines[0])
        XCTAssertTrue(lines[0].contains("http://hl7.org/fhir/StructureDefinition/bp"), lines[0])
    }

    func testGlucoseIsALaboratoryObservationAndVitalSignsCarryTheirProfiles() {
        var vitals = Vitals()
        vitals.glucose = 5.2
        vitals.heartRate = 72
        let lines = FHIRResources.observations(record(vitals), patientId: "p1").map(\.serialized)
        let glucose = lines.first { $0.contains("14743-9") }!, pulse = lines.first { $0.contains("8867-4") }!
        XCTAssertTrue(
            glucose.contains("\"laboratory\"") && !glucose.contains("vital-signs") && !glucose.contains("profile"), glucose)
        XCTAssertTrue(pulse.contains("\"vital-signs\"") && pulse.contains("StructureDefinition/heartrate"), pulse)
    }
}
