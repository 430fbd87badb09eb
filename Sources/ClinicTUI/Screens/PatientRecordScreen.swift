import ClinicDomain
import ClinicServices
import ClinicStore
import TerminalKit

/// One patient's record: banner with allergies, demographics, membership status and
/// clinical background. F4 edits, F6 adds background, F8 deactivates or reactivates.
public final class PatientRecordScreen: Screen {
    public private(set) var file: PatientFile
    public private(set) var message: String?

    init(file: PatientFile) { self.file = file }

    /// Opens (and audits the view of) the record with `id`.
    static func open(id: String, environment: AppEnvironment) -> ScreenAction {
        do {
            return .push(PatientRecordScreen(file: try environment.patients.open(id: id, by: environment.actor)))
        } catch {
            return .none
        }
    }

    public var title: String { "Patient \(file.record.folderNumber)" }
    public var contexts: [KeyContext] { [.record] }
    public var keyBarActions: [KeyAction] { [.help, .edit, .addBackground, .status, .back] }

    public func handle(_ input: Input, environment: AppEnvironment) -> ScreenAction {
        switch input.action {
        case .back: return .pop
        case .help: return .showHelp
        case .edit: return .push(RegistrationFlow.editScreen(self, environment))
        case .addBackground: return .push(addBackgroundScreen(environment))
        case .status: return .push(statusScreen(environment))
        default: return .none
        }
    }

    /// Replaces the shown record after a save elsewhere on the stack.
    func show(_ record: PatientRecord, message: String) {
        file = PatientFile(record: record, background: file.background, membershipStatus: file.membershipStatus)
        self.message = message
    }

    private func addBackgroundScreen(_ environment: AppEnvironment) -> FormScreen {
        FormScreen(definition: environment.screens["background"], intro: "For \(file.record.displayName)",
                   values: ["kind": "allergy"]) { [weak self] screen, environment in
            guard let self else { return .pop }
            guard let kind = BackgroundItem.Kind(rawValue: screen.form["kind"].lowercased()) else {
                screen.show(FieldProblems([FieldProblem("kind", "kind must be allergy, condition or medication")]))
                return nil
            }
            do {
                let item = try environment.patients.addBackground(kind, text: screen.form["text"], note: screen.form["note"],
                                                                  to: file.record.id, by: environment.actor)
                file = PatientFile(record: file.record, background: file.background + [item],
                                   membershipStatus: file.membershipStatus)
                message = "Added \(kind.rawValue): \(item.text)."
                return .pop
            } catch PatientError.invalid(let problems) {
                screen.show(FieldProblems(problems.problems.map { FieldProblem("text", $0.message) }))
            } catch {
                screen.message = "\(error)"
            }
            return nil
        }
    }

    private func statusScreen(_ environment: AppEnvironment) -> FormScreen {
        let activating = !file.record.active
        return FormScreen(definition: environment.screens["reason"],
                          title: activating ? "Reactivate record" : "Deactivate record",
                          intro: "\(activating ? "Reactivate" : "Deactivate") \(file.record.displayName): why?") { [weak self] screen, environment in
            guard let self else { return .pop }
            do {
                let record = try environment.patients.setActive(activating, id: file.record.id,
                                                                reason: screen.form["reason"], by: environment.actor)
                show(record, message: activating ? "Record reactivated." : "Record deactivated.")
                return .pop
            } catch {
                screen.show(FieldProblems([FieldProblem("reason", "\(error)")]))
                return nil
            }
        }
    }

    public func render(into canvas: inout Canvas, top: Int, height: Int, environment: AppEnvironment) {
        let record = file.record
        let today = CalendarDate(environment.clock.now())
        let age = CalendarDate(iso: record.dateOfBirth).map { "\($0.age(on: today))y" } ?? ""
        canvas.fill(x: 0, y: top, width: canvas.width, height: 1, style: .selected)
        canvas.put(" \(record.displayName)  \(record.sex.title) \(age)  \(record.folderNumber)"
                   + (record.active ? "" : "  INACTIVE: \(record.statusReason ?? "")"),
                   x: 0, y: top, style: .selected, maxWidth: canvas.width)
        let allergies = file.background.filter { $0.kind == .allergy }
        let allergyText = allergies.isEmpty ? "No known allergies recorded"
            : "ALLERGIES: " + allergies.map { $0.note.isEmpty ? $0.text : "\($0.text) (\($0.note))" }.joined(separator: "; ")
        canvas.put(allergyText, x: 1, y: top + 1, style: allergies.isEmpty ? .muted : .error, maxWidth: canvas.width - 2)

        let details: [(String, String)] = [
            ("Born", record.dateOfBirth),
            ("Document", "\(record.documentType.rawValue) \(record.documentNumber)"),
            ("Phone", record.phone.map(PhoneNumber.display) ?? "—"),
            ("Address", [record.address, record.province?.name ?? ""].filter { !$0.isEmpty }.joined(separator: ", ")),
            ("Language", record.language),
            ("Next of kin", [record.nextOfKin, record.nextOfKinPhone.map(PhoneNumber.display) ?? ""].filter { !$0.isEmpty }.joined(separator: ", ")),
            ("Membership", record.membershipNumber == nil ? "none" : "\(record.membershipText)  roster: \(file.membershipStatus ?? "—")"),
            ("Main member", record.mainMemberFolder ?? "—"),
        ]
        for (index, (label, value)) in details.enumerated() {
            canvas.put(label + ":", x: 2, y: top + 3 + index, style: .strong)
            canvas.put(value.isEmpty ? "—" : value, x: 16, y: top + 3 + index, maxWidth: canvas.width - 18)
        }
        var y = top + 4 + details.count
        for kind in [BackgroundItem.Kind.condition, .medication] {
            let items = file.background.filter { $0.kind == kind }.map(\.text)
            let label = kind == .condition ? "Chronic conditions" : "Long-term medicines"
            canvas.put("\(label): " + (items.isEmpty ? "none recorded" : items.joined(separator: "; ")),
                       x: 2, y: y, maxWidth: canvas.width - 4)
            y += 1
        }
        canvas.put("Visits: none yet", x: 2, y: y + 1, style: .muted)
        if let message { canvas.put(message, x: 2, y: top + height - 1, style: .strong, maxWidth: canvas.width - 4) }
    }
}
