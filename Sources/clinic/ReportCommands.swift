import ArgumentParser
import ClinicDomain
import ClinicServices
import ClinicStore
import ClinicTUI
import Foundation

/// Reads a `--since` date for the exports.
func sinceDate(_ text: String) throws -> CalendarDate {
    guard let date = CalendarDate(iso: text) else {
        throw CommandError("--since must be a real date, YYYY-MM-DD (got '\(text)')")
    }
    return date
}

/// `clinic report daily|monthly`: visits, diagnoses, prescriptions, referrals and stock used.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Daily and monthly reports by site and day.",
        subcommands: [Daily.self, Monthly.self, HTS.self])

    /// What both reports take.
    struct Options: ParsableArguments {
        @OptionGroup var database: DatabaseOption
        @Option(help: ArgumentHelp("The day (YYYY-MM-DD); for the monthly report also YYYY-MM.", valueName: "date")) var date:
            String
        @Flag(help: "CSV (day,site,measure,code,description,count,quantity) instead of a text table.") var csv = false
        @OptionGroup var output: OutputOption

        func run(monthly: Bool) throws {
            guard let period = ReportPeriod.parse(date, monthly: monthly) else {
                throw CommandError("--date must be a real date, YYYY-MM-DD\(monthly ? " or YYYY-MM" : "") (got '\(date)')")
            }
            let reports = ReportService(database: try ClinicDatabase.open(at: database.path))
            try output.write(protecting: database.path) {
                let report = try reports.report(period, by: UserCommand.actor)
                return csv ? report.csv : ReportTable.text(report)
            }
        }
    }

    struct Daily: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "One day's report.")
        @OptionGroup var options: Options
        func run() throws { try options.run(monthly: false) }
    }

    struct HTS: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "hts",
            abstract: "The HIV testing register as CSV: one line per rapid test with its kit lot (special personal information).")
        @OptionGroup var database: DatabaseOption
        @Option(help: ArgumentHelp("The month (YYYY-MM) or one day (YYYY-MM-DD).", valueName: "date")) var date: String
        @OptionGroup var output: OutputOption

        func run() throws {
            guard let period = ReportPeriod.parse(date, monthly: date.count == 7) else {
                throw CommandError("--date must be a month, YYYY-MM, or a real date, YYYY-MM-DD (got '\(date)')")
            }
            let hts = HTSService(database: try ClinicDatabase.open(at: database.path))
            try output.write(protecting: database.path) { try hts.register(period, by: UserCommand.actor) }
        }
    }

    struct Monthly: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "One calendar month's report, by day.")
        @OptionGroup var options: Options
        func run() throws { try options.run(monthly: true) }
    }
}

/// `clinic export claims|fhir`.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Claims for the scheme and FHIR R4 for head office.",
        subcommands: [Claims.self, FHIR.self])

    struct Claims: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "One claim per closed visit of a member, as CSV lines (consultation, then dispensed medicines).",
            discussion: """
                Writes claims-SINCE-STAMP.csv into the folder: membership number, dependant code, service date, site,
                ICD-10 codes (primary first), NAPPI codes and quantities. Visits exported before are left out unless
                --again is given, so a re-run exports nothing new.
                """)
        @OptionGroup var database: DatabaseOption
        @Option(help: ArgumentHelp("Closed visits from this day on (YYYY-MM-DD).", valueName: "date")) var since: String
        @Option(help: ArgumentHelp("The folder to write into (created if its parent exists).", valueName: "dir")) var out: String
        @Flag(help: "Export visits already exported too.") var again = false

        func validate() throws { _ = try sinceDate(since) }

        func run() throws {
            let bar = ProgressBar(label: "Claims")
            let result = try ClaimsExport(database: try ClinicDatabase.open(at: database.path))
                .export(since: try sinceDate(since), to: out, again: again, by: UserCommand.actor, progress: bar.update)
            bar.finish()
            print(result.description + ".")
        }
    }

    struct FHIR: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "fhir",
            abstract: "FHIR R4 NDJSON: Patient, Condition, Encounter, Observation, MedicationRequest, ServiceRequest.",
            discussion: "One file per resource type (TYPE.ndjson), one resource per line. Counselling notes are never exported.")
        @OptionGroup var database: DatabaseOption
        @Option(help: ArgumentHelp("Visits from this day on (YYYY-MM-DD).", valueName: "date")) var since: String
        @Option(help: ArgumentHelp("The folder to write into (created if its parent exists).", valueName: "dir")) var out: String
        @Flag(help: "Replace TYPE.ndjson files already in the folder.") var force = false

        func validate() throws { _ = try sinceDate(since) }

        func run() throws {
            let bar = ProgressBar(label: "FHIR")
            let result = try FHIRExport(database: try ClinicDatabase.open(at: database.path))
                .export(since: try sinceDate(since), to: out, replacing: force, by: UserCommand.actor, progress: bar.update)
            bar.finish()
            print(result.description + ".")
        }
    }
}

/// `clinic backup --to FILE`.
struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "A consistent copy of the database (mode 0600) while others keep working, checked with integrity_check.")
    @OptionGroup var database: DatabaseOption
    @Option(help: ArgumentHelp("The new backup file (never overwritten).", valueName: "file")) var to: String

    func run() throws {
        let copy = try BackupService(database: try ClinicDatabase.open(at: database.path)).backup(to: to, by: UserCommand.actor)
        print(
            "Backup written to \(copy.path): \(copy.bytes / 1024) KiB, \(copy.patients) patients, \(copy.visits) visits; integrity check ok."
        )
    }
}

/// `clinic restore FILE`.
struct RestoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Replace the database's content with a backup, after checking the backup.",
        discussion: "The content replaced is kept beside the database as NAME.before-restore-STAMP.")
    @OptionGroup var database: DatabaseOption
    @Argument(help: "The backup file.") var file: String

    func run() throws {
        // Check the backup before touching the database; a new machine has none yet, so start an empty one.
        let path = database.path
        _ = try ClinicDatabase.checkCopy(at: file)
        let store =
            FileManager.default.fileExists(atPath: path) ? try ClinicDatabase.open(at: path) : try ClinicDatabase.create(at: path)
        let result = try BackupService(database: store).restore(from: file, by: UserCommand.actor)
        print(
            "Restored \(result.restored.patients) patients and \(result.restored.visits) visits from \(file). "
                + "The previous database was kept as \(result.safetyCopy).")
    }
}
