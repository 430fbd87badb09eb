import ArgumentParser
import ClinicServices
import Foundation

/// `clinic init`: a real clinic database with its first administrator.
struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create a new clinic database and its first administrator (asked for, no default account).")

    @OptionGroup var database: DatabaseOption
    @Option(help: "Site name shown on every screen, e.g. \"POLMED Truck 3\".") var site = "Mobile Clinic"
    @Option(name: .customLong("site-code"), help: "2-6 capitals/digits prefixed to folder numbers, unique per truck.")
    var siteCode = "MC"
    @Option(help: "Username of the first administrator (asked for when omitted).") var admin: String?
    @Option(name: .customLong("full-name"), help: "Full name of the first administrator.") var fullName: String?

    func run() throws {
        let path = database.path
        guard !FileManager.default.fileExists(atPath: path) else {
            throw CommandError("a database already exists at \(path); refusing to overwrite it")
        }
        let username = try admin ?? PasswordPrompt.readLine("Administrator username: ")
        let name = try fullName ?? PasswordPrompt.readLine("Administrator full name: ")
        let password = try PasswordPrompt.readNew("Administrator password")
        try ClinicSetup().initialize(
            at: path, siteName: site, siteCode: siteCode, adminUsername: username,
            adminFullName: name, adminPassword: password)
        print("Created \(path) for \(site) with administrator \(username).")
    }
}

/// `clinic demo`: a demo database with one account per role.
struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create or refresh a demo database with one user per role, and print their logins.")

    @OptionGroup var database: DatabaseOption
    @Option(help: "One password for every demo user.") var password = ClinicSetup.defaultDemoPassword
    @Option(help: "Also add this many synthetic patients (South African names, valid SA IDs).") var patients = 0
    @Flag(help: "Also add sample stock, suppliers and equipment (skipped when the database holds stock).") var sampleStock = false
    @Flag(help: "With --patients: also three weeks of closed visits and two weeks of stops with bookings.")
    var history = false

    func validate() throws {
        guard patients >= 0 else { throw CommandError("--patients must be 0 or more") }
    }

    func run() throws {
        let path = database.path
        let store = try ClinicSetup().demo(at: path, password: password)
        if patients > 0 {
            let bar = ProgressBar(label: "Patients")
            try DemoPatients(database: store).seed(patients, background: true, roster: true, progress: bar.update)
            bar.finish()
            print("Added \(patients) synthetic patients.")
        }
        if sampleStock, try DemoStock(database: store).seed() {
            print("Added sample stock, suppliers and equipment.")
        }
        if patients > 0, history, case let visits = try DemoHistory(database: store).seed(password: password), visits > 0 {
            print("Added \(visits.counted("closed visit")) over the last three weeks and stops for the next two.")
        }
        print("Demo database ready: \(path)")
        print("Demo logins (password for all: \(password)):")
        for (username, name, role) in ClinicSetup.demoStaff {
            print("  \(username.padding(toLength: 9, withPad: " ", startingAt: 0)) \(role.title) — \(name)")
        }
    }
}
