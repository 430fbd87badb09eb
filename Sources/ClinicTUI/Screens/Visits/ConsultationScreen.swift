import ClinicDomain
import ClinicServices
import TerminalKit

/// A visit in consultation: the doctor's note, diagnoses, prescriptions and referrals,
/// completing to closure or counselling, or sending the patient back to nursing.
final class ConsultationScreen: VisitScreen {
    override var keyBarActions: [KeyAction] {
        [
            .help, .note, .diagnosis, .prescribe, .refer, .complete, .toCounselling, .route, .cancelVisit, .back,
            .repeatPrescription,
        ]
    }

    /// The sheet, and the last visit's diagnoses and medicines for under the banner.
    override func reloadSheet(_ environment: AppEnvironment) {
        super.reloadSheet(environment)
        previous = try? environment.consultation.previousVisit(before: file.visit.id, by: environment.actor)
    }

    override func permission(for action: KeyAction) -> Permission? {
        switch action {
        case .note, .diagnosis, .toCounselling: .consultWrite
        case .prescribe, .repeatPrescription: .prescriptionWrite
        case .route: VisitAction.sendBackToNursing(reason: "").permission
        default: super.permission(for: action)
        }
    }

    override var completion: VisitAction? { .completeConsultation(toCounselling: false) }

    override func handleStage(_ input: Input, environment: AppEnvironment) -> ScreenAction? {
        switch input.action {
        case .complete: complete(toCounselling: false, environment)
        case .toCounselling: complete(toCounselling: true, environment)
        case .note: .push(noteScreen(environment))
        // Once there is a diagnosis (or a prescription), the list of them, where one can also be corrected.
        case .diagnosis: .push(sheet?.diagnoses.isEmpty == false ? VisitLinesScreen(.diagnoses, visit: self) : diagnosisPicker())
        case .prescribe: .push(prescribed.isEmpty ? medicinePicker() : VisitLinesScreen(.prescriptions, visit: self))
        case .repeatPrescription: repeatPicker(environment)
        case .refer: .push(referralForm(environment))
        case .route:
            VisitActions.withReason(
                "Send back to nursing", intro: "What should nursing re-check?",
                visitId: file.visit.id, patient: file.patient.displayName, environment: environment,
                onError: { [weak self] in self?.message = $0 }
            ) { .sendBackToNursing(reason: $0) }
        default: nil
        }
    }

