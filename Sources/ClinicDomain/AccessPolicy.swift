/// The role × permission table of DESIGN.md, as data. Services consult it before
/// every use case; screens consult it only to decide what to show.
public enum AccessPolicy {
    /// Roles granted each permission. Administrators hold every permission.
    public static let grants: [Permission: Set<Role>] = [
        .patientRead: [.admin, .doctor, .nurse, .clerk, .social, .finance, .viewer],
        .patientWrite: [.admin, .doctor, .nurse, .clerk],
        .visitStart: [.admin, .doctor, .nurse, .clerk],
        .visitCancel: [.admin, .doctor, .nurse, .clerk],
        .vitalsWrite: [.admin, .doctor, .nurse],
        .consultWrite: [.admin, .doctor],
        .prescriptionWrite: [.admin, .doctor],
        .referralWrite: [.admin, .doctor, .social],
        .referralRead: [.admin, .doctor, .nurse, .social, .viewer],
        .counsellingWrite: [.admin, .social],
        .counsellingRead: [.admin, .doctor, .social],
        .screeningHIVRead: [.admin, .doctor, .nurse, .social],
        .visitClose: [.admin, .doctor, .nurse, .clerk],
        .appointmentWrite: [.admin, .doctor, .nurse, .clerk],
        .routeWrite: [.admin, .clerk],
        .inventoryRead: [.admin, .doctor, .nurse, .stock, .finance, .viewer],
        .inventoryDispense: [.admin, .doctor, .nurse, .stock],
        .inventoryWrite: [.admin, .stock],
        .assetWrite: [.admin, .stock],
        .reportClinical: [.admin, .doctor, .nurse, .finance, .viewer],
        .reportFinance: [.admin, .finance],
        .exportClaims: [.admin, .finance],
        .userAdmin: [.admin],
        .auditRead: [.admin],
        .backup: [.admin],
        .sync: [.admin],
    ]

    /// Whether `role` holds `permission`.
    public static func allows(_ role: Role, _ permission: Permission) -> Bool {
        grants[permission]?.contains(role) ?? false
    }

    /// Every permission `role` holds, in table order.
    public static func permissions(of role: Role) -> [Permission] {
        Permission.allCases.filter { allows(role, $0) }
    }
}
