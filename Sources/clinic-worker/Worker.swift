import ArgumentParser
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
enum WorkerMain {
    static func main() {
        CrashPolicy.exitAtOnceOnCrash()
        Worker.main()
    }
}

struct Worker: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clinic-worker",
        abstract: "Drives real clinic operations for the reliability suite.",
        subcommands: [Crash.self, Trap.self, Mix.self])

    static let vitals = VitalsInput([
        "systolic": "124", "diastolic": "81", "heart_rate": "72", "resp_rate": "14",
        "temperature": "36.8", "spo2": "98", "mobility": "w", "avpu": "a", "trauma": "n",
    ])

    /// The flags every mode takes.
    struct Common: ParsableArguments {
        @Option(help: "The clinic database.") var db: String
        @Option(help: "Seeds the operations' random choices.") var seed: UInt64 = 1

        func clinic() throws -> Clinic {
            try Clinic(database: try ClinicDatabase.open(at: db), actor: .shell(name: "worker\(seed)"))
        }
    }

    struct Crash: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Whole visits in a loop until killed.")
        @OptionGroup var common: Common

        func run() throws {
            var random = SplitMix(seed: common.seed)
            let clinic = try common.clinic()
            while true { try clinic.wholeVisit(&random) }
        }
    }

    struct Trap: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Takes the write lock, then traps inside the transaction.")
        @OptionGroup var common: Common

        func run() throws {
            let database = try ClinicDatabase.open(at: common.db)
            try database.pool.write { db in
                try db.execute(sql: "UPDATE setting SET value = value WHERE key = 'siteCode'")
                report("holding the write lock")
                let huge = Int.max - Int(CommandLine.arguments.count)
                report("sum \(huge + CommandLine.arguments.count * 2)")
            }
        }
    }

    struct Mix: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "A terminal's day in a number of operations, then a summary line.")
        @OptionGroup var common: Common
        @Option(help: "How many operations.") var ops = 100
        @Option(help: "Patient ids whose address counter every worker edits, comma-separated.") var shared = ""

        func run() throws {
            var random = SplitMix(seed: common.seed)
            try common.clinic().mix(operations: ops, shared: shared.split(separator: ",").map(String.init), &random)
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
        item =
            try database.pool.read { db in
                try String.fetchOne(db, sql: "SELECT itemCode FROM batch ORDER BY id LIMIT 1")
            } ?? "PARA500T"
    }

    /// A new patient with a valid SA ID made from the generator.
    func register(_ random: inout SplitMix) throws -> PatientCard {
        let born = String(
            format: "%02d%02d%02d", Int.random(in: 40...99, using: &random), Int.random(in: 1...12, using: &random),
            Int.random(in: 1...28, using: &random))
        let body = born + String(format: "%04d", Int.random(in: 0...9999, using: &random)) + "08"
        let check = (0...9).first { SAIDNumber.luhnValid((body + "\($0)").map { Int(String($0))! }) }!
        let surnames = ["Ndlovu", "Dlamini", "Nkosi", "Mokoena", "van der Merwe", "Botha", "Naidoo", "Khumalo"]
        return try patients.register(
            PatientInput([
                "surname": surnames.randomElement(using: &random)!, "first_names": "Worker",
                "document_number": body + "\(check)",
            ]), overrideReason: "reliability suite",
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
        let prescription = try prescriptions.prescribe(
            visitId: visitId, itemCode: item, dose: "1", frequency: "tds", days: "5",
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
                    guard let next = try visits.queue(.consultation, by: actor).first(where: { $0.takenBy == nil }) else {
                        continue
                    }
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
