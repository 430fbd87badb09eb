import ClinicDomain
import TerminalKit

// The fields of the forms only the screens fill; the forms whose values go to a domain
// input (registration, nursing, equipment, location, route stop) use its field type.

/// `Screens/login.yaml`.
enum LoginField: String, FieldID { case username, password }
/// `Screens/change-password.yaml`.
enum PasswordChangeField: String, FieldID { case current, new, `repeat` }
/// `Screens/addendum.yaml`.
enum AddendumField: String, FieldID { case text }
/// `Screens/consultation-note.yaml`.
enum NoteField: String, FieldID { case subjective, objective, assessment, plan }
/// `Screens/prescription.yaml`.
enum PrescriptionField: String, FieldID { case dose, frequency, days, overrideReason = "override_reason" }
/// `Screens/referral.yaml`.
enum ReferralField: String, FieldID { case kind, destination, urgency, reason }
/// `Screens/stock-adjust.yaml`.
enum StockAdjustField: String, FieldID { case change, reason }
/// `Screens/write-off.yaml`.
enum WriteOffField: String, FieldID { case quantity, reason }
/// `Screens/transfer.yaml`.
enum TransferField: String, FieldID { case quantity, destination }

extension Form {
    /// The text of the field `field`.
    subscript<F: FieldID>(field: F) -> String {
        get { self[field.rawValue] }
        set { self[field.rawValue] = newValue }
    }

    /// Marks the field `field` with `message` (nil clears it).
    mutating func setError<F: FieldID>(_ message: String?, on field: F) { setError(message, on: field.rawValue) }

    /// Moves the cursor to the field `field`.
    mutating func focus<F: FieldID>(on field: F) { focus(on: field.rawValue) }
}

/// One screen definition's fields as its code knows them: which ids it may declare and
/// which it must.
struct KnownFields: Sendable {
    let known: Set<String>
    let required: Set<String>

    init<F: FieldID>(_ type: F.Type, required: [F]) {
        known = Set(F.ids)
        self.required = Set(required.map(\.rawValue))
    }

    /// Every field is required.
    init<F: FieldID>(all type: F.Type) { self.init(type, required: F.allCases) }
}

/// Form values by typed field, as a form screen takes them.
func fieldValues<F: FieldID>(_ values: [F: String]) -> [String: String] {
    Dictionary(uniqueKeysWithValues: values.map { ($0.key.rawValue, $0.value) })
}
