import ClinicDomain
import XCTest

final class ICD10RulesTests: XCTestCase {
    /// A tiny list: J06 with child J06.9, S52 with child S52.5, W19 (fall), V43 external cause.
    let list: [String: (String, Bool)] = [
        "J06": ("Acute upper respiratory infections", true), "J06.9": ("Acute upper respiratory infection, unspecified", true),
        "S52": ("Fracture of forearm", true), "S52.5": ("Fracture of lower end of radius", true),
        "W19": ("Unspecified fall", false), "I10": ("Essential (primary) hypertension", true),
    ]
    var catalogue: ClaimRules.Catalogue {
        ClaimRules.Catalogue(
            entry: { code in self.list[code.value].map { ICD10Entry(code: code, title: $0.0, validPrimary: $0.1) } },
            hasChildren: { code in self.list.keys.contains { $0 != code.value && $0.hasPrefix(code.value) } })
    }

    func d(_ code: String, primary: Bool = false) -> Diagnosis { Diagnosis(code: ICD10Code(code)!, isPrimary: primary) }

    func testCodeShapes() {
        XCTAssertEqual(ICD10Code("j069")?.value, "J06.9")
        XCTAssertEqual(ICD10Code(" I10 ")?.value, "I10")
        XCTAssertEqual(ICD10Code("S52.50")?.value, "S52.50")
        for bad in ["", "J0", "106", "J6.9", "J06.912", "JJ6", "J06.-", "J06.9.1", "J06..9", "J06.9."] {
            XCTAssertNil(ICD10Code(bad), bad)
        }
        XCTAssertTrue(ICD10Code("T98.3")!.isInjury)
        XCTAssertFalse(ICD10Code("U07.1")!.isInjury)
        XCTAssertTrue(ICD10Code("V01")!.isExternalCause && ICD10Code("Y98")!.isExternalCause)
        XCTAssertFalse(ICD10Code("Z00")!.isExternalCause)
    }

    func testClaimRules() {
        XCTAssertEqual(ClaimRules.problems([], catalogue: catalogue), ["Add at least one diagnosis."])
        XCTAssertEqual(ClaimRules.problems([d("J06.9", primary: true), d("I10")], catalogue: catalogue), [])
        XCTAssertEqual(ClaimRules.problems([d("J06.9")], catalogue: catalogue), ["Mark one diagnosis as primary."])
        XCTAssertEqual(
            ClaimRules.problems([d("J06", primary: true)], catalogue: catalogue),
            ["J06 is a category; use a full-length code below it."])
        XCTAssertEqual(
            ClaimRules.problems([d("J06.9", primary: true), d("I10", primary: true)], catalogue: catalogue),
            ["Only one diagnosis may be primary."])
        XCTAssertEqual(
            ClaimRules.problems([d("E11.65", primary: true)], catalogue: catalogue),
            ["E11.65 is not in the WHO ICD-10 list in use (a US ICD-10-CM-only code?)."])
        XCTAssertEqual(
            ClaimRules.problems([d("S52.5", primary: true)], catalogue: catalogue),
            ["S52.5 is an injury: add an external-cause code (V01–Y98)."])
        XCTAssertEqual(ClaimRules.problems([d("S52.5", primary: true), d("W19")], catalogue: catalogue), [])
        XCTAssertEqual(
            ClaimRules.problems([d("W19", primary: true), d("S52.5")], catalogue: catalogue),
            ["W19 may not be the primary diagnosis."])
    }

    /// SA ICD-10 MIT: an asterisk-only code (Valid_ICD10_Asterisk Y, Valid_ICD10_Primary N)
    /// is never primary and is claimed only with a dagger code on the same visit.
    func testAsteriskCodesNeedTheirDaggerPartner() {
        let entries: [String: ICD10Entry] = [
            "A17.0": ICD10Entry(
                code: ICD10Code("A17.0")!, title: "Tuberculous meningitis", validPrimary: true, validDagger: true),
            "G01": ICD10Entry(
                code: ICD10Code("G01")!, title: "Meningitis in bacterial diseases classified elsewhere",
                validPrimary: false, validAsterisk: true),
        ]
        let catalogue = ClaimRules.Catalogue(entry: { entries[$0.value] }, hasChildren: { _ in false })
        XCTAssertEqual(ClaimRules.problems([d("A17.0", primary: true), d("G01")], catalogue: catalogue), [])
        XCTAssertEqual(
            ClaimRules.problems([d("G01", primary: true)], catalogue: catalogue),
            [
                "G01 may not be the primary diagnosis.",
                "G01 is an asterisk (manifestation) code: add the dagger code of the underlying disease.",
            ])
        XCTAssertTrue(entries["G01"]!.isAsteriskOnly)
        XCTAssertFalse(entries["A17.0"]!.isAsteriskOnly)
    }
}

final class ConsultationNoteTests: XCTestCase {
    func testSignedNotesAreImmutable() throws {
        let draft = ConsultationNote(subjective: "cough 3 days", assessment: "URTI")
        let signed = try draft.signed(by: "doctor", at: Date(timeIntervalSince1970: 0))
        XCTAssertTrue(signed.isSigned)
        XCTAssertEqual(signed.signedBy, "doctor")
        XCTAssertThrowsError(try signed.edited(subjective: "x", objective: "", assessment: "y", plan: "")) {
            XCTAssertEqual($0 as? ConsultationNote.Problem, .signed)
        }
        XCTAssertThrowsError(try signed.signed(by: "doctor", at: Date())) {
            XCTAssertEqual($0 as? ConsultationNote.Problem, .signed)
        }
        XCTAssertThrowsError(try ConsultationNote(subjective: "only history").signed(by: "d", at: Date())) {
            XCTAssertEqual($0 as? ConsultationNote.Problem, .empty)
        }
        XCTAssertEqual(try draft.edited(subjective: "a", objective: "b", assessment: "c", plan: "d").plan, "d")
    }
}
