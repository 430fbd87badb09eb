import ClinicDomain
import ClinicServices
import TerminalKit

/// A visit in consultation, counselling or closure: the patient banner, this visit's
/// vitals and timeline, and the workflow keys for the stage.
public final class VisitScreen: Screen {
    public let file: VisitFile
    public private(set) var message: String?
    /// The consultation's note, addenda and diagnoses (consultation stage only).
    private(set) var sheet: ConsultationSheet?

    init(file: VisitFile, environment: AppEnvironment) {
        self.file = file
        reloadSheet(environment)
    }

    /// The first row of the visit's sheet shown under the banner, when it is longer than the screen.
    var scroll = 0

    /// Prescriptions written in this consultation.
    private(set) var prescribed: [PrescriptionLine] = []
    /// Counselling sessions of this visit, loaded only for roles the service lets read them.
    private(set) var sessions: [CounsellingSession] = []
    /// Why the sessions could not be read (their key is missing, say); nil when they were.
    private(set) var sessionsProblem: String?

    /// Drops the message of the last action here, once a line it spoke of has changed elsewhere.
    func clearMessage() { message = nil }

    func reloadSheet(_ environment: AppEnvironment) {
        if [.consultation, .counselling, .closure].contains(file.visit.stage) {
            sheet = try? environment.consultation.sheet(visitId: file.visit.id, by: environment.actor)
            prescribed = (try? environment.prescriptions.prescriptions(visitId: file.visit.id, by: environment.actor)) ?? []
        }
        if file.visit.stage == .counselling, environment.session?.can(.counsellingRead) == true {
            do {
                sessions = try environment.counselling.notes(visitId: file.visit.id, by: environment.actor)
                sessionsProblem = nil
            } catch {
                (sessions, sessionsProblem) = ([], userMessage(error))
            }
        }
    }

    /// A confidential counselling session note.
    private func counsellingScreen(_ environment: AppEnvironment) -> FormScreen {
        FormScreen(definition: environment.screens["counselling"], intro: "Confidential: seen only by counselling staff and doctors.") {
            [weak self] screen, environment in
            guard let self else { return .pop }
            return screen.attempt {
                try environment.counselling.record(visitId: file.visit.id, sessionType: screen.form["session_type"],
                                                   notes: screen.form["notes"], outcome: screen.form["outcome"],
                                                   referral: screen.form["referral"], by: environment.actor)
                reloadSheet(environment)
                message = "Session recorded."
                return .pop
            }
        }
    }

    /// The SOAP note editor, filled with the draft; saving keeps it unsigned until completion.
    private func noteScreen(_ environment: AppEnvironment) -> NoteEditorScreen {
        let note = sheet?.note
        return NoteEditorScreen(definition: environment.screens["consultation-note"],
                                values: ["subjective": note?.subjective ?? "", "objective": note?.objective ?? "",
                                         "assessment": note?.assessment ?? "", "plan": note?.plan ?? ""]) { [weak self] editor, environment in
            guard let self else { return .pop }
            do {
                try environment.consultation.saveNote(visitId: file.visit.id, subjective: editor["subjective"],
                                                      objective: editor["objective"], assessment: editor["assessment"],
                                                      plan: editor["plan"], by: environment.actor)
                reloadSheet(environment)
                message = "Note saved (draft)."
                return .pop
            } catch {
                editor.fail(userMessage(error))
                return nil
            }
        }
    }

