import ClinicDomain
import ClinicServices
import ClinicStore
import Foundation
import GRDB

/// Drives real clinic operations against a database for the reliability suite (not
/// installed). Every operation goes through the services, as the screens call them, and
/// one line is printed (and flushed) after each commit:
///
/// - `clinic-worker trap --db PATH`: takes the database's write lock, prints `holding the
///   write lock`, then traps on an overflowing sum inside the transaction: what a crash
///   does to the other terminals (the crash-containment test).
/// - `clinic-worker crash --db PATH --seed N`: whole visits in a loop until killed:
///   register, check in, vitals, nursing done, diagnosis, prescription, note, consultation
///   done, dispense, close. Lines: `patient ID`, `visit ID`, `vitals ID`, `stage VISIT STAGE`,
///   `diagnosis VISIT`, `prescription ID`, `dispensed VISIT`.
/// - `clinic-worker mix --db PATH --seed N --ops N --shared ID,ID…`: a terminal's day in
///   `ops` operations (register and check in, take from the nursing or consultation queue
///   and work the visit, edit a shared patient's address counter), then one summary line
///   `done edits=N conflicts=N taken=N`. Any other failure prints `error: …` and goes on.
@main
struct Worker {
    static let vitals = VitalsInput(["systolic": "124", "diastolic": "81", "heart_rate": "72", "resp_rate": "14",
                                     "temperature": "36.8", "spo2": "98", "mobility": "w", "avpu": "a", "trauma": "n"])

    static func main() {
        CrashPolicy.exitAtOnceOnCrash()
        do {
            try run()
        } catch {
            FileHandle.standardError.write(Data("clinic-worker: \(error)\n".utf8))
            exit(1)
        }
    }

    static func run() throws {
        let arguments = CommandLine.arguments
        func value(_ flag: String) -> String? {
            arguments.firstIndex(of: flag).flatMap { arguments.indices.contains($0 + 1) ? arguments[$0 + 1] : nil }
        }
        guard let path = value("--db"), arguments.count > 1 else {
            FileHandle.standardError.write(Data("usage: clinic-worker crash|mix --db PATH [--seed N] [--ops N] [--shared IDS]\n".utf8))
            exit(2)
        }
        let seed = value("--seed").flatMap(UInt64.init) ?? 1
        var random = SplitMix(seed: seed)
        let clinic = try Clinic(database: try ClinicDatabase.open(at: path), actor: .shell(name: "worker\(seed)"))
        switch arguments[1] {
        case "crash":
            while true { try clinic.wholeVisit(&random) }
        case "trap":
            let database = try ClinicDatabase.open(at: path)
            try database.pool.write { db in
                try db.execute(sql: "UPDATE setting SET value = value WHERE key = 'siteCode'")
                report("holding the write lock")
                let huge = Int.max - Int(arguments.count)
                report("sum \(huge + arguments.count * 2)")
            }
        case "mix":
            let shared = value("--shared")?.split(separator: ",").map(String.init) ?? []
            try clinic.mix(operations: value("--ops").flatMap(Int.init) ?? 100, shared: shared, &random)
        default:
            FileHandle.standardError.write(Data("clinic-worker: unknown mode \(arguments[1])\n".utf8))
            exit(2)
        }
    }
}

