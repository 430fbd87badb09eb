import ArgumentParser
import ClinicStore

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
