import ClinicDomain
import ClinicServices
import ClinicStore
import Foundation
import XCTest

/// Finance and a viewer open the dashboard on two terminals; a visit closed by a third
/// process shows on both; finance opens the daily report.
final class DashboardEndToEndTests: XCTestCase {
    var folder = ""
    var database: String { folder + "/clinic.sqlite" }

    override func setUpWithError() throws { folder = try ClinicBinary.demoFolder() }
    override func tearDown() { try? FileManager.default.removeItem(atPath: folder) }

    /// A visit at closure with R51 (headache) as its diagnosis; returns its id.
    func visitAtClosure(_ store: ClinicDatabase) throws -> String {
        let shell = Actor.shell(name: "e2e")
        let patient = try PatientService(database: store).register(
            PatientInput(["surname": "Ndlovu", "first_names": "Sipho", "document_number": "8001015009087"]), by: shell)
        let visits = VisitService(database: store)
        let visit = try visits.checkIn(patientId: patient.id, reason: "headache", by: shell)
        _ = try visits.recordVitals(visitId: visit.id, input: VitalsInput(["systolic": "120", "diastolic": "80", "heart_rate": "72",
            "resp_rate": "14", "temperature": "36.8", "spo2": "98", "mobility": "w", "avpu": "a", "trauma": "n"]), by: shell)
        _ = try visits.perform(.completeNursing, visitId: visit.id, by: shell)
        let consultation = ConsultationService(database: store)
        try consultation.addDiagnosis(visitId: visit.id, code: "R51", primary: true, by: shell)
        try consultation.saveNote(visitId: visit.id, subjective: "", objective: "", assessment: "Headache", plan: "", by: shell)
        _ = try consultation.complete(visitId: visit.id, toCounselling: false, by: shell)
        return visit.id
    }

    func testFinanceAndViewerWatchTheDashboardAndFinanceOpensTheDailyReport() throws {
        let store = try ClinicDatabase.open(at: database)
        let visit = try visitAtClosure(store)
        let tmux = try Tmux(ClinicBinary.command(database))
        try tmux.addWindow("viewer", ClinicBinary.command(database))
        try tmux.logIn("finance")
        try tmux.logIn("viewer", in: "viewer")
        for window in ["main", "viewer"] {
            try tmux.type("5", in: window)
            try tmux.waitFor("Arrivals per hour", in: window)
            try tmux.waitFor("R51 Headache", in: window)
            try tmux.waitFor("1 visits · 0 closed", in: window)
        }
        _ = try VisitService(database: store).perform(.close(outcome: "treated"), visitId: visit, by: .shell(name: "nurse"))
        for window in ["main", "viewer"] { try tmux.waitFor("1 visits · 1 closed", in: window) }
        try tmux.press("F5")
        try tmux.waitFor("Daily report")
        let report = try tmux.waitFor("diagnosis    R51")
        XCTAssertTrue(report.contains("1 visits, 1 closed, 0 cancelled"), report)
    }
}
