import ClinicDomain
package import ClinicStore
import Foundation

/// The site's own settings as the screens show them.
public struct SiteInfo: Equatable, Sendable {
    /// Name shown on the login screen and status line, e.g. "POLMED Truck 3".
    public let siteName: String
    /// Short code prefixed to folder numbers, also the truck's name on route stops.
    public let siteCode: String
    /// True for databases made by `clinic demo`.
    public let isDemo: Bool
}

/// Every service the screens use, over one open database and one clock: what a terminal
/// is given instead of the database itself.
public struct ServiceSet: Sendable {
    public let auth: AuthService
    public let selfService: SelfService
    public let patients: PatientService
    public let visits: VisitService
    public let consultation: ConsultationService
    public let counselling: CounsellingService
    public let screening: ScreeningService
    public let hts: HTSService
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
    public let summaries: VisitSummary
    /// Notices the database file being deleted or replaced under the program.
    public let databaseFile: DatabaseFileWatch
    /// The site's settings as they were when the set was made.
    public let site: SiteInfo
    /// The open database's path.
    public let databasePath: String
    /// The time every service reads.
    public let clock: any Clock

    /// The services over an open database.
    package init(database: ClinicDatabase, clock: any Clock = SystemClock(), hasher: PasswordHasher = .owasp) throws {
        auth = AuthService(database: database, hasher: hasher, clock: clock)
        selfService = SelfService(database: database, hasher: hasher, clock: clock)
        patients = PatientService(database: database, clock: clock)
        visits = VisitService(database: database, clock: clock)
        consultation = ConsultationService(database: database, clock: clock)
        counselling = CounsellingService(database: database, clock: clock)
        screening = ScreeningService(database: database, clock: clock)
        hts = HTSService(database: database, clock: clock)
        prescriptions = PrescriptionService(database: database, clock: clock)
        referrals = ReferralService(database: database, clock: clock)
        stock = StockService(database: database, clock: clock)
        suppliers = SupplierService(database: database, clock: clock)
        assets = AssetService(database: database, clock: clock)
        schedule = ScheduleService(database: database, clock: clock)
        appointments = AppointmentService(database: database, clock: clock)
        reports = ReportService(database: database)
        dashboard = DashboardService(database: database, clock: clock)
        claims = ClaimsExport(database: database, clock: clock)
        audit = AuditService(database: database, clock: clock)
        syncLedger = SyncLedger(database: database, clock: clock)
        summaries = VisitSummary(database: database, clock: clock)
        databaseFile = DatabaseFileWatch(database: database)
        let settings = try SettingsRepository(database: database).load()
        site = SiteInfo(siteName: settings.siteName, siteCode: settings.siteCode, isDemo: settings.isDemo)
        databasePath = database.path
        self.clock = clock
    }
}
