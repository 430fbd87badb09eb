import ClinicDomain
import ClinicServices
import TerminalKit

/// The clerk's desk: one search field answering on every keystroke, a result table,
/// Enter opens the selected record, F2 registers a new patient. Before anything is typed
/// it lists today's patients, the people most looked up.
public final class PatientSearchScreen: Screen {
    public private(set) var query = TextField(maxLength: 60)
    public private(set) var results: [PatientRow] = []
    public private(set) var message: String?
    private var table = Table(columns: [
        TableColumn("Folder", width: 11), TableColumn("Name", width: 18), TableColumn("Sex", width: 3),
        TableColumn("Age", width: 3), TableColumn("SA ID", width: 13), TableColumn("Membership", width: 11),
        TableColumn("Last visit", width: 10),
    ])

    public init(environment: AppEnvironment) { refresh(environment) }

    public var title: String { "Find patient" }
    public var contexts: [KeyContext] { [.list] }
    public var capturesText: Bool { true }
    public var keyBarActions: [KeyAction] { [.help, .open, .new, .back] }
    public func permission(for action: KeyAction) -> Permission? { action == .new ? .patientWrite : nil }

    public func handle(_ input: Input, environment: AppEnvironment) -> ScreenAction {
        switch input.action {
        case .back: return .pop
        case .help: return .showHelp
        case .new: return .push(RegistrationFlow.registerScreen(environment))
        case .open:
            guard results.indices.contains(table.selection.selected) else { return .none }
            return PatientRecordScreen.open(id: results[table.selection.selected].id, environment: environment)
        case .up, .down, .pageUp, .pageDown:
            _ = table.selection.follow(input)
            return .none
        default:
            if query.edit(input.key) { refresh(environment) }
            return .none
        }
    }

    /// Runs the search for the current text (every keystroke).
    func refresh(_ environment: AppEnvironment) {
        do {
            results =
                query.text.trimmingCharacters(in: .whitespaces).isEmpty
                ? try environment.patients.seenToday(by: environment.actor)
                : try environment.patients.search(query.text, by: environment.actor)
            let register =
                environment.session?.can(.patientWrite) == true
                ? " \(environment.keymap.label(for: .new)) registers a new one." : ""
            message = query.text.isEmpty || !results.isEmpty ? nil : "No patient matches." + register
        } catch {
            results = []
            message = userMessage(error)
        }
        table.selection = ListSelection(count: results.count)
    }

    public func render(into canvas: inout Canvas, top: Int, height: Int, environment: AppEnvironment) {
        canvas.put("Find:", x: 2, y: top + 1, style: .strong)
        query.render(into: &canvas, x: 8, y: top + 1, width: 40, style: Style(underline: true), focused: true)
        canvas.put(
            "Name (\"ndl sip\"), SA ID, N5087, membership, folder or phone.",
            x: 8, y: top + 2, style: .muted, maxWidth: canvas.width - 10)
        if query.text.trimmingCharacters(in: .whitespaces).isEmpty {
            canvas.put(
                results.isEmpty ? "No patients seen today yet: type to search." : "Today's patients (type to search everyone):",
                x: 2, y: top + 3, style: .muted, maxWidth: canvas.width - 4)
        }
        let today = CalendarDate(environment.clock.now())
        let rows = results.map { patient -> [String] in
            let age = patient.dateOfBirth.map { String($0.age(on: today)) } ?? "?"
            let masked = patient.saID.flatMap { try? SAIDNumber($0, today: today) }?.masked ?? "—"
            let membership = patient.membershipNumber.map { "\($0)/\(patient.dependantCode ?? "")" } ?? "—"
            let name = "\(patient.surname.uppercased()), \(patient.firstNames)" + (patient.active ? "" : " (inactive)")
            let lastVisit = patient.lastVisit.map { CalendarDate($0).description } ?? "—"
            return [patient.folderNumber, name, patient.sex.rawValue, age, masked, membership, lastVisit]
        }
        // The name column takes whatever the fixed columns leave.
        let fixed = table.columns.enumerated().filter { $0.offset != 1 }.reduce(0) { $0 + $1.element.width + 1 }
        table.columns[1].width = max(18, canvas.width - 4 - fixed - 1)
        table.render(rows: rows, into: &canvas, x: 2, y: top + 4, width: canvas.width - 4, height: height - 6)
        if let message {
            canvas.putWrapped(message, x: 2, y: top + height - 1, width: canvas.width - 4, style: .error, upward: true)
        }
    }
}
