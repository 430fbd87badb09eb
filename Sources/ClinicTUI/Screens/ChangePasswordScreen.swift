import ClinicServices
import TerminalKit

/// The logged-in user changes their own password. Their other sessions must log in again.
public final class ChangePasswordScreen: Screen {
    public private(set) var form: Form
    public private(set) var message: String?
    private let definition: ScreenDefinition

    public init(definition: ScreenDefinition) {
        self.definition = definition
        form = definition.makeForm()
    }

    public var title: String { definition.title }
    public var contexts: [KeyContext] { [.form] }
    public var capturesText: Bool { true }
    public var keyBarActions: [KeyAction] { definition.keys }

    public func handle(_ input: Input, environment: AppEnvironment) -> ScreenAction {
        switch input.action {
        case .back: return .pop
        case .help: return .showHelp
        case .submit:
            if form.focusedID != "repeat" {
                _ = form.handle(.tab)
                return .none
            }
            return submit(environment)
        case .nextField, .prevField:
            _ = form.handle(input.action == .nextField ? .tab : .backTab)
        default:
            _ = form.handle(input.key)
        }
        return .none
    }

    private func submit(_ environment: AppEnvironment) -> ScreenAction {
        guard let session = environment.session else { return .logout }
        form.clearErrors()
        defer { for id in ["current", "new", "repeat"] { form[id] = "" } }
        guard form["new"] == form["repeat"] else {
            form.setError("does not match", on: "repeat")
            form.focus(on: "current")
            return .none
        }
        do {
            let updated = try environment.selfService.changePassword(session, current: form["current"], new: form["new"])
            return .sequence([.sessionChanged(updated), .pop])
        } catch {
            message = "\(error)"
            form.focus(on: "current")
            return .none
        }
    }

    public func render(into canvas: inout Canvas, top: Int, height: Int, environment: AppEnvironment) {
        canvas.put("Your other terminals will have to log in again.", x: 4, y: top + 1, style: .muted)
        form.render(into: &canvas, x: 4, y: top + 3, labelWidth: 22)
        if let message { canvas.put(message, x: 4, y: top + 4 + form.fields.count * 2, style: .error) }
        if let help = form.fields.first(where: { $0.id == form.focusedID })?.help, !help.isEmpty {
            canvas.put(help, x: 4, y: top + height - 1, style: .muted, maxWidth: canvas.width - 5)
        }
    }
}
