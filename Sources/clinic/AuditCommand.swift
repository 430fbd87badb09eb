import ArgumentParser
import ClinicServices
import ClinicStore
import Foundation

/// `clinic audit verify`: walks the hash chain of the audit log.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Audit log tools.", subcommands: [Verify.self])

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check that no audit row was edited, deleted, inserted or reordered (exit 2 if broken).")
        @OptionGroup var database: DatabaseOption

        func run() throws {
            let store = try ClinicDatabase.open(at: database.path)
            switch try store.pool.read({ try AuditLog.verify(in: $0) }) {
            case .intact(let rows):
                print("Audit log intact: \(rows) rows, chain verified.")
            case .broken(let rowID, let reason):
                print("Audit log BROKEN at row \(rowID): \(reason).")
                throw ExitCode(2)
            }
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
        @Option(help: ArgumentHelp("Write to this file (mode 0600) instead of standard output.", valueName: "file")) var out: String?

        func run() throws {
            let store = try ClinicDatabase.open(at: database.path)
            try OutputFile.write(try VisitSummary(database: store).text(visitId: id, by: UserCommand.actor), to: out)
        }
    }
}
