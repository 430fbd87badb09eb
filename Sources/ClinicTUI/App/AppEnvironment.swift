import ClinicServices
import Foundation

/// What screens may use: the services, the logged-in session, configuration and time.
public final class AppEnvironment {
    public let auth: AuthService
    public let selfService: SelfService
    public let patients: PatientService
    public let visits: VisitService
    public let consultation: ConsultationService
    public let counselling: CounsellingService
    public let prescriptions: PrescriptionService
    public let referrals: ReferralService
    public let stock: StockService
    public let suppliers: SupplierService
    public let assets: AssetService
    public let schedule: ScheduleService
    public let appointments: AppointmentService
    public let reports: ReportService
    public let dashboard: DashboardService
    public let claims: ClaimsExport
    public let audit: AuditService
    public let syncLedger: SyncLedger
    public let settings: SiteInfo
    public let keymap: Keymap
    public let screens: ScreenCatalog
    public let clock: any Clock
    /// Name of this terminal in audit rows, e.g. "tty /dev/pts/3".
    public let terminalName: String
    /// Where visit summaries, referral letters and other files for patients are written.
    public let outputFolder: String
    /// Where reports, claims and audit extracts made on screen are written.
    public var exportFolder: String { (outputFolder as NSString).deletingLastPathComponent + "/exports" }
    /// The visit summary writer.
    public let summaries: VisitSummary
    /// Watches the database file.
    public let databaseFile: DatabaseFileWatch
    /// The logged-in user, nil on the login screen.
    public internal(set) var session: Session?

    /// The logged-in user as the actor of service calls. Screens behind the login only.
    public var actor: Actor {
        guard let session else { preconditionFailure("a screen behind the login ran without a session") }
        return .user(session)
    }

    /// The environment of a terminal: the services over its database, its configuration.
    public init(services: ServiceSet, keymap: Keymap, screens: ScreenCatalog, terminalName: String) {
        auth = services.auth
        selfService = services.selfService
        patients = services.patients
        visits = services.visits
        consultation = services.consultation
        counselling = services.counselling
        prescriptions = services.prescriptions
        referrals = services.referrals
        stock = services.stock
        suppliers = services.suppliers
        assets = services.assets
        schedule = services.schedule
        appointments = services.appointments
        reports = services.reports
        dashboard = services.dashboard
        claims = services.claims
        audit = services.audit
        syncLedger = services.syncLedger
        summaries = services.summaries
        databaseFile = services.databaseFile
        outputFolder = (services.databasePath as NSString).deletingLastPathComponent + "/summaries"
        settings = services.site
        self.keymap = keymap
        self.screens = screens
        clock = services.clock
        self.terminalName = terminalName
    }
}
