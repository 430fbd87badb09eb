import ArgumentParser
import ClinicServices
import ClinicStore
import ClinicTUI
import Foundation
import TerminalKit

/// `clinic` / `clinic run`: the terminal application.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Open the terminal application (the default).")

    @OptionGroup var database: DatabaseOption
    @Option(help: ArgumentHelp("Key bindings file (default: Keymaps/default.yaml).", valueName: "file"))
    var keymap: String?
    @Option(
        help: ArgumentHelp(
            "Folder holding Screens/ and Keymaps/ (default: $CLINIC_SHARE, the install's share folder or the source tree).",
            valueName: "dir"))
    var share: String?
    @Option(name: .customLong("idle-lock"), help: "Seconds without a key before the terminal locks.")
    var idleLock: Int = 300

    func validate() throws {
        guard idleLock > 0 else { throw CommandError("--idle-lock must be a positive number of seconds") }
    }

    func run() throws {
        setlocale(LC_ALL, "")
        let environment = ProcessInfo.processInfo.environment
        guard
            let folder = ResourceLocator.shareFolder(
                override: share ?? environment["CLINIC_SHARE"],
                executablePath: Self.executablePath)
        else {
            throw CommandError("cannot find the Screens/ and Keymaps/ folders; pass --share DIR or set CLINIC_SHARE")
        }
        let keys = try Keymap(path: keymap ?? folder + "/Keymaps/default.yaml")
        let screens = try ScreenCatalog(folder: folder + "/Screens")
        let store = try ClinicDatabase.open(at: database.path)
        LogSetup.toFile(beside: store.path)
        let app = ClinicApp(
            environment: AppEnvironment(
                services: try ServiceSet(database: store), keymap: keys, screens: screens,
                terminalName: Self.terminalName),
            idleLockSeconds: TimeInterval(idleLock))
        let terminal = try NCursesTerminal(environment: environment)
        app.run(on: terminal, interruption: { terminal.interruption })
    }

    static var executablePath: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }

    static var terminalName: String {
        ttyname(STDIN_FILENO).map { String(cString: $0) } ?? "terminal"
    }
}
