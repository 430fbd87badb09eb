import ClinicDomain
import ClinicServices
import TerminalKit

/// A key press together with the keymap action it means on the current screen, if any.
public struct Input: Sendable {
    public let key: Key
    public let action: KeyAction?
}

/// What a screen asks the app to do after handling input.
public enum ScreenAction {
    case none
    case push(any Screen)
    case pop
    case replace(any Screen)
    /// A login (or unlock) succeeded with this session.
    case loggedIn(Session)
    /// The session's credentials changed; carry on with this session.
    case sessionChanged(Session)
    case logout
    case lock
    case quit
    case showHelp
    /// Show a row's whole text in a box over the screen (a list row cut to its column);
    /// any key closes it.
    case showDetail(title: String, text: String)
    /// Say this on the screen now on top (after a pop: the one returned to), until the next key.
    case confirm(String)
    /// Run this work off the input loop, then do what its result says.
    case run(BackgroundJob)
    /// Several actions, applied in order.
    case sequence([ScreenAction])
}

/// One screen of the stack: state, input handling and drawing. Screens never touch the
/// database; they call services through `AppEnvironment`.
public protocol Screen: AnyObject {
    /// Shown in the title bar.
    var title: String { get }
    /// Keymap contexts (besides `global`) that apply on this screen.
    var contexts: [KeyContext] { get }
    /// True while a text field has focus: printable keys then go to the field, not to global bindings.
    var capturesText: Bool { get }
    /// Actions shown in the key bar, in order.
    var keyBarActions: [KeyAction] { get }
    /// Reacts to one key press.
    func handle(_ input: Input, environment: AppEnvironment) -> ScreenAction
    /// Draws the content area (between the title bar and the status line).
    func render(into canvas: inout Canvas, top: Int, height: Int, environment: AppEnvironment)
    /// Called about twice a second without input, e.g. to refresh a live queue.
    func tick(environment: AppEnvironment)
    /// This screen's own word for an action in the key bar and help (e.g. "Status" rather
    /// than "(De)activate"), or nil for the usual one.
    func keyLabel(_ action: KeyAction) -> String?
    /// Every action this screen acts on, for the help; usually the key bar's.
    var helpActions: [KeyAction] { get }
    /// Values typed here and not saved: quitting or logging out asks before throwing them away.
    var unsavedValueCount: Int { get }
    /// The help's heading over the movement keys: what up, down and the page keys move through.
    var movementHeading: String { get }
    /// The permission `action` needs on this screen, or nil when anyone who reached the
    /// screen may use it. Actions a role lacks are left out of the key bar and the help,
    /// and the app refuses them in plain words before the screen sees the key.
    func permission(for action: KeyAction) -> Permission?
}

extension Screen {
    public var contexts: [KeyContext] { [] }
    public var capturesText: Bool { false }
    public func tick(environment: AppEnvironment) {}
    public func keyLabel(_ action: KeyAction) -> String? { nil }
    public var helpActions: [KeyAction] { keyBarActions }
    public var unsavedValueCount: Int { 0 }
    public var movementHeading: String { "Moving in the list:" }
    public func permission(for action: KeyAction) -> Permission? { nil }
}
