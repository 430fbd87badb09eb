import ClinicDomain
import Foundation
import XCTest

/// Synced rows are read and written with Codable through `JSONDocument`: every JSON value
/// survives, numbers compare by value whatever form they were written in (jsonb and the
/// encoder write 36.0 differently), and field text is what the merge compares.
final class JSONDocumentTests: XCTestCase {
    func testEveryKindOfValueIsReadAndWrittenBack() throws {
        let text = #"{"a":1,"b":36.6,"c":true,"d":null,"e":"x\/y","f":[1,"two"],"g":{"h":2}}"#
        let object = try XCTUnwrap(JSONDocument.fields(text))
        XCTAssertEqual(object["a"], .integer(1))
        XCTAssertEqual(object["b"], .real(36.6))
        XCTAssertEqual(object["c"], .bool(true))
        XCTAssertEqual(object["d"], .null)
        XCTAssertEqual(object["e"], .text("x/y"))
        XCTAssertEqual(object["f"], .array([.integer(1), .text("two")]))
        XCTAssertEqual(object["g"], .object(["h": .integer(2)]))
        XCTAssertEqual(JSONDocument.fields(JSONDocument.text(object)), object, "written and read back unchanged")
        XCTAssertNil(JSONDocument.fields("[1, 2]"), "an array is not a row")
        XCTAssertNil(JSONDocument.fields("{not json"))
    }

    func testNumbersCompareAndHashByValue() {
        XCTAssertEqual(JSONDocument.fields(#"{"t":36.0}"#), JSONDocument.fields(#"{"t":36}"#))
        XCTAssertEqual(Set([JSONDocument.integer(36), .real(36)]).count, 1)
        XCTAssertNotEqual(JSONDocument.integer(36), .real(36.5))
        XCTAssertNotEqual(JSONDocument.text("1"), .integer(1), "text is not a number")
        XCTAssertEqual(JSONDocument.text(["k": .real(36)]), #"{"k":36}"#)
    }

    func testFieldTextIsWhatTheMergeCompares() {
        XCTAssertEqual(JSONDocument.text("Ndlovu").plainText, "Ndlovu")
        XCTAssertEqual(JSONDocument.integer(1).plainText, "1")
        XCTAssertEqual(JSONDocument.real(36.6).plainText, "36.6")
        XCTAssertEqual(JSONDocument.bool(false).plainText, "0")
        XCTAssertEqual(JSONDocument.null.plainText, "")
    }
}
