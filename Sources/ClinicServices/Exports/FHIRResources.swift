import ClinicDomain
package import ClinicStore
import Foundation

/// The clinic's records as FHIR R4 resources. Identifier systems are the clinic's own URIs;
/// vitals carry LOINC codes and UCUM units, diagnoses ICD-10 codes.
public enum FHIRResources {
    static let base = "https://mobileclinic.polmed.co.za/fhir"
    static let loinc = "http://loinc.org"
    static let ucum = "http://unitsofmeasure.org"
    static let icd10 = "http://hl7.org/fhir/sid/icd-10"

    static func coding(_ system: String, _ code: String, _ display: String? = nil) -> JSONValue {
        .object(("system", .string(system)), ("code", .string(code)), ("display", display.map(JSONValue.string)))
    }

    static func concept(_ codings: [JSONValue], text: String? = nil) -> JSONValue {
        .object(("coding", .array(codings)), ("text", text.map(JSONValue.string)))
    }

    static func reference(_ type: String, _ id: String) -> JSONValue { .object(("reference", .string("\(type)/\(id)"))) }

    /// A FHIR id (letters, digits, '-' and '.', at most 64) from the clinic's ids.
    package static func id(_ parts: String...) -> String {
        var id: [UInt8] = []
        id.reserveCapacity(64)
        for (index, part) in parts.enumerated() {
            if index > 0 { id.append(UInt8(ascii: "-")) }
            for byte in part.utf8 {
                let kept =
                    (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                    || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                    || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: ".")
                id.append(kept ? byte : UInt8(ascii: "-"))
            }
        }
        return String(decoding: id.prefix(64), as: UTF8.self)
    }

    /// HL7 v2 table 0203 "NI": the SA ID number is a national identifier.
    static let nationalIdentifierType = JSONValue.raw(
        concept([
            coding(
                "http://terminology.hl7.org/CodeSystem/v2-0203", "NI",
                "National unique individual identifier")
        ]))

    package static func patient(_ p: PatientRecord) -> JSONValue {
        var identifiers = [JSONValue.object(("system", .string("\(base)/folder-number")), ("value", .string(p.folderNumber)))]
        if let saID = p.saID {
            identifiers.append(
                .object(
                    ("type", nationalIdentifierType), ("system", .string("\(base)/sa-id-number")),
                    ("value", .string(saID))))
        }
        if let membership = p.membershipNumber {
            identifiers.append(
                .object(
                    ("system", .string("\(base)/polmed-membership")),
                    ("value", .string(membership + "/" + (p.dependantCode ?? "00")))))
        }
        let gender =
            switch p.sex {
            case .female: "female";
            case .male: "male";
            default: "other"
            }
        let address: JSONValue? =
            p.address.isEmpty && p.province == nil
            ? nil
            : .object(
                ("text", p.address.isEmpty ? nil : .string(p.address)), ("state", p.province.map { .string($0.rawValue) }),
                ("country", .string("ZA")))
        return .object(
            ("resourceType", .string("Patient")), ("id", .string(id(p.id))), ("identifier", .array(identifiers)),
            ("active", .bool(p.active)),
            (
                "name",
                .array([
                    .object(
                        ("family", .string(p.surname)),
                        ("given", .array(p.firstNames.split(separator: " ").map { .string(String($0)) })))
                ])
            ),
            ("telecom", .array(p.phone.map { [.object(("system", .string("phone")), ("value", .string($0)))] } ?? [])),
            ("gender", .string(gender)), ("birthDate", .string(p.dateOfBirth)),
            ("address", .array(address.map { [$0] } ?? [])))
    }

