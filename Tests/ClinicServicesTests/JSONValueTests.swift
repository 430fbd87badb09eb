import ClinicServices
import Foundation
import XCTest

/// The exports' JSON writer: compact, keys in written order, every string JSON-escaped,
/// and readable back by a standard parser.
final class JSONValueTests: XCTestCase {
    func testObjectsKeepKeyOrderAndLeaveOutEmptyValues() {
        let value = JSONValue.object(("b", .int(2)), ("a", .string("x")), ("none", nil), ("empty", .array([])),
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
