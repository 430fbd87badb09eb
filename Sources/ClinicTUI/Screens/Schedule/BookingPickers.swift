import ClinicDomain
import ClinicServices
import TerminalKit

/// The pickers a booking goes through: which patient, which stop, which slot. Each ends by
/// calling `done` with what was chosen; the caller books and pops back.
enum BookingPickers {
    /// Patients found as on the search screen; `done` gets the patient's id.
    static func patient(_ done: @escaping (SearchPickerScreen, String, AppEnvironment) -> ScreenAction?) -> SearchPickerScreen {
        SearchPickerScreen(
            title: "Book: which patient?", keyColumn: "Folder", keyWidth: 12,
            hint: "Name, SA ID, folder, membership or phone. Enter chooses.",
            search: { query, environment in
                try environment.patients.search(query, by: environment.actor).filter(\.active).map { patient in
                    .init(
                        key: patient.folderNumber,
                        text:
                            "\(patient.surname.uppercased()), \(patient.firstNames) · born \(patient.dateOfBirth?.description ?? "?")",
                        id: patient.id)
                }
            }
        ) { picker, row, _, environment in
            done(picker, row.id!, environment)
        }
    }

    /// Stops from `stops` (already in the order to offer); `done` gets the chosen stop's id.
    static func stop(
        title: String, hint: String, _ environment: AppEnvironment, stops: @escaping (AppEnvironment) throws -> [PlannedStop],
        _ done: @escaping (SearchPickerScreen, Int64, AppEnvironment) -> ScreenAction?
    ) -> SearchPickerScreen {
        SearchPickerScreen(
            title: title, keyColumn: "Date", keyWidth: 10, hint: hint, listAtOnce: environment,
            search: { query, environment in
                try stops(environment).filter { query.isEmpty || NameKey.fold($0.place.name).contains(NameKey.fold(query)) }
                    .map { .init(key: $0.stop.date.description, text: describe($0), id: String($0.stop.id)) }
            }
        ) { picker, row, _, environment in
            done(picker, Int64(row.id!)!, environment)
        }
    }

    /// One line about a stop, the place last so a long name is what a narrow row shortens:
    /// "08:00-12:00 · 4/24 booked · T03 · #12 Sunnyside SAPS (GP)".
    static func describe(_ listing: PlannedStop) -> String {
        "\(listing.stop.opens)-\(listing.stop.closes) · \(listing.booked)/\(listing.stop.places) booked · \(listing.stop.truck) · "
            + "#\(listing.stop.id) \(listing.place.name) (\(listing.place.province))"
    }

    /// The free slots of a stop; `done` gets the chosen time.
    static func slot(
        stopId: Int64, _ environment: AppEnvironment,
        _ done: @escaping (SearchPickerScreen, ClockTime, AppEnvironment) -> ScreenAction?
    ) -> SearchPickerScreen {
        SearchPickerScreen(
            title: "Book: which slot?", keyColumn: "Time", keyWidth: 6, hint: "Type a time to jump (e.g. 10). Enter books.",
            openLabel: "Book",
            listAtOnce: environment,
            search: { query, environment in
                try environment.appointments.slots(stopId: stopId, by: environment.actor).slots
                    .filter { !$0.passed && $0.free > 0 && $0.time.matches(typed: query) }
                    .map { .init(key: $0.time.description, text: "\($0.free) of \($0.capacity) places free") }
            }
        ) { picker, row, _, environment in
            done(picker, ClockTime(typed: row.key)!, environment)
        }
    }
}

extension SearchPickerScreen {
    /// Runs a pick's work: its action when it succeeds, else the error shown here and stay.
    func attempt(_ body: () throws -> ScreenAction) -> ScreenAction? {
        do { return try body() } catch {
            message = userMessage(error)
            return nil
        }
    }
}
