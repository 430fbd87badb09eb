import ClinicDomain
import ClinicServices
import TerminalKit

/// A plain register: a table of records; New opens a form and adds one, Enter opens the
/// selected one in the same form to change it. Serves the suppliers and the locations.
final class RegisterListScreen: Screen {
    /// One record as the table shows it and as its form opens to be changed.
    struct Entry {
        let id: Int64
        let cells: [String]
        /// The form's fields as they are now, by field id.
        let values: [String: String]
    }

    /// How one register reads, adds and changes its records.
    struct Register {
        let title: String
        let columns: [TableColumn]
        /// The column that takes the width left over.
        let flexibleColumn: Int
        let emptyText: String
        /// The `Screens/*.yaml` form that adds a record.
        let form: String
        /// What adding or changing a record needs.
        let writePermission: Permission
        /// The noun in the edit form's title ("supplier").
        let noun: String
        let load: (AppEnvironment) throws -> [Entry]
        /// Adds a record from the form; returns what to tell the user.
        let add: (FormScreen, AppEnvironment) throws -> String
        /// Saves the form over the record with the id; returns what to tell the user.
        let update: (Int64, FormScreen, AppEnvironment) throws -> String
        /// The form's rules, judged as each field is left (`FormScreen.checkOnLeave`).
        var check: ((FormScreen, AppEnvironment) -> FieldProblems?)?
    }

    let register: Register
    private(set) var entries: [Entry] = []
    private(set) var message: String?
    private var table: Table

    init(_ register: Register, environment: AppEnvironment) {
        self.register = register
        table = Table(columns: register.columns)
        reload(environment)
    }

    var title: String { register.title }
    var contexts: [KeyContext] { [.list] }
    var keyBarActions: [KeyAction] { [.help, .open, .new, .back] }
    func keyLabel(_ action: KeyAction) -> String? { action == .open ? "Edit" : nil }
    func permission(for action: KeyAction) -> Permission? { [.new, .open].contains(action) ? register.writePermission : nil }

    private func reload(_ environment: AppEnvironment) {
        do { entries = try register.load(environment) } catch { message = userMessage(error) }
        table.selection.setCount(entries.count)
    }

    func handle(_ input: Input, environment: AppEnvironment) -> ScreenAction {
        message = nil  // a message answers the last key; the next one clears it
        switch input.action {
        case .back: return .pop
        case .help: return .showHelp
        case .up, .down, .pageUp, .pageDown, .first, .last: _ = table.selection.follow(input)
        case .new: return .push(form(environment: environment) { try $0.add($1, $2) })
        case .open:
            guard entries.indices.contains(table.selection.selected) else { return .none }
            let entry = entries[table.selection.selected]
            return .push(
                form(title: "Edit \(register.noun)", values: entry.values, environment: environment) {
                    try $0.update(entry.id, $1, $2)
                })
        default: break
        }
        return .none
    }

    /// The register's form; submitting runs `save` and, when it works, reloads the table
    /// with its message and closes the form.
    private func form(
        title: String? = nil, values: [String: String] = [:], environment: AppEnvironment,
        save: @escaping (Register, FormScreen, AppEnvironment) throws -> String
    ) -> FormScreen {
        FormScreen(definition: environment.screens[register.form], title: title, values: values, check: register.check) {
            [weak self] screen, environment in
            screen.attempt {
                guard let self else { return .pop }
                self.message = try save(self.register, screen, environment)
                self.reload(environment)
                return .pop
            }
        }
    }

    func render(into canvas: inout Canvas, top: Int, height: Int, environment: AppEnvironment) {
        let fixed = table.columns.enumerated().filter { $0.offset != register.flexibleColumn }.reduce(0) { $0 + $1.element.width }
        table.columns[register.flexibleColumn].width = max(12, canvas.width - 4 - fixed - table.columns.count)
        table.render(rows: entries.map(\.cells), into: &canvas, x: 2, y: top + 1, width: canvas.width - 4, height: height - 3)
        if entries.isEmpty { canvas.put(register.emptyText, x: 2, y: top + 3, style: .muted) }
        if let message {
            canvas.putWrapped(message, x: 2, y: top + height - 1, width: canvas.width - 4, style: .strong, upward: true)
        }
    }
}

extension RegisterListScreen.Register {
    /// The suppliers stock is received from.
    static var suppliers: Self {
        Self(
            title: "Suppliers",
            columns: [TableColumn("Name", width: 36), TableColumn("Contact", width: 22), TableColumn("Phone", width: 14)],
            flexibleColumn: 0, emptyText: "No suppliers yet.", form: "supplier", writePermission: .inventoryWrite,
            noun: "supplier",
            load: { environment in
                try environment.suppliers.all(by: environment.actor).map {
                    let phone = $0.phone.isEmpty ? "" : PhoneNumber.display($0.phone)
                    return RegisterListScreen.Entry(
                        id: $0.id, cells: [$0.name, $0.contact, phone],
                        values: [
                            SupplierField.name.rawValue: $0.name, SupplierField.contact.rawValue: $0.contact,
                            SupplierField.phone.rawValue: phone,
                        ])
                }
            },
            add: { screen, environment in
                let added = try environment.suppliers.add(
                    name: screen.form[SupplierField.name], contact: screen.form[SupplierField.contact],
                    phone: screen.form[SupplierField.phone], by: environment.actor)
                return "Added \(added.name)."
            },
            update: { id, screen, environment in
                let saved = try environment.suppliers.update(
                    id: id, name: screen.form[SupplierField.name], contact: screen.form[SupplierField.contact],
                    phone: screen.form[SupplierField.phone], by: environment.actor)
                return "Saved \(saved.name)."
            })
    }

    /// The places the trucks park at, by province.
    static var locations: Self {
        Self(
            title: "Locations",
            columns: [
                TableColumn("Province", width: 8), TableColumn("Name", width: 26), TableColumn("Type", width: 15),
                TableColumn("Address / contact", width: 30),
            ],
            flexibleColumn: 3, emptyText: "No locations yet.", form: "location", writePermission: .routeWrite,
            noun: "location",
            load: { environment in
                try environment.schedule.locations(by: environment.actor).map { place in
                    RegisterListScreen.Entry(
                        id: place.id,
                        cells: [
                            place.province, place.name, place.type,
                            [place.address, place.contact].filter { !$0.isEmpty }.joined(separator: " · "),
                        ],
                        values: formValues(of: place))
                }
            },
            add: { screen, environment in
                "Added \(try environment.schedule.addLocation(screen.values, by: environment.actor).name)."
            },
            update: { id, screen, environment in
                "Saved \(try environment.schedule.updateLocation(id: id, screen.values, by: environment.actor).name)."
            },
            check: { screen, _ in LocationDetails.validate(screen.values).fieldProblems })
    }

    /// A place as its form shows it, to change.
    private static func formValues(of place: Place) -> [String: String] {
        var values: [LocationField: String] = [
            .name: place.name, .type: place.type, .province: place.province, .address: place.address,
            .contact: place.contact,
        ]
        if let latitude = place.latitude, let longitude = place.longitude { values[.gps] = "\(latitude), \(longitude)" }
        return Dictionary(uniqueKeysWithValues: values.map { ($0.key.rawValue, $0.value) })
    }
}
