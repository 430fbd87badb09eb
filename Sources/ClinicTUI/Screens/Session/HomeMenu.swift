import ClinicDomain

/// An entry of the home menu and the permission that shows it.
public struct MenuEntry: Equatable, Sendable {
    public enum Destination: Equatable, Sendable {
        case changePassword
        case patients
        case today
        case queue(VisitStage)
        case stock
        case equipment
        case route
        case alerts
        case dashboard
        case claims
        case audit
        case sync
        case lock
        case logout
        /// A part of the product that a later release adds; shown so staff see what is coming.
        case notYetBuilt
    }

    public let title: String
    /// Who sees the entry; nil means everyone.
    public let permission: Permission?
    public let destination: Destination
    /// A fuller title, and the permission that earns it: a role that may also register
    /// patients reads "Patients: find and register", one that may not reads "Patients: find".
    let fuller: (permission: Permission, title: String)?

    init(title: String, permission: Permission?, destination: Destination, fuller: (Permission, String)? = nil) {
        self.title = title
        self.permission = permission
        self.destination = destination
        self.fuller = fuller.map { (permission: $0.0, title: $0.1) }
    }

    public static func == (lhs: MenuEntry, rhs: MenuEntry) -> Bool {
        lhs.title == rhs.title && lhs.permission == rhs.permission && lhs.destination == rhs.destination
    }

    /// The home menu, in order. Entries whose permission the role lacks are not shown.
    public static let all: [MenuEntry] = [
        MenuEntry(
            title: "Patients: find", permission: .patientRead, destination: .patients,
            fuller: (.patientWrite, "Patients: find and register")),
        MenuEntry(title: "Nursing queue: vitals and triage", permission: .vitalsWrite, destination: .queue(.nursing)),
        MenuEntry(title: "Consultation queue", permission: .consultWrite, destination: .queue(.consultation)),
        MenuEntry(title: "Counselling queue", permission: .counsellingWrite, destination: .queue(.counselling)),
        MenuEntry(title: "Closure queue", permission: .visitClose, destination: .queue(.closure)),
        MenuEntry(title: "Appointments and routes", permission: .appointmentWrite, destination: .route),
        MenuEntry(
            title: "Stock: items and levels", permission: .inventoryRead, destination: .stock,
            fuller: (.inventoryWrite, "Stock: scan in, items, stock take")),
        MenuEntry(title: "Equipment register", permission: .inventoryRead, destination: .equipment),
        MenuEntry(title: "Stock and equipment alerts", permission: .inventoryRead, destination: .alerts),
        MenuEntry(title: "Dashboard and reports", permission: .reportClinical, destination: .dashboard),
        MenuEntry(title: "Claims export", permission: .exportClaims, destination: .claims),
        MenuEntry(title: "Audit log", permission: .auditRead, destination: .audit),
        MenuEntry(title: "Sync status and conflicts", permission: .sync, destination: .sync),
        MenuEntry(title: "Users and roles", permission: .userAdmin, destination: .notYetBuilt),
        // Last of the work, so the numbers staff know the queues by stay as they were.
        MenuEntry(title: "Today: every visit and where it is", permission: .visitStart, destination: .today),
        MenuEntry(title: "Change my password", permission: nil, destination: .changePassword),
        MenuEntry(title: "Lock this terminal", permission: nil, destination: .lock),
        MenuEntry(title: "Log out", permission: nil, destination: .logout),
    ]

    /// The entries `role` may use, each titled for what the role may do there.
    public static func entries(for role: Role) -> [MenuEntry] {
        all.filter { $0.permission.map { AccessPolicy.allows(role, $0) } ?? true }.map { entry in
            guard let fuller = entry.fuller, AccessPolicy.allows(role, fuller.permission) else { return entry }
            return MenuEntry(title: fuller.title, permission: entry.permission, destination: entry.destination)
        }
    }
}
