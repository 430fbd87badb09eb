import ArgumentParser
import ClinicDomain
import ClinicServices
import ClinicStore

extension Role: ExpressibleByArgument {}

/// `clinic user …`: staff accounts at the shell, audited as `shell:<login name>`.
struct UserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Manage staff accounts (add, passwd, lock, unlock, list).",
        subcommands: [Add.self, Passwd.self, Lock.self, Unlock.self, List.self])

    static func administration(_ option: DatabaseOption) throws -> UserAdministration {
        UserAdministration(database: try ClinicDatabase.open(at: option.path))
    }

    static var actor: Actor { .shell(name: PasswordPrompt.operatorName) }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a user; the password is asked for twice.")
        @OptionGroup var database: DatabaseOption
        @Argument(help: "Username: lowercase letters, digits, '.', '-', '_'.") var username: String
        @Option(help: ArgumentHelp("Role: \(Role.allCases.map(\.rawValue).joined(separator: ", ")).")) var role: Role
        @Option(help: "Full name as shown on screens.") var name: String

        func run() throws {
            let admin = try UserCommand.administration(database)
            let password = try PasswordPrompt.readNew("Password for \(username)")
            try admin.add(username: username, fullName: name, role: role, password: password, by: UserCommand.actor)
            print("Added \(username) (\(role.title)).")
        }
    }

    struct Passwd: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set a user's password; ends their sessions and clears a lockout.")
        @OptionGroup var database: DatabaseOption
        @Argument var username: String

        func run() throws {
            let admin = try UserCommand.administration(database)
            let password = try PasswordPrompt.readNew("New password for \(username)")
            try admin.setPassword(username: username, password: password, by: UserCommand.actor)
            print("Password of \(username) changed.")
        }
    }

    struct Lock: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Disable a user's account until unlocked.")
        @OptionGroup var database: DatabaseOption
        @Argument var username: String

        func run() throws {
            try UserCommand.administration(database).lock(username: username, by: UserCommand.actor)
            print("Locked \(username).")
        }
    }

    struct Unlock: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Re-enable an account and clear a failed-login lockout.")
        @OptionGroup var database: DatabaseOption
        @Argument var username: String

        func run() throws {
            try UserCommand.administration(database).unlock(username: username, by: UserCommand.actor)
            print("Unlocked \(username).")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List users with role and state.")
        @OptionGroup var database: DatabaseOption

        func run() throws {
            let admin = try UserCommand.administration(database)
            print("USERNAME   ROLE                STATE    NAME")
            for user in try admin.list(by: UserCommand.actor) {
                let state = user.disabled ? "disabled" : (user.lockedOut ? "locked" : "active")
                print(
                    [
                        user.username.padding(toLength: 10, withPad: " ", startingAt: 0),
                        user.role.title.padding(toLength: 19, withPad: " ", startingAt: 0),
                        state.padding(toLength: 8, withPad: " ", startingAt: 0), user.fullName,
                    ].joined(separator: " "))
            }
        }
    }
}
