/// The ids of one form's fields, as a type: the raw value is the id that `Screens/<form>.yaml`
/// declares, that a CSV header names and that a `FieldProblem` points at. The screen
/// catalogue, the screens and the inputs they fill all name fields through these enums.
public protocol FieldID: RawRepresentable, CaseIterable, Hashable, Sendable where RawValue == String, AllCases == [Self] {}

extension FieldID {
    /// Every id of the form, in declaration order.
    public static var ids: [String] { allCases.map(\.rawValue) }
}

extension FieldProblem {
    /// A problem with the field `field`.
    public init<F: FieldID>(_ field: F, _ message: String) { self.init(field.rawValue, message) }
}

extension FieldProblems {
    /// The message for `field`, nil when it has none.
    public subscript<F: FieldID>(field: F) -> String? { self[field.rawValue] }
}

/// The registration form's fields (`Screens/registration.yaml`, the patients CSV).
public enum PatientField: String, FieldID {
    case surname, firstNames = "first_names", sex, dateOfBirth = "date_of_birth", documentType = "document_type"
    case documentNumber = "document_number", phone, address, province, language, nextOfKin = "next_of_kin"
    case nextOfKinPhone = "next_of_kin_phone", membershipNumber = "membership_number", dependantCode = "dependant_code"
    case mainMemberFolder = "main_member_folder"
}

/// The nursing form's fields (`Screens/nursing.yaml`).
public enum VitalsField: String, FieldID {
    case systolic, diastolic, heartRate = "heart_rate", respRate = "resp_rate", temperature, spo2, weight, height, glucose
    case mobility, avpu, trauma, pain, discriminator, discriminatorReason = "discriminator_reason", note
}

extension VitalsField {
    /// How the nurse's screen names the field with id `id` in a flag ("heart rate", "SpO2").
    public static func words(_ id: String) -> String {
        id == VitalsField.spo2.rawValue ? "SpO2" : id.replacingOccurrences(of: "_", with: " ")
    }
}

/// The equipment form's fields (`Screens/asset.yaml`).
public enum AssetField: String, FieldID {
    case type, make, model, serial, location, nextService = "next_service"
}

/// The location form's fields (`Screens/location.yaml`).
public enum LocationField: String, FieldID {
    case name, type, province, address, contact, gps
}

/// The route stop form's fields (`Screens/route-stop.yaml`): the place, then the plan.
public enum StopField: String, FieldID {
    case location, date, opens, closes, slotMinutes = "slot_minutes", capacity, truck, noShowGrace = "no_show_grace"
}

// The forms whose values a service checks besides its screen.

/// `Screens/receive.yaml`.
public enum ReceiveField: String, FieldID { case quantity, batch, expiry, supplier, unitCost = "unit_cost" }

/// `Screens/supplier.yaml`.
public enum SupplierField: String, FieldID { case name, contact, phone }

/// `Screens/audit-filter.yaml`.
public enum AuditFilterField: String, FieldID { case user, patient, action, from, to }

/// `Screens/asset-status.yaml`.
public enum AssetStatusField: String, FieldID { case status, note }

/// `Screens/asset-service.yaml`.
public enum AssetServiceField: String, FieldID { case nextService = "next_service", location, note }

/// `Screens/item-settings.yaml`.
public enum ItemSettingsField: String, FieldID { case nappi, reorderLevel = "reorder_level", storageNote = "storage_note" }

/// `Screens/counselling.yaml`.
public enum CounsellingField: String, FieldID { case sessionType = "session_type", notes, outcome, referral }

/// `Screens/reason.yaml`.
public enum ReasonField: String, FieldID { case reason }

/// `Screens/background.yaml`.
public enum BackgroundField: String, FieldID { case kind, text, note }

/// `Screens/screening.yaml`: the NCD, TB, mood and alcohol screen after the vitals.
public enum ScreeningField: String, FieldID {
    case glucose, fasting, cholesterol, waist
    case cough, fever, nightSweats = "night_sweats", weightLoss = "weight_loss", sputumTo = "sputum_to"
    case phq1, phq2, phq3, phq4, phq5, phq6, phq7, phq8, phq9
    case audit1, audit2, audit3
}

/// The HIV testing services form's fields (`Screens/hts.yaml`).
public enum HTSField: String, FieldID {
    case consent, test1, test2, repeat1, repeat2
    case postTest = "post_test", linkage, linkageTo = "linkage_to", linkageDate = "linkage_date"
    case retest, labTo = "lab_to"
}
