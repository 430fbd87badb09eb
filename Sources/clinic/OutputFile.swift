import ArgumentParser
import ClinicServices
import Foundation

/// `--out FILE` and `--force`: where a command's text goes, standard output by default.
struct OutputOption: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Write to this new file (mode 0600) instead of standard output; - is standard output.",
            valueName: "file"))
    var out: String?
    @Flag(help: "Replace the --out file if it exists (never the database, its journal or log, nor a device).")
    var force = false

    /// Checks the destination first (`-`, as for most commands, is standard output) (refused before any work when it may not be written),
    /// then prints what `text` makes, or writes it whole (temporary file, fsync, rename) and
    /// says so. `database` and its journal and log are never written.
    func write(protecting database: String, _ text: () throws -> String) throws {
        guard let out, out != "-" else { return print(try text(), terminator: "") }
        let protected = OutputPath.databaseFiles(database)
        try OutputPath.check(out, replacing: force, protected: protected)
        try ExportFile.write(try text(), path: out, replacing: force, protected: protected)
        print("Written to \(out).")
    }
}