    /// ICD-10 search: Enter adds the code, F2 adds it as the primary diagnosis.
    func diagnosisPicker() -> SearchPickerScreen {
        SearchPickerScreen(title: "Add diagnosis (ICD-10)", keyColumn: "Code",
                           hint: "Code (J06.9) or words (upper resp). Enter adds, F2 adds as primary.", openLabel: "Add",
                           alternate: "As primary",
                           search: { [weak self] query, environment in
                               // A code already on the visit is shown as such, so "Nothing matches" never misleads.
                               let added = Set(self?.sheet?.diagnoses.map(\.code) ?? [])
                               return try environment.consultation.searchCodes(query, by: environment.actor)
                                   .map { .init(key: $0.code, text: added.contains($0.code) ? "(on this visit) " + $0.title : $0.title) }
                           }) { [weak self] picker, row, primary, environment in
            guard let self else { return .pop }
            do {
                try environment.consultation.addDiagnosis(visitId: file.visit.id, code: row.key, primary: primary, by: environment.actor)
                picker.message = "Added \(row.key)\(primary ? " as primary" : ""): \(row.text)"
                reloadSheet(environment)
            } catch {
                picker.message = userMessage(error)
            }
            return nil
        }
    }

    /// Follow-up booking: the next stops at or near the patient's place, then a slot.
    private func followUpPicker(_ environment: AppEnvironment) -> SearchPickerScreen {
        let patientId = file.patient.id
        return BookingPickers.stop(title: "Follow-up: which stop?", hint: "Nearest first: this place, then the patient's province.",
                                   environment, stops: { try $0.appointments.followUpStops(patientId: patientId, by: $0.actor) }) {
            [weak self] _, stopId, environment in
            .push(BookingPickers.slot(stopId: stopId, environment) { picker, time, environment in
                picker.attempt {
                    let booked = try environment.appointments.book(stopId: stopId, slot: time, patientId: patientId, by: environment.actor)
                    let day = booked.startsAt.map { CalendarDate($0).description } ?? ""
                    self?.message = "Follow-up booked: \(day) at \(booked.slot) (stop #\(booked.stopId))."
                    return .sequence([.pop, .pop])
                }
            })
        }
    }

    /// Formulary search; picking a medicine opens the prescription form.
    /// One prescription as the sheet and the prescription list show it.
    static func prescriptionLine(_ item: PrescriptionLine) -> String {
        "\(item.description)  \(item.dose) \(item.frequency.rawValue) × \(item.days)d = \(item.quantity)"
            + (item.allergyOverride == nil ? "" : "  (allergy override)")
    }

    func medicinePicker() -> SearchPickerScreen {
        SearchPickerScreen(title: "Prescribe", keyColumn: "Code", hint: "Generic name, e.g. amox. Enter chooses.",
                           search: { query, environment in
                               try environment.prescriptions.searchFormulary(query, by: environment.actor)
                                   .map { .init(key: $0.code, text: $0.description) }
                           }) { [weak self] _, row, _, environment in
            guard let self else { return .pop }
            return .push(prescriptionForm(itemCode: row.key, description: row.text, environment))
        }
    }

    /// The dose, frequency and duration as typed in the prescription form.
    private static func dosage(_ form: Form) -> Result<Dosage, FieldProblems> {
        Dosage.parse(dose: form["dose"], frequency: form["frequency"], days: form["days"])
    }

    private func prescriptionForm(itemCode: String, description: String, _ environment: AppEnvironment) -> FormScreen {
        let screen = FormScreen(definition: environment.screens["prescription"], title: "Prescribe \(description)",
                                intro: "\(description) for \(file.patient.displayName)") { [weak self] screen, environment in
            guard let self else { return .pop }
            do {
                let record = try environment.prescriptions.prescribe(
                    visitId: file.visit.id, itemCode: itemCode, dose: screen.form["dose"], frequency: screen.form["frequency"],
                    days: screen.form["days"], overrideReason: screen.form["override_reason"], by: environment.actor)
                reloadSheet(environment)
                message = "Prescribed \(record.description): \(record.quantity) to dispense."
                return .sequence([.pop, .pop])
            } catch PrescriptionError.invalid(let problems) {
                screen.show(problems)
            } catch let error as PrescriptionError {
                screen.form.setError("required: conflicts with an allergy", on: "override_reason")
                screen.form.focus(on: "override_reason")
                screen.message = error.description
            } catch {
                screen.message = userMessage(error)
            }
            return nil
        }
        // With no allergy recorded no prescription can conflict with one: no override field.
        if !file.background.contains(where: { $0.kind == .allergy }) {
            screen.form.fields.removeAll { $0.id == "override_reason" }
        }
        screen.checkOnLeave = { screen, _ in Self.dosage(screen.form).fieldProblems }
        screen.onChange = { screen, _ in
            if case .success(let dosage) = Self.dosage(screen.form) {
                screen.note = "Quantity to dispense: \(dosage.quantity)"
            } else {
                screen.note = nil
            }
        }
        return screen
    }

