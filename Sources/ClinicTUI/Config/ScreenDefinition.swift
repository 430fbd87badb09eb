import ClinicDomain
import TerminalKit
import Yams

/// What kind of value a field holds, which decides how it is edited: a password is masked.
public enum FieldKind: String, CaseIterable, Sendable {
    case text, password
}

/// One field of a screen, as declared in `Screens/*.yaml`.
public struct FieldDefinition: Equatable, Sendable {
    public var id: String
    public var label: String
    public var kind: FieldKind
    public var unit: String?
    public var width: Int
    public var help: String
}

/// A screen's layout from `Screens/<id>.yaml`: title, fields in order, key-bar actions.
public struct ScreenDefinition: Equatable, Sendable {
    public var id: String
    public var title: String
    public var fields: [FieldDefinition]
    public var keys: [KeyAction]

    /// The definition of field `id`. Screens ask only for ids they declared as known,
    /// which `ScreenCatalog` has checked are present.
    public func field(_ id: String) -> FieldDefinition? { fields.first { $0.id == id } }

    /// A form with this definition's fields, in order.
    public func makeForm() -> Form {
        Form(
            fields: fields.map { field in
                let label = field.unit.map { "\(field.label) (\($0))" } ?? field.label
                return FormField(
                    id: field.id, label: label, width: field.width,
                    masked: field.kind == .password, help: field.help)
            })
    }
}

/// All screen definitions, loaded at start-up from one folder and checked against the
/// field ids each screen's code knows.
public struct ScreenCatalog: Sendable {
    /// Field ids each screen's code understands; a definition may use only these, and must use the required ones.
    static let knownFields: [String: KnownFields] = [
        "login": KnownFields(all: LoginField.self),
        "change-password": KnownFields(all: PasswordChangeField.self),
        "registration": KnownFields(PatientField.self, required: [.surname, .firstNames, .documentNumber, .sex, .dateOfBirth]),
        "background": KnownFields(BackgroundField.self, required: [.kind, .text]),
        "reason": KnownFields(all: ReasonField.self),
        "addendum": KnownFields(all: AddendumField.self),
        "consultation-note": KnownFields(NoteField.self, required: [.assessment]),
        "prescription": KnownFields(all: PrescriptionField.self),
        "referral": KnownFields(all: ReferralField.self),
        "receive": KnownFields(ReceiveField.self, required: [.quantity, .batch, .expiry]),
        "item-settings": KnownFields(all: ItemSettingsField.self),
        "stock-adjust": KnownFields(all: StockAdjustField.self),
        "write-off": KnownFields(all: WriteOffField.self),
        "transfer": KnownFields(all: TransferField.self),
        "supplier": KnownFields(SupplierField.self, required: [.name]),
        "asset": KnownFields(AssetField.self, required: [.type, .serial, .location]),
        "location": KnownFields(LocationField.self, required: [.name, .type, .province]),
        "audit-filter": KnownFields(AuditFilterField.self, required: []),
        "route-stop": KnownFields(
            StopField.self, required: [.location, .date, .opens, .closes, .slotMinutes, .capacity, .truck]),
        "asset-status": KnownFields(all: AssetStatusField.self),
        "asset-service": KnownFields(all: AssetServiceField.self),
        "counselling": KnownFields(CounsellingField.self, required: [.sessionType, .notes]),
        "screening": KnownFields(all: ScreeningField.self),
        "hts": KnownFields(all: HTSField.self),
        "nursing": KnownFields(
            VitalsField.self,
            required: [
                .systolic, .diastolic, .heartRate, .respRate, .temperature, .spo2,
                .mobility, .avpu, .trauma,
            ]),
    ]

    public private(set) var screens: [String: ScreenDefinition] = [:]

    /// Loads `<folder>/<id>.yaml` for every known screen; stops at the first problem
    /// with `file:line: reason`.
    public init(folder: String) throws {
        for (id, fields) in Self.knownFields.sorted(by: { $0.key < $1.key }) {
            screens[id] = try Self.load(
                path: "\(folder)/\(id).yaml", id: id,
                known: fields.known, required: fields.required)
        }
    }

    /// The definition of screen `id` (loaded and checked at start-up).
    public subscript(id: String) -> ScreenDefinition {
        guard let screen = screens[id] else { preconditionFailure("screen \(id) is not in ScreenCatalog.knownFields") }
        return screen
    }

    static func load(path: String, id: String, known: Set<String>, required: Set<String>) throws -> ScreenDefinition {
        let file = try YAMLFile(path: path)
        var title: String?
        var fields: [FieldDefinition] = []
        var keys: [KeyAction] = []
        for (keyNode, value) in try file.mapping(file.root, "a screen definition") {
            switch try file.string(keyNode, "a setting name") {
            case "title": title = try file.string(value, "title")
            case "fields": fields = try loadFields(value, file: file, known: known)
            case "keys":
                keys = try file.strings(value, "keys").map { name, node in
                    guard let action = KeyAction(rawValue: name) else {
                        throw file.error("unknown action '\(name)' in keys", at: node)
                    }
                    return action
                }
            case let other:
                throw file.error("unknown setting '\(other)' (known: title, fields, keys)", at: keyNode)
            }
        }
        guard let title else { throw file.error("missing 'title'", at: file.root) }
        let missing = required.subtracting(fields.map(\.id))
        if let first = missing.sorted().first {
            throw file.error("screen '\(id)' needs a field '\(first)'", at: file.root)
        }
        return ScreenDefinition(id: id, title: title, fields: fields, keys: keys)
    }

    private static func loadFields(_ node: Node, file: YAMLFile, known: Set<String>) throws -> [FieldDefinition] {
        guard let sequence = node.sequence else { throw file.error("fields must be a list", at: node) }
        var seen = Set<String>()
        return try sequence.map { fieldNode in
            var values: [String: (String, Node)] = [:]
            for (key, value) in try file.mapping(fieldNode, "a field") {
                let name = try file.string(key, "a field setting")
                guard ["id", "label", "kind", "unit", "width", "help"].contains(name) else {
                    throw file.error("unknown field setting '\(name)' (known: id, label, kind, unit, width, help)", at: key)
                }
                values[name] = (try file.string(value, name), value)
            }
            guard let (id, idNode) = values["id"] else { throw file.error("a field needs an 'id'", at: fieldNode) }
            guard known.contains(id) else {
                throw file.error("unknown field id '\(id)' (known: \(known.sorted().joined(separator: ", ")))", at: idNode)
            }
            guard seen.insert(id).inserted else { throw file.error("field '\(id)' appears twice", at: idNode) }
            var kind = FieldKind.text
            if let (name, kindNode) = values["kind"] {
                guard let parsed = FieldKind(rawValue: name) else {
                    throw file.error(
                        "unknown kind '\(name)' (known: \(FieldKind.allCases.map(\.rawValue).joined(separator: ", ")))",
                        at: kindNode)
                }
                kind = parsed
            }
            var width = 30
            if let (text, widthNode) = values["width"] {
                guard let parsed = Int(text), (1...60).contains(parsed) else {
                    throw file.error("width must be a whole number from 1 to 60", at: widthNode)
                }
                width = parsed
            }
            return FieldDefinition(
                id: id, label: values["label"]?.0 ?? id, kind: kind, unit: values["unit"]?.0,
                width: width, help: values["help"]?.0 ?? "")
        }
    }
}
