import ClinicDomain
import ClinicServices
import TerminalKit

/// Registering and editing patients with the `registration` form, and what follows a
/// refusal: duplicates, likely duplicates (pick or override), edit conflicts.
enum RegistrationFlow {
    /// A blank registration form; a successful save opens the new record.
    static func registerScreen(_ environment: AppEnvironment) -> FormScreen {
        let screen = FormScreen(
            definition: environment.screens["registration"],
            intro: "New patient. Left empty, date of birth and sex are read from the SA ID."
        ) { screen, environment in
            register(PatientInput(screen.values), overrideReason: nil, from: screen, environment)
        }
        screen.onChange = showRosterStatus
        screen.checkOnLeave = checkPatient
        return screen
    }

    /// The registration rules, for `FormScreen.checkOnLeave`.
    static func checkPatient(_ screen: FormScreen, _ environment: AppEnvironment) -> FieldProblems? {
        PatientInput(screen.values).validate(today: CalendarDate(environment.clock.now())).fieldProblems
    }

    /// "Scheme roster: active / suspended / not found" as soon as a membership is typed.
    static func showRosterStatus(_ screen: FormScreen, _ environment: AppEnvironment) {
        let membership = screen.form[PatientField.membershipNumber], dependant = screen.form[PatientField.dependantCode]
        guard !membership.isEmpty,
            let status = try? environment.patients.membershipStatus(
                membership: membership, dependant: dependant.isEmpty ? "00" : dependant, by: environment.actor)
        else {
            screen.note = nil
            return
        }
        screen.note = "Scheme roster: \(membership)/\(dependant.isEmpty ? "00" : dependant) is \(status)"
    }

    static func register(
        _ input: PatientInput, overrideReason: String?, from screen: FormScreen,
        _ environment: AppEnvironment
    ) -> ScreenAction? {
        do {
            let record = try environment.patients.register(input, overrideReason: overrideReason, by: environment.actor)
            return .sequence([
                .pop, PatientRecordScreen.open(id: record.id, environment: environment),
                .confirm("Registered \(record.displayName) as \(record.folderNumber)."),
            ])
        } catch PatientError.likelyDuplicates(let matches) {
            return .push(DuplicateReviewScreen(matches: matches, input: input, form: screen))
        } catch let error as PatientError {
            show(error, on: screen)
        } catch {
            screen.message = userMessage(error)
        }
        return nil
    }

    /// The registration form filled with the record; saving checks nobody saved meanwhile.
    static func editScreen(_ recordScreen: PatientRecordScreen, _ environment: AppEnvironment) -> FormScreen {
        var base = recordScreen.file.record
        let screen = FormScreen(
            definition: environment.screens["registration"], title: "Edit \(base.folderNumber)",
            intro: "Editing \(base.displayName).", values: PatientInput(base.details).values
        ) { [weak recordScreen] screen, environment in
            do {
                let saved = try environment.patients.edit(base, to: PatientInput(screen.values), by: environment.actor)
                recordScreen?.show(saved, message: "Saved.")
                return .pop
            } catch PatientError.conflict(let current, let fields) {
                // Keep the clerk's typing; the next save applies it on top of what is stored now.
                base = current
                let theirs = PatientInput(current.details)
                screen.message =
                    "Saved meanwhile by \(current.updatedBy): "
                    + fields.map { "\($0.rawValue) is now '\(theirs[$0])'" }
                    .joined(separator: ", ") + ". Your edits are kept; Enter saves them over it."
                for field in fields { screen.form.setError("changed by \(current.updatedBy)", on: field) }
            } catch let error as PatientError {
                show(error, on: screen)
            } catch {
                screen.message = userMessage(error)
            }
            return nil
        }
        screen.onChange = showRosterStatus
        screen.checkOnLeave = checkPatient
        showRosterStatus(screen, environment)
        return screen
    }

    static func show(_ error: PatientError, on screen: FormScreen) {
        switch error {
        case .invalid(let problems): screen.show(problems)
        case .duplicate(let field, _, _):
            screen.form.setError("already registered", on: field)
            screen.form.focus(on: field)
            screen.message = error.description + ". Search for that folder instead."
        default: screen.message = error.description
        }
    }
}

/// Possible duplicates found at registration: open one of them (Enter), or register
/// anyway with a reason (F2).
final class DuplicateReviewScreen: Screen {
    let matches: [PatientRow]
    let input: PatientInput
    weak var form: FormScreen?
    private var table = Table(columns: [
        TableColumn("Folder", width: 11), TableColumn("Name", width: 30),
        TableColumn("Born", width: 10), TableColumn("SA ID", width: 13),
    ])

    init(matches: [PatientRow], input: PatientInput, form: FormScreen) {
        self.matches = matches
        self.input = input
        self.form = form
    }

    var title: String { "Possible duplicate" }
    var contexts: [KeyContext] { [.list] }
    var keyBarActions: [KeyAction] { [.help, .open, .new, .back] }

    func handle(_ input: Input, environment: AppEnvironment) -> ScreenAction {
        switch input.action {
        case .back: return .pop
        case .help: return .showHelp
        case .up, .down: _ = table.selection.follow(input, pageSize: 5)
        case .open:
            return .sequence([
                .pop, .pop, PatientRecordScreen.open(id: matches[table.selection.selected].id, environment: environment),
            ])
        case .new:
            return .push(
                FormScreen(
                    definition: environment.screens["reason"], title: "Register anyway",
                    intro: "Why is this a different person?"
                ) { [self] reasonScreen, environment in
                    guard let form else { return .pop }
                    let reason = reasonScreen.form[ReasonField.reason]
                    guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else {
                        reasonScreen.show(
                            FieldProblems([
                                FieldProblem(ReasonField.reason, "a reason is required to register a possible duplicate")
                            ]))
                        return nil
                    }
                    return RegistrationFlow.register(self.input, overrideReason: reason, from: form, environment)
                        .map { .sequence([.pop, .pop, $0]) }
                })
        default: break
        }
        return .none
    }

    func render(into canvas: inout Canvas, top: Int, height: Int, environment: AppEnvironment) {
        canvas.put("Same date of birth and a similar name are already registered:", x: 2, y: top + 1, style: .strong)
        table.render(
            rows: matches.map { [$0.folderNumber, $0.displayName, $0.dateOfBirth?.description ?? "—", $0.saID ?? "—"] },
            into: &canvas, x: 2, y: top + 3, width: canvas.width - 4, height: min(10, height - 6))
        canvas.putWrapped(
            "Enter opens the selected record. F2 registers the new patient anyway (a reason is asked).",
            x: 2, y: top + height - 1, width: canvas.width - 4, style: .muted, maxLines: 2, upward: true)
    }
}
