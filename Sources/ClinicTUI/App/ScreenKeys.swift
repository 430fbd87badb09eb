import ClinicDomain
import ClinicServices

/// Which of a screen's actions the logged-in role may use: the key bar, the help and the
/// app loop all ask here, so a role is never offered what it would then be refused.
enum ScreenKeys {
    /// Whether `session` may use `action` on `screen`.
    static func allows(_ action: KeyAction, on screen: any Screen, session: Session?) -> Bool {
        guard let permission = screen.permission(for: action) else { return true }
        return session?.can(permission) ?? false
    }

    /// `actions` without those the role may not use, in order.
    static func offered(_ actions: [KeyAction], on screen: any Screen, session: Session?) -> [KeyAction] {
        actions.filter { allows($0, on: screen, session: session) }
    }

    /// The refusal in plain words when the role may not use `action` here, else nil.
    static func refusal(of action: KeyAction, on screen: any Screen, session: Session?) -> String? {
        guard let permission = screen.permission(for: action), let session, !session.can(permission) else { return nil }
        return AccessDenied(role: session.role, permission: permission).description
    }
}