    /// The visit as an Encounter; `diagnoses` are (condition id, primary) to rank them.
    /// `place` is where it took place (a route stop's location) and `staff` the practitioners
    /// who acted, as (username, full name): participants of type PART, by display name.
    package static func encounter(
        _ v: VisitRecord, diagnoses: [(id: String, primary: Bool)], place: String? = nil,
        staff: [(username: String, name: String)] = []
    ) -> JSONValue {
        let status =
            switch v.stage {
            case .closed: "finished";
            case .cancelled: "cancelled";
            default: "in-progress"
            }
        return .object(
            ("resourceType", .string("Encounter")), ("id", .string(id(v.id))), ("status", .string(status)),
            ("class", coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "AMB", "ambulatory")),
            ("subject", reference("Patient", id(v.patientId))),
            ("period", .object(("start", .string(v.arrivedAt.text)), ("end", v.endedAt.map { JSONValue.string($0.text) }))),
            (
                "participant",
                .array(
                    staff.map {
                        .object(
                            (
                                "type",
                                .array([
                                    .object(
                                        (
                                            "coding",
                                            .array([
                                                coding(
                                                    "http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "PART",
                                                    "Participation")
                                            ])
                                        ))
                                ])
                            ),
                            (
                                "individual",
                                .object(("identifier", .object(("value", .string($0.username)))), ("display", .string($0.name)))
                            ))
                    })
            ),
            ("reasonCode", .array(v.reason.isEmpty ? [] : [.object(("text", .string(v.reason)))])),
            (
                "diagnosis",
                .array(
                    diagnoses.map {
                        .object(("condition", reference("Condition", $0.id)), ("rank", $0.primary ? .int(1) : nil))
                    })
            ),
            ("location", .array(place.map { [.object(("location", .object(("display", .string($0)))))] } ?? [])))
    }

    /// A measurement exported as an Observation: its id suffix, its LOINC coding (serialised
    /// once: the same in every resource), its UCUM unit, where its value comes from, and
    /// its FHIR R4 vital-signs profile, or none for a laboratory result (capillary glucose).
    struct VitalKind {
        let key: String
        let code: JSONValue
        let unit: String
        let ucumCode: String
        let category: JSONValue
        let meta: JSONValue?
        let value: @Sendable (Vitals) -> Double?

        init(
            _ key: String, _ codes: [(String, String)], _ unit: String, _ ucumCode: String, profile: String?,
            _ value: @escaping @Sendable (Vitals) -> Double?
        ) {
            self.key = key
            code = .raw(concept(codes.map { coding(loinc, $0.0, $0.1) }))
            self.unit = unit
            self.ucumCode = ucumCode
            category = profile == nil ? laboratoryCategory : vitalSignsCategory
            meta = profile.map(FHIRResources.meta)
            self.value = value
        }
    }

    /// `meta.profile` naming a FHIR R4 vital-signs profile (hl7.org/fhir/R4/observation-vitalsigns).
    static func meta(profile: String) -> JSONValue {
        .raw(.object(("profile", .array([.string("http://hl7.org/fhir/StructureDefinition/\(profile)")]))))
    }

    static let vitalKinds: [VitalKind] = [
        VitalKind("hr", [("8867-4", "Heart rate")], "/min", "/min", profile: "heartrate") { $0.heartRate.map(Double.init) },
        VitalKind("rr", [("9279-1", "Respiratory rate")], "/min", "/min", profile: "resprate") {
            $0.respiratoryRate.map(Double.init)
        },
        VitalKind("temp", [("8310-5", "Body temperature")], "Cel", "Cel", profile: "bodytemp") { $0.temperature },
        VitalKind(
            "spo2",
            [
                ("2708-6", "Oxygen saturation in Arterial blood"),
                ("59408-5", "Oxygen saturation in Arterial blood by Pulse oximetry"),
            ], "%", "%",
            profile: "oxygensat"
        ) { $0.spO2.map(Double.init) },
        VitalKind("weight", [("29463-7", "Body weight")], "kg", "kg", profile: "bodyweight") { $0.weight },
        VitalKind("height", [("8302-2", "Body height")], "cm", "cm", profile: "bodyheight") { $0.height },
        VitalKind("bmi", [("39156-5", "Body mass index (BMI) [Ratio]")], "kg/m2", "kg/m2", profile: "bmi") {
            $0.bmi.map { ($0 * 10).rounded() / 10 }
        },
        VitalKind(
            "glucose", [("14743-9", "Glucose [Moles/volume] in Capillary blood by Glucometer")], "mmol/L", "mmol/L",
            profile: nil
        ) { $0.glucose },
    ]
    static let vitalSignsCategory = JSONValue.raw(
        .array([
            concept([
                coding(
                    "http://terminology.hl7.org/CodeSystem/observation-category",
                    "vital-signs", "Vital Signs")
            ])
        ]))
    static let laboratoryCategory = JSONValue.raw(
        .array([
            concept([
                coding(
                    "http://terminology.hl7.org/CodeSystem/observation-category",
                    "laboratory", "Laboratory")
            ])
        ]))
    static let bloodPressureMeta = meta(profile: "bp")
    static let bloodPressureCode = JSONValue.raw(
        concept([coding(loinc, "85354-9", "Blood pressure panel with all children optional")]))
    static let systolicCode = JSONValue.raw(concept([coding(loinc, "8480-6", "Systolic blood pressure")]))
    static let diastolicCode = JSONValue.raw(concept([coding(loinc, "8462-4", "Diastolic blood pressure")]))

    /// One Observation per value of a vitals set: blood pressure as a panel of two components.
    package static func observations(_ set: VitalsRecord, patientId: String) -> [JSONValue] {
        let v = set.vitals
        func quantity(_ value: Double, _ unit: String, _ code: String) -> JSONValue {
            .object(("value", .number(value)), ("unit", .string(unit)), ("system", .string(ucum)), ("code", .string(code)))
        }
        let setID = id(set.visitId, "v\(set.id ?? 0)")
        let subject = reference("Patient", id(patientId)), encounter = reference("Encounter", id(set.visitId))
        func observation(
            _ key: String, _ code: JSONValue, category: JSONValue, meta: JSONValue?, value: JSONValue? = nil,
            components: [JSONValue] = []
        ) -> JSONValue {
            .object(
                ("resourceType", .string("Observation")), ("id", .string(id(setID, key))), ("meta", meta),
                ("status", .string("final")), ("category", category), ("code", code),
                ("subject", subject), ("encounter", encounter),
                ("effectiveDateTime", .string(set.recordedAt.text)), ("valueQuantity", value), ("component", .array(components)))
        }
        var out: [JSONValue] = []
        // The panel's components are all optional: a systolic alone (a collapsing patient's
        // diastolic may be unmeasurable) is exported too.
        let pressures = [(systolicCode, v.systolic), (diastolicCode, v.diastolic)].compactMap { code, value in
            value.map { JSONValue.object(("code", code), ("valueQuantity", quantity(Double($0), "mmHg", "mm[Hg]"))) }
        }
        if !pressures.isEmpty {
            out.append(
                observation(
                    "bp", bloodPressureCode, category: vitalSignsCategory, meta: bloodPressureMeta,
                    components: pressures))
        }
        for kind in vitalKinds {
            if let value = kind.value(v) {
                out.append(
                    observation(
                        kind.key, kind.code, category: kind.category, meta: kind.meta,
                        value: quantity(value, kind.unit, kind.ucumCode)))
            }
        }
        return out
    }

    package static func conditionID(_ d: DiagnosisRecord) -> String { id(d.visitId, "dx\(d.id ?? 0)") }

    package static func condition(_ d: DiagnosisRecord, title: String?, patientId: String) -> JSONValue {
        .object(
            ("resourceType", .string("Condition")), ("id", .string(conditionID(d))),
            ("clinicalStatus", concept([coding("http://terminology.hl7.org/CodeSystem/condition-clinical", "active")])),
            ("verificationStatus", concept([coding("http://terminology.hl7.org/CodeSystem/condition-ver-status", "confirmed")])),
            (
                "category",
                .array([
                    concept([
                        coding(
                            "http://terminology.hl7.org/CodeSystem/condition-category", "encounter-diagnosis",
                            "Encounter Diagnosis")
                    ])
                ])
            ),
            ("code", concept([coding(icd10, d.code, title)], text: title)),
            ("subject", reference("Patient", id(patientId))), ("encounter", reference("Encounter", id(d.visitId))),
            ("recordedDate", .string(d.addedAt.text)))
    }

    package static func medicationRequest(_ p: PrescriptionRecord, nappi: String?, patientId: String) -> JSONValue {
        var codings = [coding("\(base)/formulary", p.itemCode, p.description)]
        if let nappi, !nappi.isEmpty { codings.append(coding("\(base)/nappi", nappi)) }
        return .object(
            ("resourceType", .string("MedicationRequest")), ("id", .string(id(p.visitId, "rx\(p.id ?? 0)"))),
            ("status", .string(p.dispensedAt == nil ? "active" : "completed")), ("intent", .string("order")),
            ("medicationCodeableConcept", concept(codings, text: p.description)),
            ("subject", reference("Patient", id(patientId))), ("encounter", reference("Encounter", id(p.visitId))),
            ("authoredOn", .string(p.prescribedAt.text)),
            (
                "dosageInstruction",
                .array([.object(("text", .string("\(p.dose.plainText) \(p.frequency.rawValue) for \(p.days.counted("day"))")))])
            ),
            ("dispenseRequest", .object(("quantity", .object(("value", .int(p.quantity)))))))
    }

    package static func serviceRequest(_ r: ReferralRecord, patientId: String) -> JSONValue {
        let priority =
            switch r.urgency {
            case .emergency: "stat";
            case .urgent: "urgent";
            case .routine: "routine"
            }
        return .object(
            ("resourceType", .string("ServiceRequest")), ("id", .string(id(r.visitId, "ref\(r.id ?? 0)"))),
            ("status", .string("active")), ("intent", .string("order")), ("priority", .string(priority)),
            ("category", .array([.object(("text", .string(r.kind.rawValue)))])),
            ("code", .object(("text", .string("Referral to \(r.kind.rawValue): \(r.destination)")))),
            ("subject", reference("Patient", id(patientId))), ("encounter", reference("Encounter", id(r.visitId))),
            ("authoredOn", .string(r.referredAt.text)),
            ("performerType", .object(("text", .string(r.destination)))),
            ("reasonCode", .array([.object(("text", .string(r.reason)))])))
    }
}
