/// A staff role. Each user has exactly one; permissions follow from it (see `AccessPolicy`).
public enum Role: String, CaseIterable, Codable, Sendable, Comparable {
    case admin, doctor, nurse, clerk, social, stock, finance, viewer

    /// The name staff see on screen.
    public var title: String {
        switch self {
        case .admin: "Administrator"
        case .doctor: "Doctor"
        case .nurse: "Nurse"
        case .clerk: "Clerk"
        case .social: "Social worker"
        case .stock: "Inventory manager"
        case .finance: "Finance"
        case .viewer: "Viewer"
        }
    }

    /// How a sentence names one holder of the role: "A viewer", "An administrator".
    public var oneOf: String {
        switch self {
        case .admin: "An administrator"
        case .stock: "An inventory manager"
        case .finance: "A finance officer"
        default: "A " + title.lowercased()
        }
    }

    public static func < (lhs: Role, rhs: Role) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
