import ArgumentParser
import ClinicDomain
import ClinicServices
import ClinicStore
import ClinicSync
import Foundation

/// The central database's address, from `--central` or `$CLINIC_CENTRAL`.
struct CentralOption: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            """
            Central PostgreSQL database, postgres://USER@HOST[:PORT]/DATABASE[?sslmode=verify-full&sslrootcert=CA.pem] \
            (default: $CLINIC_CENTRAL). Off loopback, TLS with the certificate verified is the default; the password \
            comes from $PGPASSFILE or ~/.pgpass (mode 0600), not the command line.
            """, valueName: "url"))
    var central: String?

    func address() throws -> CentralAddress {
        guard let text = central ?? ProcessInfo.processInfo.environment["CLINIC_CENTRAL"], !text.isEmpty else {
            throw CommandError("give the central database with --central postgres://… or $CLINIC_CENTRAL")
        }
        // A command line is visible to every user of the machine (ps, /proc): no password there.
        if let central, URLComponents(string: central)?.password != nil {
            throw CommandError(
                "--central holds a password, which any user of this machine could read: "
                    + "give postgres://USER@HOST/DATABASE and put the password in ~/.pgpass or $PGPASSFILE (mode 0600)")
        }
        return try CentralAddress.parse(text).get()
    }
}

/// `clinic sync`: push and pull with the central database; status and conflicts.
struct SyncCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync", abstract: "Fleet sync with the central PostgreSQL database.",
        subcommands: [Run.self, Status.self, Conflicts.self, Resolve.self], defaultSubcommand: Run.self)

    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "run",
            abstract:
                "Push this truck's changes; pull the roster, other trucks' patients, this truck's stops and bookings, and conflicts.",
            discussion: """
                Safe to interrupt at any point: the next run resumes without duplicates. Counselling notes stay on the
                truck unless the setting sync.counselling is 1.
                """)
        @OptionGroup var database: DatabaseOption
        @OptionGroup var central: CentralOption
        @Option(help: "Changes pushed per central transaction.") var batch = 500

        func validate() throws {
            guard (1...10_000).contains(batch) else { throw CommandError("--batch must be 1 to 10000 (got \(batch))") }
        }

        func run() throws {
            let report = try SyncService(database: try ClinicDatabase.open(at: database.path), batchSize: batch)
                .sync(try central.address(), by: UserCommand.actor)
            print(report.description)
        }
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "When this truck last synced and how many changes wait (no connection needed).")
        @OptionGroup var database: DatabaseOption

        func run() throws {
            let status = try SyncLedger(database: try ClinicDatabase.open(at: database.path)).status(by: UserCommand.actor)
            print(SyncStatusText.line(status))
        }
    }

    struct Conflicts: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Demographic conflicts between trucks, open ones first.")
        @OptionGroup var database: DatabaseOption

        func run() throws {
            let conflicts = try SyncLedger(database: try ClinicDatabase.open(at: database.path)).conflicts(by: UserCommand.actor)
            if conflicts.isEmpty { return print("No conflicts.") }
            for c in conflicts {
                let state = c.isOpen ? "OPEN" : "resolved: \(c.resolution ?? "")"
                print(
                    "\(c.id)  \(c.folderNumber) \(c.surname), \(c.firstNames)  \(c.field): central '\(c.centralValue)', \(c.site) '\(c.truckValue)'  \(state)"
                )
            }
        }
    }

    struct Resolve: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Settle a conflict by keeping the central or the truck's value.")
        @OptionGroup var database: DatabaseOption
        @Argument(help: "The conflict's id, as `clinic sync conflicts` lists it.") var id: String
        @Option(help: "central or truck.") var keep: String

        func validate() throws {
            guard SyncLedger.Choice(rawValue: keep) != nil else {
                throw CommandError("--keep must be central or truck (got '\(keep)')")
            }
        }

        func run() throws {
            let choice = SyncLedger.Choice(rawValue: keep)!
            try SyncLedger(database: try ClinicDatabase.open(at: database.path)).resolve(id, keep: choice, by: UserCommand.actor)
            print("Resolved; the choice reaches the central database on the next sync.")
        }
    }
}

/// `clinic central migrate`.
struct CentralCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "central", abstract: "The central PostgreSQL database.", subcommands: [Migrate.self, AddTruck.self])

    struct Migrate: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create or upgrade the clinic schema on the central database.")
        @OptionGroup var database: DatabaseOption
        @OptionGroup var central: CentralOption

        func run() throws {
            let applied = try SyncService(database: try ClinicDatabase.open(at: database.path)).migrateCentral(
                try central.address(),
                by: UserCommand.actor)
            print(
                applied.isEmpty
                    ? "The central schema is up to date."
                    : "Applied central schema version\(applied.count == 1 ? "" : "s") "
                        + "\(applied.map(String.init).joined(separator: ", ")).")
        }
    }

    struct AddTruck: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add-truck", abstract: "Give a truck its own head-office login: its own site's records only.",
            discussion: """
                Run at head office after `clinic central migrate`, by a role that may create roles. Writes the truck's \
                password-file line to the new file --pgpass-out (mode 0600); copy it to the truck as ~/.pgpass of the \
                user that syncs, and sync with --central postgres://ROLE@HOST/DATABASE. Run again to change the password.
                """)
        @OptionGroup var central: CentralOption
        @Option(help: "The truck's site code (as in its settings).") var site: String
        @Option(help: ArgumentHelp("New file for the truck's password-file line (mode 0600).", valueName: "file"))
        var pgpassOut: String

        func run() throws {
            try OutputPath.check(pgpassOut, replacing: false, protected: [])
            let address = try central.address()
            let credential = try SyncService.addTruck(address, site: site)
            try ExportFile.write(credential.passwordFileLine(for: address), path: pgpassOut, replacing: false, protected: [])
            print("Truck \(credential.site) logs in as \(credential.role); its password-file line is in \(pgpassOut).")
        }
    }
}