    /// The SOAP note editor, filled with the draft; saving keeps it unsigned until completion.
    private func noteScreen(_ environment: AppEnvironment) -> NoteEditorScreen {
        let note = sheet?.note
        return NoteEditorScreen(
            definition: environment.screens["consultation-note"],
            values: fieldValues([
                NoteField.subjective: note?.subjective ?? "", .objective: note?.objective ?? "",
                .assessment: note?.assessment ?? "", .plan: note?.plan ?? "",
            ])
        ) { [weak self] editor, environment in
            guard let self else { return .pop }
            do {
                try environment.consultation.saveNote(
                    visitId: file.visit.id, subjective: editor[NoteField.subjective],
                    objective: editor[NoteField.objective], assessment: editor[NoteField.assessment],
                    plan: editor[NoteField.plan], by: environment.actor)
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
        SearchPickerScreen(
            title: "Add diagnosis (ICD-10)", keyColumn: "Code",
            hint: "Code (J06.9) or words (upper resp). Enter adds, F2 adds as primary.", openLabel: "Add",
            alternate: "As primary",
            search: { [weak self] query, environment in
                // A code already on the visit is shown as such, so "Nothing matches" never misleads.
                let added = Set(self?.sheet?.diagnoses.map(\.code) ?? [])
                return try environment.consultation.searchCodes(query, by: environment.actor)
                    .map { .init(key: $0.code, text: added.contains($0.code) ? "(on this visit) " + $0.title : $0.title) }
            }
        ) { [weak self] picker, row, primary, environment in
            guard let self else { return .pop }
            do {
                try environment.consultation.addDiagnosis(
                    visitId: file.visit.id, code: row.key, primary: primary, by: environment.actor)
                picker.message = "Added \(row.key)\(primary ? " as primary" : ""): \(row.text)"
                reloadSheet(environment)
            } catch {
                picker.message = userMessage(error)
            }
            return nil
        }
    }

    /// Formulary search; picking a medicine opens the prescription form. One already on
    /// this visit is marked in the list and refused at the pick, before any typing.
    func medicinePicker() -> SearchPickerScreen {
        SearchPickerScreen(
            title: "Prescribe", keyColumn: "Code", hint: "Generic name, e.g. amox. Enter chooses.",
            search: { [weak self] query, environment in
                let onVisit = Set(self?.prescribed.map(\.itemCode) ?? [])
                return try environment.prescriptions.searchFormulary(query, by: environment.actor)
                    .map { .init(key: $0.code, text: (onVisit.contains($0.code) ? "(on this visit) " : "") + $0.description) }
            }
        ) { [weak self] picker, row, _, environment in
            guard let self else { return .pop }
            if let refusal = alreadyPrescribed(row.key) {
                picker.message = refusal
                return nil
            }
            return .push(prescriptionForm(itemCode: row.key, description: row.text, environment))
        }
    }

    /// Why `itemCode` cannot be prescribed again here, when it is on this visit already.
    private func alreadyPrescribed(_ itemCode: String) -> String? {
        guard let line = prescribed.first(where: { $0.itemCode == itemCode }) else { return nil }
        return "\(line.description) is already prescribed on this visit; to change it, take that line off the "
            + "prescription list first and prescribe again."
    }

    /// The last visit's medicines; choosing one opens the prescription form filled with its
    /// dose, frequency and days, to confirm or change before it is prescribed again.
    private func repeatPicker(_ environment: AppEnvironment) -> ScreenAction {
        guard let previous, !previous.prescriptions.isEmpty else {
            message = "No earlier visit with medicines to repeat: \(environment.keymap.label(for: .prescribe)) prescribes."
            return .none
        }
        let when = ClinicTime.clockText(previous.visit.arrivedAt)
        let items = previous.prescriptions
        return .push(
            SearchPickerScreen(
                title: "Repeat from \(when)", keyColumn: "Code", hint: "Medicines of the last visit. Enter repeats one.",
                openLabel: "Repeat", listAtOnce: environment,
                search: { [weak self] query, _ in
                    // One already on this visit says so, rather than refusing after the form.
                    let onVisit = Set(self?.prescribed.map(\.itemCode) ?? [])
                    return items.filter { query.isEmpty || $0.description.localizedCaseInsensitiveContains(query) }
                        .map {
                            .init(
                                key: $0.itemCode,
                                text: (onVisit.contains($0.itemCode) ? "(on this visit) " : "") + Self.prescriptionLine($0),
                                id: String($0.id))
                        }
                }
            ) { [weak self] picker, row, _, environment in
                guard let self, let item = items.first(where: { String($0.id) == row.id }) else { return .pop }
                if let refusal = alreadyPrescribed(item.itemCode) {
                    picker.message = refusal
                    return nil
                }
                let form = prescriptionForm(
                    itemCode: item.itemCode, description: item.description, environment,
                    repeating: fieldValues([
                        PrescriptionField.dose: item.dose.plainText, .frequency: item.frequency.rawValue,
                        .days: String(item.days),
                    ]))
                form.message = "As on \(when): confirm the dose and days, then Enter."
                return .push(form)
            })
    }

    /// The dose, frequency and duration as typed in the prescription form.
    private static func dosage(_ form: Form) -> Result<Dosage, FieldProblems> {
        Dosage.parse(
            dose: form[PrescriptionField.dose], frequency: form[PrescriptionField.frequency], days: form[PrescriptionField.days])
    }

    private func prescriptionForm(
        itemCode: String, description: String, _ environment: AppEnvironment, repeating values: [String: String] = [:]
    ) -> FormScreen {
        let screen = FormScreen(
            definition: environment.screens["prescription"], title: "Prescribe \(description)",
            intro: "\(description) for \(file.patient.displayName)", suggested: values
        ) { [weak self] screen, environment in
            guard let self else { return .pop }
            do {
                let record = try environment.prescriptions.prescribe(
                    visitId: file.visit.id, itemCode: itemCode, dose: screen.form[PrescriptionField.dose],
                    frequency: screen.form[PrescriptionField.frequency],
                    days: screen.form[PrescriptionField.days], overrideReason: screen.form[PrescriptionField.overrideReason],
                    by: environment.actor)
                reloadSheet(environment)
                message = "Prescribed \(record.description): \(record.quantity) to dispense."
                return .sequence([.pop, .pop])
            } catch PrescriptionError.invalid(let problems) {
                screen.show(problems)
            } catch let error as PrescriptionError {
                screen.form.setError("required: conflicts with an allergy", on: PrescriptionField.overrideReason)
                screen.form.focus(on: PrescriptionField.overrideReason)
                screen.message = error.description
            } catch {
                screen.message = userMessage(error)
            }
            return nil
        }
        // With no allergy recorded no prescription can conflict with one: no override field.
        if !file.background.contains(where: { $0.kind == .allergy }) {
            screen.form.fields.removeAll { $0.id == PrescriptionField.overrideReason.rawValue }
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

    private func complete(toCounselling: Bool, _ environment: AppEnvironment) -> ScreenAction {
        do {
            let visit = try environment.consultation.complete(
                visitId: file.visit.id, toCounselling: toCounselling, by: environment.actor)
            return .sequence([.pop, .confirm(VisitActions.confirmation(file.patient.displayName, now: visit.stage))])
        } catch {
            message = userMessage(error)
            return .none
        }
    }
}
