import ClinicDomain
package import ClinicStore
import Foundation

/// Screening results as FHIR R4 Observations with their LOINC codes. Glucose, blood
/// pressure and BMI go out with the vitals set they were read from; the TB symptom screen
/// has no single LOINC result code and the HIV test is not exported yet.
extension FHIRResources {
    /// A screening test's LOINC code and display (loinc.org, as US Core 7 uses them for the
    /// questionnaires), its unit for a measurement (nil for a score) and its category.
    struct ScreeningKind {
        let code: JSONValue
        let unit: String?
        let category: JSONValue
    }

    static let surveyCategory = JSONValue.raw(
        .array([
            concept([coding("http://terminology.hl7.org/CodeSystem/observation-category", "survey", "Survey")])
        ]))

    static let screeningKinds: [ScreeningTest: ScreeningKind] = [
        .cholesterol: ScreeningKind(
            code: .raw(concept([coding(loinc, "14647-2", "Cholesterol [Moles/volume] in Serum or Plasma")])), unit: "mmol/L",
            category: laboratoryCategory),
        .waist: ScreeningKind(
            code: .raw(concept([coding(loinc, "8280-0", "Waist Circumference at umbilicus by Tape measure")])), unit: "cm",
            category: vitalSignsCategory),
        .phq2: ScreeningKind(
            code: .raw(concept([coding(loinc, "55758-7", "Patient Health Questionnaire 2 item (PHQ-2) total score [Reported]")])),
            unit: nil, category: surveyCategory),
        .phq9: ScreeningKind(
            code: .raw(concept([coding(loinc, "44261-6", "Patient Health Questionnaire 9 item (PHQ-9) total score [Reported]")])),
            unit: nil, category: surveyCategory),
        .auditC: ScreeningKind(
            code: .raw(concept([coding(loinc, "75626-2", "Total score [AUDIT-C]")])), unit: nil, category: surveyCategory),
    ]

    /// The result as an Observation, nil for a test exported elsewhere or not at all. A
    /// value the meter showed as HI or LO goes as that text.
    package static func observation(_ result: ScreeningRecord, patientId: String) -> JSONValue? {
        guard let kind = screeningKinds[result.test] else { return nil }
        let value: (String, JSONValue)
        switch (result.value, kind.unit) {
        case (let number?, let unit?):
            value = (
                "valueQuantity",
                .object(("value", .number(number)), ("unit", .string(unit)), ("system", .string(ucum)), ("code", .string(unit)))
            )
        case (let number?, nil): value = ("valueInteger", .number(number))
        case (nil, _): value = ("valueString", .string(result.detail))
        }
        return .object(
            ("resourceType", .string("Observation")), ("id", .string(id(result.visitId, "s\(result.id ?? 0)"))),
            ("status", .string("final")), ("category", kind.category), ("code", kind.code),
            ("subject", reference("Patient", id(patientId))), ("encounter", reference("Encounter", id(result.visitId))),
            ("effectiveDateTime", .string(result.recordedAt.text)), value,
            ("interpretation", .array([concept([], text: result.meaning)])))
    }
}