/// Writes one line straight to standard output (no buffer), so a parent reading the pipe
/// sees every reported commit even when the process is killed right after.
func report(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

/// The services a terminal uses.
struct Clinic {
    let patients: PatientService, visits: VisitService, consultation: ConsultationService
    let prescriptions: PrescriptionService, stock: StockService
    let item: String
    /// Each worker is its own user, as each terminal is.
    let actor: Actor

    init(database: ClinicDatabase, actor: Actor) throws {
        self.actor = actor
        patients = PatientService(database: database)
        visits = VisitService(database: database)
        consultation = ConsultationService(database: database)
        prescriptions = PrescriptionService(database: database)
        stock = StockService(database: database)
        item = try database.pool.read { db in
            try String.fetchOne(db, sql: "SELECT itemCode FROM batch ORDER BY id LIMIT 1")
        } ?? "PARA500T"
    }

    /// A new patient with a valid SA ID made from the generator.
    func register(_ random: inout SplitMix) throws -> PatientCard {
        let born = String(format: "%02d%02d%02d", Int.random(in: 40...99, using: &random), Int.random(in: 1...12, using: &random),
                          Int.random(in: 1...28, using: &random))
        let body = born + String(format: "%04d", Int.random(in: 0...9999, using: &random)) + "08"
        let check = (0...9).first { SAIDNumber.luhnValid((body + "\($0)").map { Int(String($0))! }) }!
        let surnames = ["Ndlovu", "Dlamini", "Nkosi", "Mokoena", "van der Merwe", "Botha", "Naidoo", "Khumalo"]
        return try patients.register(PatientInput(["surname": surnames.randomElement(using: &random)!, "first_names": "Worker",
                                                   "document_number": body + "\(check)"]), overrideReason: "reliability suite",
                                     by: actor)
    }

    func wholeVisit(_ random: inout SplitMix) throws {
        let patient = try register(&random)
        report("patient \(patient.id)")
        let visit = try visits.checkIn(patientId: patient.id, reason: "check-up", by: actor)
        report("visit \(visit.id)")
        try nursing(visit.id)
        try doctor(visit.id)
        _ = try stock.dispense(visitId: visit.id, by: actor)
        report("dispensed \(visit.id)")
        _ = try visits.perform(.close(outcome: "treated"), visitId: visit.id, by: actor)
        report("stage \(visit.id) closed")
    }

    func nursing(_ visitId: String) throws {
        let set = try visits.recordVitals(visitId: visitId, input: Worker.vitals, by: actor)
        report("vitals \(set.id)")
        _ = try visits.perform(.completeNursing, visitId: visitId, by: actor)
        report("stage \(visitId) consultation")
    }

    func doctor(_ visitId: String) throws {
        try consultation.addDiagnosis(visitId: visitId, code: "I10", primary: true, by: actor)
        report("diagnosis \(visitId)")
        let prescription = try prescriptions.prescribe(visitId: visitId, itemCode: item, dose: "1", frequency: "tds", days: "5",
                                                       overrideReason: "reliability suite", by: actor)
        report("prescription \(prescription.id)")
        try consultation.saveNote(visitId: visitId, subjective: "", objective: "", assessment: "BP", plan: "", by: actor)
        _ = try consultation.complete(visitId: visitId, toCounselling: false, by: actor)
        report("stage \(visitId) closure")
    }

    /// A terminal's realistic mix; expected refusals (someone else took the patient, the
    /// record changed since it was read) are counted, anything else is printed as an error.
    func mix(operations: Int, shared: [String], _ random: inout SplitMix) throws {
        var edits = 0, conflicts = 0, taken = 0
        for _ in 0..<operations {
            do {
                switch Int.random(in: 0..<10, using: &random) {
                case 0...2:
                    _ = try visits.checkIn(patientId: try register(&random).id, reason: "check-up", by: actor)
                case 3...4:
                    guard let next = try visits.queue(.nursing, by: actor).first(where: { $0.takenBy == nil }) else { continue }
                    _ = try visits.take(visitId: next.visitId, stage: .nursing, by: actor)
                    try nursing(next.visitId)
                case 5...6:
                    guard let next = try visits.queue(.consultation, by: actor).first(where: { $0.takenBy == nil }) else { continue }
                    _ = try visits.take(visitId: next.visitId, stage: .consultation, by: actor)
                    try doctor(next.visitId)
                default:
                    guard let id = shared.randomElement(using: &random) else { continue }
                    let record = try patients.open(id: id, by: actor).record
                    usleep(UInt32.random(in: 0...3_000, using: &random))  // the clerk types
                    var input = PatientInput(record.details)
                    input.values["address"] = String((Int(record.address) ?? 0) + 1)
                    _ = try patients.edit(record, to: input, by: actor)
                    edits += 1
                }
            } catch PatientError.conflict {
                conflicts += 1
            } catch VisitError.takenByOther, VisitError.notInStage {
                taken += 1
            } catch {
                report("error: \(error)")
            }
        }
        report("done edits=\(edits) conflicts=\(conflicts) taken=\(taken)")
    }
}
