import ClinicDomain
import ClinicServices
import TerminalKit

/// The trucks' itinerary from today on, by date: Enter opens a stop's day list, New plans a
/// stop, Locations lists the places. Follows changes made on any terminal.
final class RouteScreen: Screen {
    private(set) var stops: [PlannedStop] = []
    private(set) var message: String?
    private var changes = ChangeWatcher()
    private var table = Table(columns: [
        TableColumn("No.", width: 4), TableColumn("Date", width: 14), TableColumn("Hours", width: 11),
        TableColumn("Truck", width: 6), TableColumn("Location", width: 24), TableColumn("Booked", width: 9),
    ])

    init(environment: AppEnvironment) { tick(environment: environment) }

    var title: String { "Routes and appointments" }
    var contexts: [KeyContext] { [.list, .schedule] }
    var keyBarActions: [KeyAction] { [.help, .open, .new, .locations, .back] }
    func permission(for action: KeyAction) -> Permission? { action == .new ? .routeWrite : nil }
    func keyLabel(_ action: KeyAction) -> String? { action == .new ? "New stop" : nil }

    func tick(environment: AppEnvironment) {
        guard changes.changed(environment) else { return }
        do { stops = try environment.schedule.upcomingStops(truck: nil, by: environment.actor) } catch {
            message = userMessage(error)
        }
        table.selection.setCount(stops.count)
    }

    func handle(_ input: Input, environment: AppEnvironment) -> ScreenAction {
        message = nil  // a message answers the last key; the next one clears it
        switch input.action {
        case .back: return .pop
        case .help: return .showHelp
        case .up, .down, .pageUp, .pageDown, .first, .last: _ = table.selection.follow(input)
        case .locations: return .push(RegisterListScreen(.locations, environment: environment))
        case .open:
            guard stops.indices.contains(table.selection.selected) else { return .none }
            return .push(StopScreen(stopId: stops[table.selection.selected].stop.id, environment: environment))
        case .new: return .push(placePicker(environment))
        default: break
        }
        return .none
    }

    /// New stop, first step: the place, by part of its name (as the ICD-10 picker finds codes).
    private func placePicker(_ environment: AppEnvironment) -> SearchPickerScreen {
        SearchPickerScreen(
            title: "New stop: which place?", keyColumn: "Province", keyWidth: 8,
            hint: "Type part of the place's name. Enter chooses.",
            listAtOnce: environment,
            search: { query, environment in
                try environment.schedule.locations(by: environment.actor)
                    .filter { query.isEmpty || NameKey.fold($0.name).contains(NameKey.fold(query)) }
                    .map { .init(key: $0.province, text: "\($0.name) · \($0.type)", id: $0.name) }
            }
        ) { [weak self] _, row, _, environment in
            guard let self else { return .pop }
            return .replace(stopForm(place: row.id ?? row.text, environment))
        }
    }

    /// New stop, second step: the plan for the chosen place.
    private func stopForm(place: String, _ environment: AppEnvironment) -> FormScreen {
        let form = FormScreen(
            definition: environment.screens["route-stop"], intro: "Stop at \(place)",
            values: fieldValues([StopField.location: place]),
            suggested: fieldValues([
                StopField.truck: environment.settings.siteCode, .noShowGrace: String(NoShowRule.defaultGraceMinutes),
            ]),
            check: { screen, environment in
                StopPlan.validate(screen.values, today: CalendarDate(environment.clock.now())).fieldProblems
            }
        ) {
            [weak self] screen, environment in
            screen.attempt {
                let stop = try environment.schedule.addStop(
                    location: screen.form[StopField.location], screen.values, by: environment.actor)
                self?.message = "Planned stop #\(stop.id) on \(stop.date) \(stop.opens)-\(stop.closes)."
                self?.tick(environment: environment)
                return .pop
            }
        }
        form.form.focus(on: StopField.date)
        return form
    }

    func render(into canvas: inout Canvas, top: Int, height: Int, environment: AppEnvironment) {
        let rows = stops.map { listing -> [String] in
            let day = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][listing.stop.date.weekday - 1]
            return [
                "\(listing.stop.id)", "\(day) \(listing.stop.date)", "\(listing.stop.opens)-\(listing.stop.closes)",
                listing.stop.truck,
                "\(listing.place.name) (\(listing.place.province))", "\(listing.booked)/\(listing.stop.places)",
            ]
        }
        table.columns[4].width = max(16, canvas.width - 4 - 4 - 14 - 11 - 6 - 9 - 6)
        table.render(rows: rows, into: &canvas, x: 2, y: top + 1, width: canvas.width - 4, height: height - 3)
        if stops.isEmpty {
            canvas.put("No stops planned from today on. Plan one with New stop.", x: 2, y: top + 3, style: .muted)
        }
        if let message {
            canvas.putWrapped(message, x: 2, y: top + height - 1, width: canvas.width - 4, style: .strong, upward: true)
        }
    }
}
