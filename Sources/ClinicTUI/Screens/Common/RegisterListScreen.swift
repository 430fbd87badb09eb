import ClinicDomain
import ClinicServices
import TerminalKit

/// A plain register: a table of records and New, which opens a form and adds one. Serves
/// the suppliers and the locations.
final class RegisterListScreen: Screen {
    /// How one register reads and adds its records.
    struct Register {
        let title: String
        let columns: [TableColumn]
        /// The column that takes the width left over.
        let flexibleColumn: Int
        let emptyText: String
        /// The `Screens/*.yaml` form that adds a record.
        let form: String
        /// What adding a record needs.
        let addPermission: Permission
        let load: (AppEnvironment) throws -> [[String]]
        /// Adds a record from the form; returns what to tell the user.
        let add: (FormScreen, AppEnvironment) throws -> String
        /// The form's rules, judged as each field is left (`FormScreen.checkOnLeave`).
        var check: ((FormScreen, AppEnvironment) -> FieldProblems?)?
    }

    let register: Register
    private(set) var rows: [[String]] = []
    private(set) var message: String?
    private var table: Table

    init(_ register: Register, environment: AppEnvironment) {
        self.register = register
        table = Table(columns: register.columns)
        reload(environment)
    }

    var title: String { register.title }
    var contexts: [KeyContext] { [.list] }
    var keyBarActions: [KeyAction] { [.help, .new, .back] }
    func permission(for action: KeyAction) -> Permission? { action == .new ? register.addPermission : nil }

    private func reload(_ environment: AppEnvironment) {
        do { rows = try register.load(environment) } catch { message = userMessage(error) }
        table.selection.setCount(rows.count)
    }

    func handle(_ input: Input, environment: AppEnvironment) -> ScreenAction {
        message = nil  // a message answers the last key; the next one clears it
        switch input.action {
        case .back: return .pop
        case .help: return .showHelp
        case .up, .down, .pageUp, .pageDown, .first, .last: _ = table.selection.follow(input)
        case .new:
            return .push(
                FormScreen(definition: environment.screens[register.form], check: register.check) {
                    [weak self] screen, environment in
                    screen.attempt {
                        guard let self else { return .pop }
                        self.message = try self.register.add(screen, environment)
                        self.reload(environment)
                        return .pop
                    }
                })
        default: break
        }
        return .none
    }

    func render(into canvas: inout Canvas, top: Int, height: Int, environment: AppEnvironment) {
        let fixed = table.columns.enumerated().filter { $0.offset != register.flexibleColumn }.reduce(0) { $0 + $1.element.width }
        table.columns[register.flexibleColumn].width = max(12, canvas.width - 4 - fixed - table.columns.count)
        table.render(rows: rows, into: &canvas, x: 2, y: top + 1, width: canvas.width - 4, height: height - 3)
        if rows.isEmpty { canvas.put(register.emptyText, x: 2, y: top + 3, style: .muted) }
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
            flexibleColumn: 0, emptyText: "No suppliers yet.", form: "supplier", addPermission: .inventoryWrite,
            load: { environment in
                try environment.suppliers.all(by: environment.actor).map {
                    [$0.name, $0.contact, $0.phone.isEmpty ? "" : PhoneNumber.display($0.phone)]
                }
            },
            add: { screen, environment in
                let added = try environment.suppliers.add(
                    name: screen.form[SupplierField.name], contact: screen.form[SupplierField.contact],
                    phone: screen.form[SupplierField.phone],
                    by: environment.actor)
                return "Added \(added.name)."
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
            flexibleColumn: 3, emptyText: "No locations yet.", form: "location", addPermission: .routeWrite,
            load: { environment in
                try environment.schedule.locations(by: environment.actor).map {
                    [$0.province, $0.name, $0.type, [$0.address, $0.contact].filter { !$0.isEmpty }.joined(separator: " · ")]
                }
            },
            add: { screen, environment in
                "Added \(try environment.schedule.addLocation(screen.values, by: environment.actor).name)."
            },
            check: { screen, _ in LocationDetails.validate(screen.values).fieldProblems })
    }
}
