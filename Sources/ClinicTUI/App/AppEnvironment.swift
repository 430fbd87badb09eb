import ClinicServices
import ClinicStore
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
    public let settings: SiteSettings
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
    /// Watches the database file (nil for environments built from services alone).
    public var databaseFile: DatabaseFileWatch?
    /// The logged-in user, nil on the login screen.
    public internal(set) var session: Session?

    /// The logged-in user as the actor of service calls. Screens behind the login only.
    public var actor: Actor {
        guard let session else { preconditionFailure("a screen behind the login ran without a session") }
        return .user(session)
    }

    public init(auth: AuthService, selfService: SelfService, patients: PatientService, visits: VisitService, consultation: ConsultationService, counselling: CounsellingService, prescriptions: PrescriptionService, referrals: ReferralService, stock: StockService, suppliers: SupplierService, assets: AssetService, schedule: ScheduleService, appointments: AppointmentService, reports: ReportService, dashboard: DashboardService, claims: ClaimsExport, audit: AuditService, syncLedger: SyncLedger, summaries: VisitSummary, outputFolder: String, settings: SiteSettings, keymap: Keymap,
                screens: ScreenCatalog, clock: any Clock, terminalName: String) {
        self.auth = auth
        self.selfService = selfService
        self.patients = patients
        self.visits = visits
        self.consultation = consultation
        self.counselling = counselling
        self.prescriptions = prescriptions
        self.referrals = referrals
        self.stock = stock
        self.suppliers = suppliers
        self.assets = assets
        self.schedule = schedule
        self.appointments = appointments
        self.reports = reports
        self.dashboard = dashboard
        self.claims = claims
        self.audit = audit
        self.syncLedger = syncLedger
        self.summaries = summaries
        self.outputFolder = outputFolder
        self.settings = settings
        self.keymap = keymap
        self.screens = screens
        self.clock = clock
        self.terminalName = terminalName
    }

    /// Builds the environment for a database: services with the given clock and hasher.
    public convenience init(database: ClinicDatabase, keymap: Keymap, screens: ScreenCatalog,
                            clock: any Clock = SystemClock(), hasher: PasswordHasher = .owasp,
                            terminalName: String) throws {
        self.init(auth: AuthService(database: database, hasher: hasher, clock: clock),
                  selfService: SelfService(database: database, hasher: hasher, clock: clock),
                  patients: PatientService(database: database, clock: clock),
                  visits: VisitService(database: database, clock: clock),
                  consultation: ConsultationService(database: database, clock: clock),
                  counselling: CounsellingService(database: database, clock: clock),
                  prescriptions: PrescriptionService(database: database, clock: clock),
                  referrals: ReferralService(database: database, clock: clock),
                  stock: StockService(database: database, clock: clock),
                  suppliers: SupplierService(database: database, clock: clock),
                  assets: AssetService(database: database, clock: clock),
                  schedule: ScheduleService(database: database, clock: clock),
                  appointments: AppointmentService(database: database, clock: clock),
                  reports: ReportService(database: database),
                  dashboard: DashboardService(database: database, clock: clock),
                  claims: ClaimsExport(database: database, clock: clock),
                  audit: AuditService(database: database, clock: clock),
                  syncLedger: SyncLedger(database: database, clock: clock),
                  summaries: VisitSummary(database: database, clock: clock),
                  outputFolder: (database.path as NSString).deletingLastPathComponent + "/summaries",
                  settings: try SettingsRepository(database: database).load(),
                  keymap: keymap, screens: screens, clock: clock, terminalName: terminalName)
        databaseFile = DatabaseFileWatch(database: database)
    }
}