    /// The referral as typed in its form.
    private static func referralInput(_ form: Form) -> ReferralInput {
        ReferralInput(kind: form["kind"], destination: form["destination"], urgency: form["urgency"], reason: form["reason"])
    }

    /// A referral; saving writes the referral letter beside the visit summaries.
    private func referralForm(_ environment: AppEnvironment) -> FormScreen {
        FormScreen(definition: environment.screens["referral"], intro: "Refer \(file.patient.displayName)",
                   suggested: ["kind": file.visit.stage == .counselling ? "social-services" : "hospital", "urgency": "routine"],
                   check: { screen, _ in Self.referralInput(screen.form).validate().fieldProblems }) {
            [weak self] screen, environment in
            guard let self else { return .pop }
            return screen.attempt {
                let input = Self.referralInput(screen.form)
                let referral = try environment.referrals.refer(visitId: file.visit.id, input, letterFolder: environment.outputFolder,
                                                               by: environment.actor)
                message = "Referral letter written to \(referral.letterPath ?? environment.outputFolder)"
                return .pop
            }
        }
    }

    private func complete(toCounselling: Bool, _ environment: AppEnvironment) -> ScreenAction {
        do {
            let visit = try environment.consultation.complete(visitId: file.visit.id, toCounselling: toCounselling, by: environment.actor)
            return .sequence([.pop, .confirm(VisitActions.confirmation(file.patient.displayName, now: visit.stage))])
        } catch {
            message = userMessage(error)
            return .none
        }
    }

    public var title: String { "\(file.visit.stage.title) · \(file.patient.folderNumber)" }
    public var contexts: [KeyContext] { [.visit, .list] }
    public var movementHeading: String { "Scrolling the visit sheet:" }
    public var keyBarActions: [KeyAction] {
        switch file.visit.stage {
        case .consultation: [.help, .note, .diagnosis, .prescribe, .refer, .complete, .toCounselling, .route, .cancelVisit, .back]
        case .counselling: [.help, .note, .refer, .complete, .addendum, .cancelVisit, .back]
        case .closure: [.help, .dispense, .followUp, .summary, .complete, .addendum, .cancelVisit, .back]
        default: [.help, .complete, .cancelVisit, .back]
        }
    }

    public func permission(for action: KeyAction) -> Permission? {
        let stage = file.visit.stage
        switch action {
        case .note: return stage == .counselling ? .counsellingWrite : .consultWrite
        case .diagnosis, .addendum, .toCounselling: return .consultWrite
        case .complete: return completion?.permission ?? (stage == .closure ? .visitClose : nil)
        case .route: return VisitAction.sendBackToNursing(reason: "").permission
        case .cancelVisit: return VisitAction.cancel(reason: "").permission
        case .prescribe: return .prescriptionWrite
        case .refer: return .referralWrite
        case .dispense: return .inventoryDispense
        case .followUp: return .appointmentWrite
        default: return nil
        }
    }

    /// What F5 does in this stage.
    var completion: VisitAction? {
        switch file.visit.stage {
        case .consultation: .completeConsultation(toCounselling: false)
        case .counselling: .completeCounselling
        case .closure: nil
        default: nil
        }
    }

