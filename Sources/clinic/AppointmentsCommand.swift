import ArgumentParser
import ClinicDomain
import ClinicServices
import ClinicStore

/// `clinic appointments reminders` and `clinic appointments book`.
struct AppointmentsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "appointments", abstract: "Appointments at route stops.", subcommands: [Reminders.self, Book.self])

    struct Reminders: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Booked appointments on a date as CSV (name, phone, time, place) for an SMS tool.")
        @OptionGroup var database: DatabaseOption
        @Option(help: ArgumentHelp("The day, YYYY-MM-DD.", valueName: "date")) var date: String
        @OptionGroup var output: OutputOption

        func validate() throws {
            guard CalendarDate(iso: date) != nil else {
                throw CommandError("--date must be a real date, YYYY-MM-DD (got '\(date)')")
            }
        }

        func run() throws {
            let store = try ClinicDatabase.open(at: database.path)
            try output.write(protecting: database.path) {
                try AppointmentService(database: store).reminders(on: CalendarDate(iso: date)!, by: UserCommand.actor)
            }
        }
    }

    struct Book: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Book a patient (by folder number) into a slot of a route stop.")
        @OptionGroup var database: DatabaseOption
        @Option(help: "The route stop's number, as on the route screen.") var stop: Int64
        @Option(help: ArgumentHelp("The slot's start, HH:MM.", valueName: "time")) var time: String
        @Option(help: "The patient's folder number.") var patient: String

        func validate() throws {
            guard ClockTime(typed: time) != nil else { throw CommandError("--time must be HH:MM (got '\(time)')") }
        }

        func run() throws {
            let store = try ClinicDatabase.open(at: database.path)
            guard
                let found = try PatientService(database: store).search(patient, by: UserCommand.actor)
                    .first(where: { $0.folderNumber.caseInsensitiveCompare(patient) == .orderedSame })
            else {
                throw PatientError.notFound("with folder number \(patient)")
            }
            try AppointmentService(database: store).book(
                stopId: stop, slot: ClockTime(typed: time)!, patientId: found.id,
                by: UserCommand.actor)
            print("Booked \(found.folderNumber) at \(time).")
        }
    }
}
