import ClinicDomain
import ClinicServices
import ClinicStore
import XCTest

/// Every action a screen offers, called straight on the service as each role: a role
/// without the permission is refused there (not just left out of a menu) with that
/// permission named, and a role with it is never refused for access. Arguments are
/// placeholders: the permission is checked before anything else is looked at.
final class AccessEnforcementTests: XCTestCase {
    func testEveryServiceActionRefusesEveryRoleWithoutItsPermission() throws {
        let fixture = try ServiceFixture()
        let db = fixture.database, clock = fixture.clock
        let patients = PatientService(database: db, clock: clock), visits = VisitService(database: db, clock: clock)
        let consultation = ConsultationService(database: db, clock: clock),
            counselling = CounsellingService(database: db, clock: clock)
        let prescriptions = PrescriptionService(database: db, clock: clock),
            referrals = ReferralService(database: db, clock: clock)
        let stock = StockService(database: db, clock: clock), suppliers = SupplierService(database: db, clock: clock)
        let assets = AssetService(database: db, clock: clock), schedule = ScheduleService(database: db, clock: clock)
        let appointments = AppointmentService(database: db, clock: clock), users = UserAdministration(database: db, clock: clock)
        let audit = AuditService(database: db, clock: clock), ledger = SyncLedger(database: db, clock: clock)
        let folder = fixture.folder.file("out")
        let record = try patients.register(
            PatientInput(["surname": "A", "first_names": "B", "document_number": "7506155123085"]),
            by: .shell(name: "t"))
        let day = CalendarDate(iso: "2027-01-15")!
        let open = try fixture.visitInConsultation(reason: "r")  // stage rules come with the role's: a real visit
        let actions: [(name: String, permission: Permission, call: (Actor) throws -> Void)] = [
            ("patient search", .patientRead, { _ = try patients.search("a", by: $0) }),
            ("patient open", .patientRead, { _ = try patients.open(id: "x", by: $0) }),
            ("patient register", .patientWrite, { _ = try patients.register(PatientInput([:]), by: $0) }),
            ("patient edit", .patientWrite, { _ = try patients.edit(record, to: PatientInput([:]), by: $0) }),
            ("patient deactivate", .patientWrite, { _ = try patients.setActive(false, id: "x", reason: "r", by: $0) }),
            ("patient background", .patientWrite, { try patients.addBackground(.allergy, text: "t", to: "x", by: $0) }),
            ("membership status", .patientRead, { _ = try patients.membershipStatus(membership: "1", dependant: "00", by: $0) }),
            ("visit check-in", .visitStart, { _ = try visits.checkIn(patientId: "x", reason: "r", by: $0) }),
            ("visit queue", .patientRead, { _ = try visits.queue(.nursing, by: $0) }),
            ("visit take", .patientRead, { _ = try visits.take(visitId: "x", stage: .nursing, by: $0) }),
            ("vitals", .vitalsWrite, { _ = try visits.recordVitals(visitId: "x", input: VitalsInput([:]), by: $0) }),
            ("visit file", .patientRead, { _ = try visits.file(visitId: "x", by: $0) }),
            ("visit history", .patientRead, { _ = try visits.history(patientId: "x", by: $0) }),
            ("vitals trends", .patientRead, { _ = try visits.vitalsHistory(patientId: "x", by: $0) }),
            ("visit close", .visitClose, { _ = try visits.perform(.close(outcome: "o"), visitId: open, by: $0) }),
            ("visit cancel", .visitCancel, { _ = try visits.perform(.cancel(reason: "r"), visitId: open, by: $0) }),
            ("consultation sheet", .patientRead, { _ = try consultation.sheet(visitId: "x", by: $0) }),
            (
                "consultation note", .consultWrite,
                {
                    try consultation.saveNote(visitId: "x", subjective: "", objective: "", assessment: "", plan: "", by: $0)
                }
            ),
            ("addendum", .consultWrite, { try consultation.addAddendum(visitId: "x", text: "t", by: $0) }),
            ("diagnosis add", .consultWrite, { try consultation.addDiagnosis(visitId: "x", code: "I10", primary: true, by: $0) }),
            ("diagnosis remove", .consultWrite, { try consultation.removeDiagnosis(visitId: "x", code: "I10", by: $0) }),
            ("ICD-10 search", .patientRead, { _ = try consultation.searchCodes("a", by: $0) }),
            (
                "consultation complete", .consultWrite,
                { _ = try consultation.complete(visitId: "x", toCounselling: false, by: $0) }
            ),
            (
                "counselling record", .counsellingWrite,
                {
                    _ = try counselling.record(visitId: "x", sessionType: "s", notes: "n", outcome: "", referral: "", by: $0)
                }
            ),
            ("counselling notes", .counsellingRead, { _ = try counselling.notes(visitId: "x", by: $0) }),
            (
                "referral", .referralWrite,
                {
                    _ = try referrals.refer(
                        visitId: "x", ReferralInput(kind: "k", destination: "d", urgency: "u", reason: "r"),
                        letterFolder: folder, by: $0)
                }
            ),
            ("referral list", .referralRead, { _ = try referrals.referrals(visitId: "x", by: $0) }),
            ("formulary search", .patientRead, { _ = try prescriptions.searchFormulary("a", by: $0) }),
            ("prescription list", .patientRead, { _ = try prescriptions.prescriptions(visitId: "x", by: $0) }),
            (
                "prescribe", .prescriptionWrite,
                {
                    try prescriptions.prescribe(visitId: "x", itemCode: "x", dose: "1", frequency: "od", days: "1", by: $0)
                }
            ),
            ("visit view", .patientRead, { _ = try visits.open(visitId: "x", by: $0) }),
            ("visit summary", .patientRead, { _ = try VisitSummary(database: db, clock: clock).text(visitId: "x", by: $0) }),
            ("stock link", .inventoryWrite, { try stock.link(gtin: "1", to: "x", by: $0) }),
            ("stock receive", .inventoryWrite, { _ = try stock.receive(scan: "x", quantity: 1, by: $0) }),
            (
                "stock receive unscanned", .inventoryWrite,
                {
                    _ = try stock.receive(
                        itemCode: "x", quantity: 1, batch: "b", expiry: CalendarDate(iso: "2030-01-01")!, by: $0)
                }
            ),
            ("stock identify", .inventoryRead, { _ = try stock.identify(scan: "x", by: $0) }),
            ("dispense", .inventoryDispense, { _ = try stock.dispense(visitId: "x", by: $0) }),
            ("stock overview", .inventoryRead, { _ = try stock.overview(by: $0) }),
            ("stock item", .inventoryRead, { _ = try stock.detail(of: "x", by: $0) }),
            ("stock alerts", .inventoryRead, { _ = try stock.alerts(by: $0) }),
            ("stock item settings", .inventoryWrite, { try stock.updateItem("x", by: $0) }),
            ("stock transfer", .inventoryWrite, { _ = try stock.transfer(batchID: 1, quantity: 1, to: "d", by: $0) }),
            ("stock count sheet", .inventoryRead, { _ = try stock.countSheet(by: $0) }),
            ("stock take", .inventoryWrite, { _ = try stock.stockTake(counts: [:], by: $0) }),
            ("stock report", .inventoryRead, { _ = try StockImport(database: db, clock: clock).report(by: $0) }),
            ("suppliers", .inventoryRead, { _ = try suppliers.all(by: $0) }),
            ("supplier add", .inventoryWrite, { _ = try suppliers.add(name: "s", by: $0) }),
            ("supplier edit", .inventoryWrite, { _ = try suppliers.update(id: 1, name: "s", by: $0) }),
            ("equipment", .inventoryRead, { _ = try assets.all(by: $0) }),
            ("equipment history", .inventoryRead, { _ = try assets.history(of: 1, by: $0) }),
            ("equipment register", .assetWrite, { _ = try assets.register([:], by: $0) }),
            (
                "equipment service", .assetWrite,
                { _ = try assets.recordService(1, nextService: nil, location: "l", note: "n", by: $0) }
            ),
            ("locations", .appointmentWrite, { _ = try schedule.locations(by: $0) }),
            ("location add", .routeWrite, { _ = try schedule.addLocation([:], by: $0) }),
            ("location edit", .routeWrite, { _ = try schedule.updateLocation(id: 1, [:], by: $0) }),
            ("stop add", .routeWrite, { _ = try schedule.addStop(location: "l", [:], by: $0) }),
            ("route", .appointmentWrite, { _ = try schedule.upcomingStops(truck: nil, by: $0) }),
            ("slots", .appointmentWrite, { _ = try appointments.slots(stopId: 1, by: $0) }),
            ("stop day list", .patientRead, { _ = try appointments.appointments(stopId: 1, by: $0) }),
            (
                "book", .appointmentWrite,
                { _ = try appointments.book(stopId: 1, slot: ClockTime(typed: "08:00")!, patientId: "x", by: $0) }
            ),
            ("appointment cancel", .appointmentWrite, { try appointments.cancel(1, reason: "r", by: $0) }),
            ("appointment check-in", .visitStart, { _ = try appointments.checkIn(1, by: $0) }),
            ("no-shows", .appointmentWrite, { _ = try appointments.markNoShows(stopId: 1, by: $0) }),
            ("follow-up stops", .appointmentWrite, { _ = try appointments.followUpStops(patientId: "x", by: $0) }),
            ("reminders", .appointmentWrite, { _ = try appointments.reminders(on: day, by: $0) }),
            ("dashboard", .reportClinical, { _ = try DashboardService(database: db, clock: clock).dashboard(by: $0) }),
            ("report", .reportClinical, { _ = try ReportService(database: db).report(.day(day), by: $0) }),
            ("claims", .exportClaims, { _ = try ClaimsExport(database: db, clock: clock).claims(since: day, by: $0) }),
            (
                "claims export", .exportClaims,
                { _ = try ClaimsExport(database: db, clock: clock).export(since: day, to: folder, by: $0) }
            ),
            ("FHIR export", .sync, { _ = try FHIRExport(database: db, clock: clock).export(since: day, to: folder, by: $0) }),
            ("audit viewer", .auditRead, { _ = try audit.entries(AuditSearch(), by: $0) }),
            ("audit verify", .auditRead, { _ = try audit.verify(by: $0) }),
            ("audit CSV", .auditRead, { _ = try audit.csv(AuditSearch(), by: $0) }),
            ("sync status", .sync, { _ = try ledger.status(by: $0) }),
            ("sync conflicts", .sync, { _ = try ledger.conflicts(by: $0) }),
            ("sync resolve", .sync, { try ledger.resolve("x", keep: .truck, by: $0) }),
            ("backup", .backup, { _ = try BackupService(database: db, clock: clock).backup(to: folder + "/b.sqlite", by: $0) }),
            (
                "restore", .backup,
                { _ = try BackupService(database: db, clock: clock).restore(from: folder + "/b.sqlite", by: $0) }
            ),
            ("user add", .userAdmin, { _ = try users.add(username: "u", fullName: "U", role: .clerk, password: "p", by: $0) }),
            ("user password", .userAdmin, { try users.setPassword(username: "nobody", password: "p", by: $0) }),
            ("user lock", .userAdmin, { try users.lock(username: "nobody", by: $0) }),
            ("user unlock", .userAdmin, { try users.unlock(username: "nobody", by: $0) }),
            ("user list", .userAdmin, { _ = try users.list(by: $0) }),
            (
                "roster import", .patientWrite,
                { _ = try RosterImport(database: db, clock: clock).run(path: folder + "/none.csv", by: $0) }
            ),
            (
                "patient import", .patientWrite,
                { _ = try PatientImport(database: db, clock: clock).run(path: folder + "/none.csv", by: $0) }
            ),
            ("ICD-10 import", .userAdmin, { _ = try ICD10Import(database: db).run(path: folder + "/none.csv", by: $0) }),
            (
                "formulary import", .inventoryWrite,
                { _ = try FormularyImport(database: db).run(path: folder + "/none.csv", by: $0) }
            ),
            (
                "stock import", .inventoryWrite,
                { _ = try StockImport(database: db, clock: clock).run(path: folder + "/none.csv", by: $0) }
            ),
        ]
        var refusals = 0
        for role in Role.allCases {
            let actor = Actor.user(try fixture.auth.login(username: role.rawValue, password: fixture.password, terminal: "t"))
            for (name, permission, call) in actions {
                let refused: AccessDenied?
                do {
                    try call(actor)
                    refused = nil
                } catch let denied as AccessDenied {
                    refused = denied
                } catch {
                    refused = nil
                }
                if AccessPolicy.allows(role, permission) {
                    XCTAssertNil(refused, "\(role) may \(permission.rawValue) but was refused '\(name)'")
                } else {
                    XCTAssertEqual(refused, AccessDenied(role: role, permission: permission), "\(role) was not refused '\(name)'")
                    refusals += 1
                }
            }
        }
        print("access: \(actions.count) service actions × \(Role.allCases.count) roles, \(refusals) refusals checked")
    }
}