    public func handle(_ input: Input, environment: AppEnvironment) -> ScreenAction {
        message = nil
        switch input.action {
        case .back:
            try? environment.visits.release(visitId: file.visit.id, by: environment.actor)
            return .pop
        case .help: return .showHelp
        case .complete where file.visit.stage == .consultation:
            return complete(toCounselling: false, environment)
        case .toCounselling where file.visit.stage == .consultation:
            return complete(toCounselling: true, environment)
        case .note where file.visit.stage == .consultation:
            return .push(noteScreen(environment))
        case .note where file.visit.stage == .counselling:
            return .push(counsellingScreen(environment))
        case .complete where file.visit.stage == .closure:
            return VisitActions.withReason("Close visit", intro: "Outcome of the visit (treated, referred, follow-up booked, …):",
                                           label: "Outcome", visitId: file.visit.id, patient: file.patient.displayName, environment: environment,
                                           onError: { message = $0 }) { .close(outcome: $0) }
        case .addendum where sheet?.note?.signedAt != nil:
            return .push(FormScreen(definition: environment.screens["addendum"],
                                    intro: "The signed note stays as it is; the addendum is added with your name and the time.") {
                [weak self] screen, environment in
                guard let self else { return .pop }
                do {
                    try environment.consultation.addAddendum(visitId: file.visit.id, text: screen.form["text"], by: environment.actor)
                    reloadSheet(environment)
                    message = "Addendum added."
                    return .pop
                } catch {
                    screen.show(FieldProblems([FieldProblem("reason", userMessage(error))]))
                    return nil
                }
            })
        case .dispense where file.visit.stage == .closure:
            do {
                let dispensed = try environment.stock.dispense(visitId: file.visit.id, by: environment.actor)
                prescribed = try environment.prescriptions.prescriptions(visitId: file.visit.id, by: environment.actor)
                message = !dispensed.isEmpty ? "Dispensed: " + dispensed.map { "\($0.quantity) × \($0.description)" }.joined(separator: "; ")
                    : prescribed.isEmpty ? "Nothing was prescribed." : "Everything prescribed was dispensed already."
            } catch {
                message = userMessage(error)
            }
            return .none
        case .followUp where file.visit.stage == .closure:
            return .push(followUpPicker(environment))
        case .summary where file.visit.stage == .closure:
            do {
                let path = try environment.summaries.write(visitId: file.visit.id, into: environment.outputFolder, by: environment.actor)
                message = "Summary written to \(path)"
            } catch {
                message = userMessage(error)
            }
            return .none
        case .diagnosis where file.visit.stage == .consultation:
            // Once there is a diagnosis, the list of them, where one can also be corrected.
            return .push(sheet?.diagnoses.isEmpty == false ? VisitLinesScreen(.diagnoses, visit: self) : diagnosisPicker())
        case .prescribe where file.visit.stage == .consultation:
            return .push(prescribed.isEmpty ? medicinePicker() : VisitLinesScreen(.prescriptions, visit: self))
        case .refer where file.visit.stage == .consultation || file.visit.stage == .counselling:
            return .push(referralForm(environment))
        case .complete:
            guard let completion else { return .none }
            return VisitActions.perform(completion, visitId: file.visit.id, patient: file.patient.displayName, environment: environment) { message = $0 }
        case .route where file.visit.stage == .consultation:
            return VisitActions.withReason("Send back to nursing", intro: "What should nursing re-check?",
                                           visitId: file.visit.id, patient: file.patient.displayName, environment: environment,
                                           onError: { message = $0 }) { .sendBackToNursing(reason: $0) }
        case .up, .down, .pageUp, .pageDown, .first, .last:
            scroll = VisitSheetView.scrolled(scroll, by: input.action!)
            return .none
        case .cancelVisit:
            return VisitActions.withReason("Cancel visit", intro: "Cancel the visit of \(file.patient.displayName): why?",
                                           visitId: file.visit.id, patient: file.patient.displayName, environment: environment,
                                           onError: { message = $0 }) { .cancel(reason: $0) }
        default: return .none
        }
    }
}
