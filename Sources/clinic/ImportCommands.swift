import ArgumentParser
import ClinicServices
import ClinicStore
import Foundation

/// Runs an import with a progress bar, prints its rejected rows (file:line: reason) on
/// stderr and its summary on stdout; exits 1 when any row was rejected.
func runImport(
    _ label: String, database: DatabaseOption,
    _ importer: (ClinicDatabase, @escaping ImportProgress) throws -> ImportReport
) throws {
    let bar = ProgressBar(label: label)
    let report = try importer(try ClinicDatabase.open(at: database.path), bar.update)
    bar.finish()
    for problem in report.problems.prefix(200) { FileHandle.standardError.write(Data("\(problem)\n".utf8)) }
    if report.problems.count > 200 {
        FileHandle.standardError.write(Data("… and \(report.problems.count - 200) more rejected rows\n".utf8))
    }
    for note in report.notes { print(note) }
    print(report.description + ".")
    if !report.problems.isEmpty { throw ExitCode(1) }
}

/// `clinic tariffs import FILE.csv`: what the scheme pays for each screening test.
struct TariffsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tariffs", abstract: "Claim tariffs for screening tests.", subcommands: [Import.self])

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Replace the screening tariffs from CSV (finance).",
            discussion: """
                Columns: test, tariff_code, description. test is glucose, bp, cholesterol, waist, bmi, tb, phq2,
                phq9, auditc or hiv (an HIV test done; never its result). Every line must be right: a bad line is
                listed as FILE:LINE: reason and nothing changes. Claims carry one line per test that has a tariff.
                """)
        @OptionGroup var database: DatabaseOption
        @Argument(help: "The tariff CSV file.") var file: String

        func run() throws {
            try runImport("Tariffs", database: database) { store, progress in
                try TariffImport(database: store).run(path: file, by: UserCommand.actor, progress: progress)
            }
        }
    }
}

/// `clinic members import FILE.csv`: the scheme's member roster.
struct MembersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "members", abstract: "The medical scheme's member roster.", subcommands: [Import.self])

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Load or refresh the roster from CSV.",
            discussion: """
                Columns: membership_number, dependant_code, surname, first_names, status (required);
                date_of_birth (YYYY-MM-DD), sa_id, option. Re-importing the same file changes nothing.
                Bad rows are listed as FILE:LINE: reason and skipped; the exit status is then 1.
                """)
        @OptionGroup var database: DatabaseOption
        @Argument(help: "The roster CSV file.") var file: String

        func run() throws {
            try runImport("Roster", database: database) { store, progress in
                try RosterImport(database: store).run(path: file, by: UserCommand.actor, progress: progress)
            }
        }
    }
}

/// `clinic patients import FILE.csv`: migrating an existing patient list.
struct PatientsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "patients", abstract: "Patient records at the shell.", subcommands: [Import.self])

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Register patients from CSV, validated like the registration screen.",
            discussion: """
                Columns are the registration field ids: surname, first_names, document_number (required);
                document_type, sex, date_of_birth, phone, address, province, language, next_of_kin,
                next_of_kin_phone, membership_number, dependant_code, main_member_folder.
                Patients already registered (same SA ID or membership) are skipped.
                """)
        @OptionGroup var database: DatabaseOption
        @Argument(help: "The patient CSV file.") var file: String

        func run() throws {
            try runImport("Patients", database: database) { store, progress in
                try PatientImport(database: store).run(path: file, by: UserCommand.actor, progress: progress)
            }
        }
    }
}

/// `clinic icd10 import FILE.csv`: the full ICD-10 list over the bundled subset.
struct ICD10Command: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "icd10", abstract: "The ICD-10 code list.", subcommands: [Import.self])

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Load the full WHO ICD-10 list (South Africa's MIT file, as CSV).",
            discussion: """
                Columns: code (or icd10_code), title (or who_full_desc), valid_primary (Y/N, optional).
                The program ships only a small primary-care subset, because WHO's list may not be
                redistributed; import the MIT file your scheme provides. Bad rows are listed as FILE:LINE.
                """)
        @OptionGroup var database: DatabaseOption
        @Argument(help: "The ICD-10 CSV file.") var file: String

        func run() throws {
            try runImport("ICD-10", database: database) { store, progress in
                try ICD10Import(database: store).run(path: file, by: UserCommand.actor, progress: progress)
            }
        }
    }
}

/// `clinic formulary import FILE.csv`: more medicines for prescribing.
struct FormularyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "formulary", abstract: "The medicines doctors prescribe from.", subcommands: [Import.self])

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add or replace formulary items from CSV.",
            discussion: """
                Columns: code, generic_name, form, unit (required); strength, route. The program ships a
                small PHC Essential Medicines List subset; an existing code is replaced. Bad rows are listed as FILE:LINE.
                """)
        @OptionGroup var database: DatabaseOption
        @Argument(help: "The formulary CSV file.") var file: String

        func run() throws {
            try runImport("Formulary", database: database) { store, progress in
                try FormularyImport(database: store).run(path: file, by: UserCommand.actor, progress: progress)
            }
        }
    }
}

/// `clinic stock import FILE.csv` and `clinic stock report`.
struct StockCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stock", abstract: "The truck's medicine stock.", subcommands: [Import.self, Report.self])

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "First load of stock from CSV.",
            discussion: """
                Columns: item_code, gtin, batch, expiry (YYYY-MM-DD), quantity (required); reorder_level, nappi, supplier, unit_cost.
                Each row links the GTIN to the formulary item and receives the batch; expired stock and bad
                rows are listed as FILE:LINE and skipped.
                """)
        @OptionGroup var database: DatabaseOption
        @Argument(help: "The stock CSV file.") var file: String

        func run() throws {
            try runImport("Stock", database: database) { store, progress in
                try StockImport(database: store).run(path: file, by: UserCommand.actor, progress: progress)
            }
        }
    }

    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stock on hand per batch as CSV.")
        @OptionGroup var database: DatabaseOption
        @OptionGroup var output: OutputOption

        func run() throws {
            let stock = StockImport(database: try ClinicDatabase.open(at: database.path))
            try output.write(protecting: database.path) { try stock.report(by: UserCommand.actor) }
        }
    }
}
