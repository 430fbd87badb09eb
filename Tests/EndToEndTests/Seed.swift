import ClinicDomain
import ClinicServices
import ClinicStore

/// Data the end-to-end tests prepare through the services from the test process.
enum Seed {
    static let shell = Actor.shell(name: "e2e")

    /// Registers Sipho Ndlovu, checks him in for a headache, records a full vitals set and
    /// completes nursing: his visit waits in consultation. Returns the visit id.
    static func visitInConsultation(_ store: ClinicDatabase) throws -> String {
        let patient = try PatientService(database: store).register(
            PatientInput(["surname": "Ndlovu", "first_names": "Sipho", "document_number": "8001015009087"]), by: shell)
        let visits = VisitService(database: store)
        let visit = try visits.checkIn(patientId: patient.id, reason: "headache", by: shell)
        _ = try visits.recordVitals(
            visitId: visit.id,
            input: VitalsInput([
                "systolic": "120", "diastolic": "80", "heart_rate": "72",
                "resp_rate": "14", "temperature": "36.8", "spo2": "98", "mobility": "w", "avpu": "a", "trauma": "n",
            ]), by: shell)
        _ = try visits.perform(.completeNursing, visitId: visit.id, by: shell)
        return visit.id
    }

    /// Diagnoses a headache (R51), writes the note and completes the consultation to closure.
    static func completeConsultation(_ visit: String, _ store: ClinicDatabase) throws {
        let consultation = ConsultationService(database: store)
        try consultation.addDiagnosis(visitId: visit, code: "R51", primary: true, by: shell)
        try consultation.saveNote(visitId: visit, subjective: "", objective: "", assessment: "Headache", plan: "", by: shell)
        _ = try consultation.complete(visitId: visit, toCounselling: false, by: shell)
    }
}
