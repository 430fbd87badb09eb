import ClinicServices
import Foundation

/// What screens may use: the services (reached through it by name, `environment.patients`),
/// the logged-in session, configuration and time.
@dynamicMemberLookup
public final class AppEnvironment {
    /// Every service over the terminal's database.
    public let services: ServiceSet
    public let keymap: Keymap
    public let screens: ScreenCatalog
    /// Name of this terminal in audit rows, e.g. "tty /dev/pts/3".
    public let terminalName: String
    /// Where visit summaries, referral letters and other files for patients are written.
    public let outputFolder: String
    /// Where reports, claims and audit extracts made on screen are written.
    public var exportFolder: String { (outputFolder as NSString).deletingLastPathComponent + "/exports" }
    /// The site's settings as they were when the terminal started.
    public var settings: SiteInfo { services.site }
    /// The time every service and screen reads.
    public var clock: any Clock { services.clock }
    /// The logged-in user, nil on the login screen.
    public internal(set) var session: Session?

    /// The logged-in user as the actor of service calls. Screens behind the login only.
    public var actor: Actor {
        guard let session else { preconditionFailure("a screen behind the login ran without a session") }
        return .user(session)
    }

    /// The environment of a terminal: the services over its database, its configuration.
    public init(services: ServiceSet, keymap: Keymap, screens: ScreenCatalog, terminalName: String) {
        self.services = services
        outputFolder = (services.databasePath as NSString).deletingLastPathComponent + "/summaries"
        self.keymap = keymap
        self.screens = screens
        self.terminalName = terminalName
    }

    /// A service by name: `environment.patients` is `services.patients`.
    public subscript<Service>(dynamicMember path: KeyPath<ServiceSet, Service>) -> Service { services[keyPath: path] }
}
