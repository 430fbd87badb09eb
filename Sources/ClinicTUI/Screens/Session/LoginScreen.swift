import ClinicServices
import TerminalKit

/// Username and masked password. Also the lock screen of an idle terminal, where the
/// locked user resumes and anyone else logs them out and starts fresh.
public final class LoginScreen: Screen {
    public private(set) var form: Form
    /// The user whose terminal is locked; nil on the plain login screen.
    public let lockedUser: Session?
    /// The last failure or notice shown under the form.
    public private(set) var message: String?
    private let definition: ScreenDefinition
    /// What the screen opened saying (why it locked), if anything.
    private let notice: String?

    public init(definition: ScreenDefinition, lockedUser: Session? = nil, notice: String? = nil) {
        self.definition = definition
        self.notice = notice
        self.lockedUser = lockedUser
        self.message = notice
        form = definition.makeForm()
        if let lockedUser {
            form[LoginField.username] = lockedUser.username
            form.focus(on: LoginField.password)
        }
    }

    public var title: String { lockedUser == nil ? definition.title : "Terminal locked" }
    public var contexts: [KeyContext] { [.form] }
    public var capturesText: Bool { true }
    public var keyBarActions: [KeyAction] { definition.keys }

    public func handle(_ input: Input, environment: AppEnvironment) -> ScreenAction {
        switch input.action {
        case .submit:
            if form.focusedID == "username" && form[LoginField.password].isEmpty {
                form.focus(on: LoginField.password)
                return .none
            }
            return submit(environment)
        case .help: return .showHelp
        case .nextField, .prevField:
            _ = form.handle(input.action == .nextField ? .tab : .backTab)
            return .none
        default:
            // Typing again answers a failed login's message; a notice the screen opened with stays.
            if form.handle(input.key), message != notice { message = notice }
            return .none
        }
    }

    private func submit(_ environment: AppEnvironment) -> ScreenAction {
        let username = form[LoginField.username], password = form[LoginField.password]
        form[LoginField.password] = ""
        guard !username.isEmpty else {
            message = "Type your username."
            form.focus(on: LoginField.username)
            return .none
        }
        do {
            let session = try environment.auth.login(
                username: username, password: password,
                terminal: environment.terminalName)
            message = nil
            return .loggedIn(session)
        } catch let error as LoginError {
            message = error.description
        } catch {
            message = "Cannot log in: \(userMessage(error))"
        }
        form.focus(on: LoginField.password)
        return .none
    }

    public func render(into canvas: inout Canvas, top: Int, height: Int, environment: AppEnvironment) {
        let x = max(2, (canvas.width - 70) / 2)
        var y = top + 2
        canvas.put(environment.settings.siteName, x: x, y: y, style: .strong)
        y += 2
        if let lockedUser {
            canvas.put(
                "Locked. \(lockedUser.fullName): type your password to resume.",
                x: x, y: y, maxWidth: canvas.width - x - 1)
            canvas.put(
                "Someone else may log in instead; that logs \(lockedUser.username) out.",
                x: x, y: y + 1, style: .muted, maxWidth: canvas.width - x - 1)
        } else {
            canvas.put("Log in with your own username and password.", x: x, y: y)
        }
        y += 3
        form.render(into: &canvas, x: x, y: y, labelWidth: 10)
        y += form.fields.count * 2
        if let message {
            canvas.put(message, x: x, y: y, style: .error, maxWidth: canvas.width - x - 1)
        }
        if environment.settings.isDemo && lockedUser == nil {
            let users = "admin doctor nurse clerk social stock finance viewer"
            canvas.put(
                "Demo database. Users: \(users)", x: x, y: top + height - 3, style: .muted,
                maxWidth: canvas.width - x - 1)
            canvas.put(
                "Password: the one printed by `clinic demo` (default clinic-demo).",
                x: x, y: top + height - 2, style: .muted)
        }
    }
}

extension Screen {
    /// Whether this is the lock screen of an idle terminal.
    var isLockScreen: Bool { (self as? LoginScreen)?.lockedUser != nil }
}
