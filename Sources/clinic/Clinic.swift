import ArgumentParser
import ClinicServices

/// `clinic`: the Mobile Clinic terminal application and its administration commands.
@main
struct Clinic: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clinic",
        abstract: "Mobile Clinic: the clinic workflow of a POLMED mobile clinic truck, at the terminal.",
        discussion: """
            Without a subcommand, opens the terminal application on the clinic database.
            The database is --db PATH, else $CLINIC_DB, else
            $XDG_DATA_HOME/mobile-clinic/clinic.sqlite (~/.local/share/... when XDG_DATA_HOME is unset).
            The application takes --db, --keymap FILE, --share DIR and --idle-lock SECONDS
            (details: clinic run --help). Set NO_COLOR for monochrome.
            """,
        version: "clinic (Mobile Clinic) 2026.12",
        subcommands: [
            Run.self, Init.self, Demo.self, UserCommand.self, MembersCommand.self, PatientsCommand.self, ICD10Command.self,
            FormularyCommand.self, TariffsCommand.self, StockCommand.self,
            AppointmentsCommand.self, VisitCommand.self, ReportCommand.self, ExportCommand.self, BackupCommand.self,
            RestoreCommand.self, SyncCommand.self, CentralCommand.self, AuditCommand.self,
        ],
        defaultSubcommand: Run.self)

    /// Sets how a crash ends (see `CrashPolicy`) before anything else runs.
    static func main() {
        CrashPolicy.exitAtOnceOnCrash()
        main(Array(CommandLine.arguments.dropFirst()))
    }
}

/// The `--db` option every command that touches the database shares.
struct DatabaseOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Database file (default: $CLINIC_DB, then the XDG data folder).", valueName: "path"))
    var db: String?

    /// The database path this invocation means.
    var path: String { DatabaseLocation.resolve(flag: db) }
}
