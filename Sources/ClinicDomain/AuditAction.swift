/// What an audit row says happened. The raw value is the text stored in the row (and
/// covered by its hash), so a case's raw value never changes once released; rows written
/// before an action had a case keep their text and are read as text.
public enum AuditAction: String, CaseIterable, Sendable {
    case appointmentBook = "appointment.book"
    case appointmentCancelled = "appointment.cancelled"
    case appointmentCheckedIn = "appointment.checked-in"
    case appointmentNoShow = "appointment.no-show"
    case appointmentRescheduled = "appointment.rescheduled"
    case appointmentRestored = "appointment.restored"
    case assetRegister = "asset.register"
    case assetService = "asset.service"
    case assetStatus = "asset.status"
    case auditExport = "audit.export"
    case backupCreate = "backup.create"
    case backupRestore = "backup.restore"
    case counsellingRead = "counselling.read"
    case counsellingRecord = "counselling.record"
    case databaseInit = "database.init"
    case demoCreate = "demo.create"
    case demoPatients = "demo.patients"
    case demoRefresh = "demo.refresh"
    case diagnosisAdd = "diagnosis.add"
    case diagnosisPrimary = "diagnosis.primary"
    case diagnosisRemove = "diagnosis.remove"
    case exportClaims = "export.claims"
    case exportFhir = "export.fhir"
    case formularyImport = "formulary.import"
    case icd10Import = "icd10.import"
    case locationAdd = "location.add"
    case locationEdit = "location.edit"
    case lockout = "lockout"
    case login = "login"
    case loginFailed = "login.failed"
    case loginRefused = "login.refused"
    case logout = "logout"
    case noteAddendum = "note.addendum"
    case noteSave = "note.save"
    case noteSign = "note.sign"
    case patientBackgroundAdd = "patient.background.add"
    case patientDeactivate = "patient.deactivate"
    case patientEdit = "patient.edit"
    case patientReactivate = "patient.reactivate"
    case patientRegister = "patient.register"
    case patientView = "patient.view"
    case patientsImport = "patients.import"
    case prescriptionAdd = "prescription.add"
    case prescriptionRemove = "prescription.remove"
    case referralAdd = "referral.add"
    case rosterImport = "roster.import"
    case routeStop = "route.stop"
    case stockAdjust = "stock.adjust"
    case stockDispense = "stock.dispense"
    case stockImport = "stock.import"
    case stockImportRefused = "stock.import.refused"
    case stockItem = "stock.item"
    case stockLink = "stock.link"
    case stockReceive = "stock.receive"
    case stockTake = "stock.take"
    case stockTransfer = "stock.transfer"
    case stockWriteOff = "stock.write-off"
    case supplierAdd = "supplier.add"
    case screeningRecord = "screening.record"
    case hivTestRecord = "screening.hiv.record"
    case hivTestRead = "screening.hiv.read"
    case tariffImport = "tariff.import"
    case supplierEdit = "supplier.edit"
    case syncResolve = "sync.resolve"
    case syncStart = "sync.start"
    case terminalLocked = "terminal.locked"
    case userAdd = "user.add"
    case userLock = "user.lock"
    case userPasswd = "user.passwd"
    case userPasswdSelf = "user.passwd.self"
    case userUnlock = "user.unlock"
    case visitCancel = "visit.cancel"
    case visitClose = "visit.close"
    case visitCompleteConsultationClosure = "visit.complete-consultation-closure"
    case visitCompleteConsultationCounselling = "visit.complete-consultation-counselling"
    case visitCompleteCounselling = "visit.complete-counselling"
    case visitCompleteNursing = "visit.complete-nursing"
    case visitCompleteRegistration = "visit.complete-registration"
    case visitNurseLed = "visit.nurse-led"
    case visitRelease = "visit.release"
    case visitSendBackToNursing = "visit.send-back-to-nursing"
    case visitStart = "visit.start"
    case visitSummary = "visit.summary"
    case visitTake = "visit.take"
    case visitView = "visit.view"
    case vitalsRecord = "vitals.record"

    /// The family the action belongs to, its text before the first dot (`visit`, `stock`):
    /// the audit filter matches a family by that prefix.
    public var group: String { String(rawValue.prefix { $0 != "." }) }

    /// The actions whose text starts with `prefix` (the audit filter's rule), in order.
    public static func matching(prefix: String) -> [AuditAction] {
        allCases.filter { $0.rawValue.hasPrefix(prefix.lowercased()) }
    }

    /// The audit action of a visit's workflow step.
    public static func visit(_ action: VisitAction) -> AuditAction {
        switch action {
        case .completeRegistration: .visitCompleteRegistration
        case .completeNursing: .visitCompleteNursing
        case .nurseLed: .visitNurseLed
        case .completeConsultation(let toCounselling):
            toCounselling ? .visitCompleteConsultationCounselling : .visitCompleteConsultationClosure
        case .sendBackToNursing: .visitSendBackToNursing
        case .completeCounselling: .visitCompleteCounselling
        case .close: .visitClose
        case .cancel: .visitCancel
        }
    }

    /// The audit action of a stock movement of `kind` posted on its own.
    public static func stock(_ kind: MovementKind) -> AuditAction {
        switch kind {
        case .receive: .stockReceive
        case .dispense: .stockDispense
        case .transfer: .stockTransfer
        case .adjust: .stockAdjust
        case .writeOff: .stockWriteOff
        }
    }

    /// The audit action of a booking made or changed to `status`.
    public static func appointment(_ status: AppointmentStatus) -> AuditAction {
        switch status {
        case .booked: .appointmentBook
        case .cancelled: .appointmentCancelled
        case .rescheduled: .appointmentRescheduled
        case .checkedIn: .appointmentCheckedIn
        case .noShow: .appointmentNoShow
        }
    }
}
