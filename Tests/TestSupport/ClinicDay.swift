import ClinicDomain
import ClinicServices
import ClinicStore
import Foundation

/// A known day at the truck (from the clock's time), for reports and exports:
/// - Sipho Ndlovu (member PM100200/00): vitals, R51 primary and J06.9, paracetamol 2 tds 5
///   days dispensed (30), a hospital referral, closed;
/// - Thandi Mokoena (member PM300400/01): I10 primary, counselling with a confidential note,
///   closed;
/// - Lerato Dlamini (no membership): nurse-led to closure, closed; then a second visit cancelled.
public struct ClinicDay {
    public static let secret = "CONFIDENTIAL-COUNSELLING-TEXT"
    public static let nappi = "708123001"

    public let sipho: String, thandi: String, lerato: String
    public let siphoVisit: String, thandiVisit: String, leratoVisit: String, cancelledVisit: String

    /// Records the day on `db`, moving `clock` on as the day goes; letters go to `letters`.
    public init(database db: ClinicDatabase, clock: ManualClock, letters: String) throws {
        let shell = Actor.shell(name: "seed")
        let patients = PatientService(database: db, clock: clock)
        let visits = VisitService(database: db, clock: clock)
        let consultation = ConsultationService(database: db, clock: clock)
        let stock = StockService(database: db, clock: clock)
        try stock.link(gtin: "09506000134352", to: "PARA500T", by: shell)
        try stock.receive(scan: "(01)09506000134352(17)281231(10)LOT1", quantity: 100, by: shell)
        try stock.updateItem("PARA500T", nappi: Self.nappi, by: shell)

        func register(_ values: [String: String]) throws -> String { try patients.register(PatientInput(values), by: shell).id }
        sipho = try register([
            "surname": "Ndlovu", "first_names": "Sipho", "document_number": "8001015009087",
            "membership_number": "PM100200", "dependant_code": "00", "phone": "0821234567", "province": "LP",
        ])
        thandi = try register([
            "surname": "Mokoena", "first_names": "Thandi Grace", "document_number": "8505250123080",
            "membership_number": "PM300400", "dependant_code": "01",
        ])
        lerato = try register(["surname": "Dlamini", "first_names": "Lerato", "document_number": "9001014800089"])

        func nursed(_ patient: String, _ reason: String, weight: String) throws -> String {
            let id = try visits.checkIn(patientId: patient, reason: reason, by: shell).id
            clock.advance(600)
            let vitals = VitalsInput([
                "systolic": "142", "diastolic": "91", "heart_rate": "88", "resp_rate": "16", "temperature": "37.2",
                "spo2": "97", "mobility": "w", "avpu": "a", "trauma": "n", "weight": weight, "height": "170",
                "glucose": "6.4",
            ])
            _ = try visits.recordVitals(visitId: id, input: vitals, by: shell)
            return id
        }
        func consulted(_ visit: String, codes: [(String, Bool)], toCounselling: Bool, also: () throws -> Void = {}) throws {
            _ = try visits.perform(.completeNursing, visitId: visit, by: shell)
            clock.advance(1200)
            for (code, primary) in codes {
                try consultation.addDiagnosis(visitId: visit, code: code, primary: primary, by: shell)
            }
            try consultation.saveNote(visitId: visit, subjective: "s", objective: "o", assessment: "a", plan: "p", by: shell)
            try also()
            _ = try consultation.complete(visitId: visit, toCounselling: toCounselling, by: shell)
        }

        siphoVisit = try nursed(sipho, "headache for 3 days", weight: "81.5")
        let visit = siphoVisit
        try consulted(siphoVisit, codes: [("R51", true), ("J06.9", false)], toCounselling: false) {
            _ = try PrescriptionService(database: db, clock: clock).prescribe(
                visitId: visit, itemCode: "PARA500T", dose: "2",
                frequency: "tds", days: "5", by: shell)
            _ = try ReferralService(database: db, clock: clock).refer(
                visitId: visit,
                ReferralInput(kind: "hospital", destination: "Mankweng Hospital", urgency: "urgent", reason: "CT scan"),
                letterFolder: letters, by: shell)
        }
        clock.advance(300)
        _ = try stock.dispense(visitId: siphoVisit, by: shell)
        _ = try visits.perform(.close(outcome: "treated"), visitId: siphoVisit, by: shell)

        thandiVisit = try nursed(thandi, "high blood pressure check", weight: "70")
        try consulted(thandiVisit, codes: [("I10", true)], toCounselling: true)
        try CounsellingService(database: db, clock: clock).record(
            visitId: thandiVisit, sessionType: "stress", notes: Self.secret,
            outcome: "coping plan", referral: "", by: shell)
        _ = try visits.perform(.completeCounselling, visitId: thandiVisit, by: shell)
        _ = try visits.perform(.close(outcome: "treated"), visitId: thandiVisit, by: shell)

        leratoVisit = try nursed(lerato, "plaster for a graze", weight: "60")
        _ = try visits.perform(.nurseLed(reason: "minor ailment"), visitId: leratoVisit, by: shell)
        _ = try visits.perform(.close(outcome: "treated"), visitId: leratoVisit, by: shell)
        cancelledVisit = try visits.checkIn(patientId: lerato, reason: "forgot something", by: shell).id
        _ = try visits.perform(.cancel(reason: "left without being seen"), visitId: cancelledVisit, by: shell)
    }
}
