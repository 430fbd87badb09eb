import ClinicDomain
import XCTest

/// Names typed in part (suppliers, places) and place types typed in words.
final class NameMatchTests: XCTestCase {
    let names = ["Demo Pharma Wholesale", "Sunnyside SAPS", "Sunnyside Clinic", "Mankweng SAPS"]

    func testTheExactNameThenTheOnlyNameContainingWhatWasTyped() {
        XCTAssertEqual(NameMatch.resolve("demo pharma", among: names), .found("Demo Pharma Wholesale"))
        XCTAssertEqual(NameMatch.resolve("SUNNYSIDE SAPS", among: names + ["Sunnyside SAPS North"]), .found("Sunnyside SAPS"))
        XCTAssertEqual(NameMatch.resolve("mankweng", among: names), .found("Mankweng SAPS"))
        XCTAssertEqual(NameMatch.resolve("sunnyside", among: names), .several(["Sunnyside Clinic", "Sunnyside SAPS"]))
        XCTAssertEqual(NameMatch.resolve("acme", among: names), NameMatch.none)
        XCTAssertEqual(NameMatch.resolve("  ", among: names), NameMatch.none)
        XCTAssertEqual(NameMatch.listed(["A", "B", "C"]), "A, B or C")
        XCTAssertEqual(NameMatch.listed(["A", "B", "C", "D", "E"]), "A, B, C or D (and 1 more)")
    }

    func testAPlaceTypeIsItsLetterItsNameOrTheStartOfOneOfItsWords() {
        let typed: [(String, LocationType?)] = [
            ("p", .policeStation), ("police", .policeStation), ("Police Station", .policeStation), ("station", .policeStation),
            ("s", .sapsUnit), ("saps", .sapsUnit), ("unit", .sapsUnit), ("c", .communityVenue), ("community", .communityVenue),
            ("venue", .communityVenue), ("o", .other), ("other", .other), ("shop", nil), ("", nil),
        ]
        for (text, expected) in typed { XCTAssertEqual(LocationType(typed: text), expected, text) }
    }
}
