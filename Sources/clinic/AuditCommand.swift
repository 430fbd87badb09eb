import ArgumentParser
import ClinicServices
import ClinicStore
import ClinicSync
import Foundation

/// `clinic audit verify`: walks the hash chain of the audit log.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Audit log tools.", subcommands: [Verify.self, Export.self])

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Check that no audit row was edited, deleted, inserted or reordered, and no clinical row changed behind the program's back (exit 2 if so)."
        )
        @OptionGroup var database: DatabaseOption
        @Option(
            help: ArgumentHelp(
                "Also compare with the copy head office keeps, at this central database (postgres://…).",
                valueName: "url"))
        var central: String?

        func run() throws {
            let store = try ClinicDatabase.open(at: database.path)
            var intact = true
            switch try store.pool.read({ try AuditLog.verify(in: $0) }) {
            case .intact(let rows, let sealed):
                print("Audit log intact: \(rows) rows, chain verified; \(sealed) clinical and audit rows match their seals.")
            case .broken(let rowID, let reason):
                print("Audit log BROKEN at row \(rowID): \(reason).")
                intact = false
            case .tampered(let problem):
                print("TAMPERED: \(problem).")
                intact = false
            }
            // A log rewritten whole (rechained, resealed) passes above; head office's first copy does not change.
            if let central {
                let witness = try SyncService(database: store).verifyAgainstCentral(
                    try CentralAddress.parse(central).get(),
                    by: UserCommand.actor)
                print(witness.description)
                intact = intact && witness.isClean
            }
            if !intact { throw ExitCode(2) }
        }
    }
}

extension AuditCommand {
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The audit log as CSV (id,at,actor,action,folder_number,detail), oldest first, optionally filtered.")
        @OptionGroup var database: DatabaseOption
        @Option(help: "Only rows whose user name contains this.") var user: String?
        @Option(help: ArgumentHelp("Only rows about this patient.", valueName: "folder")) var patient: String?
        @Option(help: "Only actions starting with this (e.g. visit. or patient.view).") var action: String?
        @Option(help: ArgumentHelp("From this day (YYYY-MM-DD).", valueName: "date")) var from: String?
        @Option(help: ArgumentHelp("Up to and including this day (YYYY-MM-DD).", valueName: "date")) var to: String?
        @OptionGroup var output: OutputOption

        func run() throws {
            let audit = AuditService(database: try ClinicDatabase.open(at: database.path))
            let values = ["user": user, "patient": patient, "action": action, "from": from, "to": to].compactMapValues { $0 }
            // A bad value stops with "Error: --to: to (…) is before from (…)".
            let filter = try audit.filter(values, by: UserCommand.actor)
            try output.write(protecting: database.path) { try audit.csv(filter, by: UserCommand.actor).text }
        }
    }
}

/// `clinic visit summary ID`: the plain-text visit summary for the patient.
struct VisitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "visit", abstract: "Visit tools.", subcommands: [Summary.self])

    struct Summary: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print a visit's plain-text summary for the patient (no confidential counselling notes).")
        @OptionGroup var database: DatabaseOption
        @Argument(help: "A folder number (that patient's latest visit) or a visit id (from the audit log).") var id: String
        @Flag(help: "Put the HIV test's result on the screening card (only when the member asks for it).")
        var hivResult = false
        @OptionGroup var output: OutputOption

        func run() throws {
            let store = try ClinicDatabase.open(at: database.path)
            try output.write(protecting: database.path) {
                try VisitSummary(database: store).text(visitId: id, hivResult: hivResult, by: UserCommand.actor)
            }
        }
    }
}
