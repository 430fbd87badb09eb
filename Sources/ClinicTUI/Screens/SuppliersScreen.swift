import ClinicDomain
import ClinicServices
import ClinicStore
import TerminalKit

/// The suppliers stock is received from; a new one is a key away.
final class SuppliersScreen: Screen {
    private(set) var suppliers: [SupplierRecord] = []
    private(set) var message: String?
    private var table = Table(columns: [TableColumn("Name", width: 36), TableColumn("Contact", width: 22), TableColumn("Phone", width: 14)])

    init(environment: AppEnvironment) { reload(environment) }

    var title: String { "Suppliers" }
    var contexts: [KeyContext] { [.list] }
    var keyBarActions: [KeyAction] { [.help, .new, .back] }

    private func reload(_ environment: AppEnvironment) {
        do { suppliers = try environment.suppliers.all(by: environment.actor) } catch { message = "\(error)" }
        table.selection.setCount(suppliers.count)
    }

    func handle(_ input: Input, environment: AppEnvironment) -> ScreenAction {
        switch input.action {
        case .back: return .pop
        case .help: return .showHelp
        case .up, .down, .pageUp, .pageDown, .first, .last: _ = table.selection.handle(input.key, pageSize: 10)
        case .new:
            return .push(FormScreen(definition: environment.screens["supplier"]) { [weak self] screen, environment in
                screen.attempt {
                    let added = try environment.suppliers.add(name: screen.form["name"], contact: screen.form["contact"],
                                                              phone: screen.form["phone"], by: environment.actor)
                    self?.reload(environment)
                    self?.message = "Added \(added.name)."
                    return .pop
                }
            })
        default: break
        }
        return .none
    }

    func render(into canvas: inout Canvas, top: Int, height: Int, environment: AppEnvironment) {
        table.render(rows: suppliers.map { [$0.name, $0.contact, $0.phone.isEmpty ? "" : PhoneNumber.display($0.phone)] },
                     into: &canvas, x: 2, y: top + 1, width: canvas.width - 4, height: height - 3)
        if suppliers.isEmpty { canvas.put("No suppliers yet. Add one with New.", x: 2, y: top + 3, style: .muted) }
        if let message { canvas.put(message, x: 2, y: top + height - 1, style: .strong, maxWidth: canvas.width - 4) }
    }
}
