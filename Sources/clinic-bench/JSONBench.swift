import ClinicDomain
import ClinicServices
import ClinicStore
import Foundation

/// The FHIR export's own JSON writer (`JSONValue`) against `JSONEncoder` on the resource
/// it writes most: a vital-sign Observation, built and serialised both ways, with the ratio
/// printed. `JSONValue` stays only while this shows it faster.
enum JSONBench {
    static let sets = 20_000

    /// Codable mirrors of the Observation the export writes.
    struct Coding: Encodable { let system, code, display: String }
    struct Concept: Encodable { let coding: [Coding] }
    struct Profile: Encodable { let profile: [String] }
    struct Reference: Encodable { let reference: String }
    struct Quantity: Encodable { let value: Double; let unit, system, code: String }
    struct Observation: Encodable {
        let resourceType = "Observation", id: String, meta: Profile, status = "final", category: [Concept], code: Concept
        let subject, encounter: Reference
        let effectiveDateTime: String
        let valueQuantity: Quantity
    }

    static func observations() throws -> [Measure] {
        let records = (0..<sets).map { index in
            var vitals = Vitals()
            vitals.heartRate = 60 + index % 40
            return VitalsRecord(
                visitId: String(format: "be000000-0000-4000-8000-%012x", index), at: Date(timeIntervalSince1970: 1_700_000_000),
                by: "bench", vitals: vitals, triage: Triage(vitals: vitals, ageYears: 40, discriminator: nil),
                discriminatorReason: nil, note: "")
        }
        var own = Measure(name: "JSON: \(sets) Observations, JSONValue (export's writer)")
        var bytes: [UInt8] = []
        try own.time {
            bytes.removeAll(keepingCapacity: true)
            for record in records {
                for resource in FHIRResources.observations(record, patientId: "p1") { resource.write(to: &bytes) }
            }
        }
        var codable = Measure(name: "JSON: \(sets) Observations, JSONEncoder (Codable)")
        var encoded = 0
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        try codable.time {
            encoded = 0
            for record in records { encoded += try encoder.encode(mirror(record)).count }
        }
        try checkSame(records[0], encoder)
        let ratio = (codable.samples.first ?? 0) / max(0.001, own.samples.first ?? 1)
        own.note = String(format: "%.1fx faster than JSONEncoder (%d and %d bytes)", ratio, bytes.count, encoded)
        own.target = ("faster than JSONEncoder, or JSONValue goes", ratio > 1)
        return [own, codable]
    }

    /// The heart-rate Observation as the Codable mirror builds it.
    static func mirror(_ record: VitalsRecord) -> Observation {
        let setID = FHIRResources.id(record.visitId, "v\(record.id ?? 0)")
        return Observation(
            id: FHIRResources.id(setID, "hr"), meta: Profile(profile: ["http://hl7.org/fhir/StructureDefinition/heartrate"]),
            category: [
                Concept(coding: [
                    Coding(
                        system: "http://terminology.hl7.org/CodeSystem/observation-category",
                        code: "vital-signs", display: "Vital Signs")
                ])
            ],
            code: Concept(coding: [Coding(system: "http://loinc.org", code: "8867-4", display: "Heart rate")]),
            subject: Reference(reference: "Patient/" + FHIRResources.id("p1")),
            encounter: Reference(reference: "Encounter/" + FHIRResources.id(record.visitId)),
            effectiveDateTime: record.recordedAt.text,
            valueQuantity: Quantity(
                value: Double(record.vitals.heartRate ?? 0), unit: "/min", system: "http://unitsofmeasure.org",
                code: "/min"))
    }

    /// Both ways write the same JSON (as values: key order aside), or the comparison is void.
    static func checkSame(_ record: VitalsRecord, _ encoder: JSONEncoder) throws {
        var bytes: [UInt8] = []
        FHIRResources.observations(record, patientId: "p1")[0].write(to: &bytes)
        let ours = JSONDocument.fields(String(decoding: bytes, as: UTF8.self))
        let theirs = JSONDocument.fields(String(decoding: try encoder.encode(mirror(record)), as: UTF8.self))
        guard let ours, ours == theirs else {
            throw BenchError("the two JSON writers disagree on the Observation: \(String(decoding: bytes, as: UTF8.self))")
        }
    }
}
