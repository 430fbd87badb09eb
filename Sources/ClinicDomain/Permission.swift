/// Something a user may be allowed to do. Raw values are the stable ids used in the
/// RBAC table of DESIGN.md, in audit rows and in error messages.
public enum Permission: String, CaseIterable, Codable, Sendable {
    case patientRead = "patient.read"
    case patientWrite = "patient.write"
    case visitStart = "visit.start"
    case visitCancel = "visit.cancel"
    case vitalsWrite = "vitals.write"
    case consultWrite = "consult.write"
    case prescriptionWrite = "prescription.write"
    case referralWrite = "referral.write"
    case referralRead = "referral.read"
    case counsellingWrite = "counselling.write"
    case counsellingRead = "counselling.read"
    case screeningHIVRead = "screening.hiv.read"
    case visitClose = "visit.close"
    case appointmentWrite = "appointment.write"
    case routeWrite = "route.write"
    case inventoryRead = "inventory.read"
    case inventoryDispense = "inventory.dispense"
    case inventoryWrite = "inventory.write"
    case assetWrite = "asset.write"
    case reportClinical = "report.clinical"
    case reportFinance = "report.finance"
    case exportClaims = "export.claims"
    case userAdmin = "user.admin"
    case auditRead = "audit.read"
    case backup = "backup"
    case sync = "sync"
}

extension Permission {
    /// What the permission lets a user do, in words for a refusal: "A viewer cannot …".
    public var activity: String {
        switch self {
        case .patientRead: "open patient records"
        case .patientWrite: "change patient records"
        case .visitStart: "start visits"
        case .visitCancel: "cancel visits"
        case .vitalsWrite: "record vitals or triage"
        case .consultWrite: "write consultations"
        case .prescriptionWrite: "prescribe"
        case .referralWrite: "write referrals"
        case .referralRead: "read referrals"
        case .counsellingWrite: "record counselling"
        case .counsellingRead: "read counselling notes"
        case .screeningHIVRead: "test for HIV or see HIV results"
        case .visitClose: "close visits"
        case .appointmentWrite: "book or change appointments"
        case .routeWrite: "plan route stops"
        case .inventoryRead: "see stock"
        case .inventoryDispense: "dispense medicines"
        case .inventoryWrite: "receive, adjust or count stock"
        case .assetWrite: "change equipment records"
        case .reportClinical: "see clinical reports"
        case .reportFinance: "see finance reports"
        case .exportClaims: "export claims"
        case .userAdmin: "manage user accounts"
        case .auditRead: "read the audit log"
        case .backup: "make or restore backups"
        case .sync: "sync with head office"
        }
    }
}
