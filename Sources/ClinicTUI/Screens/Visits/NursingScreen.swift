import ClinicDomain
import ClinicServices
import TerminalKit

/// The nursing bay: one vitals set per save (Enter on the last field), TEWS and SATS
/// colour updating as values are typed, F5 completes to consultation (saving typed vitals
/// first), F6 nurse-led to closure, F8 cancels, the screening key opens the screening form, the HIV test key HIV testing. Esc puts the patient back in the queue.
public final class NursingScreen: Screen {
    public private(set) var file: VisitFile
    /// The vitals form (from `Screens/nursing.yaml`) and its editing behaviour.
    public let entry: FormScreen
    private var savedValues: [String: String]?
    /// The values the nurse was last asked to confirm (very low values, offered colours):
    /// saving them unchanged again confirms them.
    private var askedToConfirm: [String: String]?
    /// Discriminators already offered for this set, so clearing one is not undone.
    private var offered: Set<String> = []
    /// Whole years today: decides whether the adult chart applies.
    let age: Int

    init(file: VisitFile, environment: AppEnvironment) {
        self.file = file
        age = file.patient.age(on: CalendarDate(environment.clock.now())) ?? 99
        entry = FormScreen(
            definition: environment.screens["nursing"], intro: " ",
            check: { [age] screen, _ in FieldProblems(VitalsInput(screen.values).read(ageYears: age).problems) }
        ) { _, _ in nil }
    }

    public var title: String { "Nursing · \(file.patient.folderNumber)" }
    public var contexts: [KeyContext] { [.visit, .form] }
    public var capturesText: Bool { true }
    public var keyBarActions: [KeyAction] { entry.definition.keys }
    public func permission(for action: KeyAction) -> Permission? { action == .hivTest ? .screeningHIVRead : nil }

    /// What the typed values amount to right now (shown live).
    public var reading: VitalsInput.Reading { VitalsInput(entry.values).read(ageYears: age) }

    public func handle(_ input: Input, environment: AppEnvironment) -> ScreenAction {
        if let answer = entry.answerDiscard(input.key) {
            if case .pop = answer { try? environment.visits.release(visitId: file.visit.id, by: environment.actor) }
            return answer
        }
        switch input.action {
        case .back:
            guard case .pop = hasUnsavedValues ? entry.leave() : .pop else { return .none }
            try? environment.visits.release(visitId: file.visit.id, by: environment.actor)
            return .pop
        case .submit where entry.form.focus == entry.form.fields.count - 1:
            if hasUnsavedValues {
                _ = save(environment)
            } else {
                entry.message = "This set is already saved; change a value for a new set."
            }
            return .none
        case .complete:
            let saving = hasUnsavedValues
            if saving, !save(environment) { return .none }
            // A refusal after saving the typed set says both: the set is kept, and why the visit stays.
            let saved = saving ? (entry.message.map { $0 + " " } ?? "") : ""
            return VisitActions.perform(
                .completeNursing, visitId: file.visit.id, patient: file.patient.displayName, environment: environment
            ) {
                entry.message = saved + $0
            }
        case .route:
            if hasUnsavedValues, !save(environment) { return .none }
            return VisitActions.withReason(
                "Nurse-led visit", intro: "Send \(file.patient.displayName) to closure without a doctor: why?",
                visitId: file.visit.id, patient: file.patient.displayName, environment: environment,
                onError: { entry.message = $0 }
            ) { .nurseLed(reason: $0) }
        case .screening:
            // The screen reads BP and BMI off the vitals: a typed set is saved first.
            if hasUnsavedValues, !save(environment) { return .none }
            return PanelForm.open(
                { try ScreeningScreen(file: file, environment: environment) }, reload: {},
                refused: { [entry] in entry.message = $0 })
        case .hivTest:
            return PanelForm.open(
                { try HTSScreen(file: file, environment: environment) }, reload: {},
                refused: { [entry] in entry.message = $0 })
        case .cancelVisit:
            return VisitActions.withReason(
                "Cancel visit", intro: "Cancel the visit of \(file.patient.displayName): why?",
                visitId: file.visit.id, patient: file.patient.displayName, environment: environment,
                onError: { entry.message = $0 }
            ) { .cancel(reason: $0) }
        default:
            return entry.handle(input, environment: environment)
        }
    }

    public var unsavedValueCount: Int { hasUnsavedValues ? entry.typedCount : 0 }

    private var hasUnsavedValues: Bool {
        let typed = entry.values.filter { !$0.value.trimmingCharacters(in: .whitespaces).isEmpty }
        return !typed.isEmpty && typed != savedValues
    }

    /// Records the typed set; shows field problems instead when a value is refused. Very
    /// low values and colours the vitals suggest are put to the nurse first: saving the
    /// same values again confirms them.
    private func save(_ environment: AppEnvironment) -> Bool {
        entry.form.clearErrors()
        let confirmed = askedToConfirm == entry.values
        if !confirmed, askToConfirm() { return false }
        do {
            let input = VitalsInput(entry.values, veryLowConfirmed: confirmed)
            let record = try environment.visits.recordVitals(visitId: file.visit.id, input: input, by: environment.actor)
            savedValues = entry.values.filter { !$0.value.trimmingCharacters(in: .whitespaces).isEmpty }
            askedToConfirm = nil
            offered = []
            entry.note = nil
            file = try environment.visits.file(visitId: file.visit.id, by: environment.actor)
            let colour = record.colour.map { $0.title } ?? "no colour yet"
            entry.message = "Vitals set \(file.vitals.count) saved: \(colour)" + (record.isFull ? "." : " (not a full set).")
            return true
        } catch VisitError.invalidVitals(let problems) {
            entry.show(problems)
        } catch {
            entry.message = userMessage(error)
        }
        return false
    }

    /// Offers the colour the vitals point to (prefilled, not applied until saved) and marks
    /// very low values; true when there was something to confirm.
    private func askToConfirm() -> Bool {
        let reading = reading
        guard reading.problems.isEmpty else { return false }
        entry.note = nil
        let fresh = reading.suggestions.filter { !offered.contains($0.reason) }
        if let colour = fresh.map(\.colour).min() {
            offered.formUnion(fresh.map(\.reason))
            let reasons = fresh.map(\.reason).joined(separator: "; ")
            entry.form[VitalsField.discriminator] = String(colour.rawValue.prefix(1)).uppercased()
            entry.form[VitalsField.discriminatorReason] = reasons
            entry.note = "\(colour.rawValue.uppercased()) offered under Raise colour: \(reasons)"
        }
        for problem in reading.toConfirm { entry.form.setError(problem.message, on: problem.field) }
        let veryLow = reading.toConfirm.map { "\(VitalsField.words($0.field)) \(entry.form[$0.field])" }
        guard entry.note != nil || !veryLow.isEmpty else { return false }
        askedToConfirm = entry.values
        entry.message =
            (veryLow.isEmpty ? "" : "Very low: \(veryLow.joined(separator: ", ")). ")
            + "Save again to confirm, or correct it."
        return true
    }

    public func render(into canvas: inout Canvas, top: Int, height: Int, environment: AppEnvironment) {
        // The live triage panel from column 52 when there is room for it; the fields stop short of it.
        let x = 52, width = canvas.width - x - 1
        entry.fieldsEnd = width > 20 ? x - 1 : nil
        entry.render(into: &canvas, top: top + 1, height: height - 1, environment: environment)
        PatientBanner.render(
            file.patient, background: file.background, extra: "  \(file.visit.reason)",
            into: &canvas, y: top, today: CalendarDate(environment.clock.now()))
        guard width > 20 else { return }
        let reading = reading
        let triage = reading.triage
        var lines: [(String, Style)] = []
        if let score = triage.score {
            lines.append(("TEWS \(score)" + (triage.scoreComplete ? "" : " so far"), .strong))
        } else {
            lines.append(("Child: no TEWS chart.", .strong))
            lines.append(("Set R, O, Y or G + reason.", .plain))
        }
        if let colour = triage.colour, let text = triage.colourText {
            lines.append((text, VisitStyle.style(for: colour)))
        } else if triage.needsColour {
            lines.append(("Colour needed to complete", .error))
        }
        if let sign = reading.emergencySign { lines.append(("! \(sign): RED", .error)) }
        if let typed = reading.discriminator, let colour = triage.colour, typed > colour {
            lines.append(("\(typed.rawValue.uppercased()) cannot lower the colour", .muted))
        }
        for suggestion in reading.suggestions {
            lines.append(("! \(suggestion.reason)", .error))
        }
        for problem in reading.problems {
            lines.append(("! \(VitalsField.words(problem.field)): \(problem.message)", .error))
        }
        for problem in reading.toConfirm {
            lines.append(("! \(VitalsField.words(problem.field)) very low", .error))
        }
        if let bmi = reading.vitals.bmi { lines.append((String(format: "BMI %.1f", bmi), .plain)) }
        for flag in reading.flags {
            lines.append(("! \(VitalsField.words(flag.field)) \(flag.message)", .error))
        }
        if let last = file.vitals.last {
            lines.append(("", .plain))
            lines.append(
                ("\(file.vitals.count.counted("set")) saved; last: \(last.colour?.rawValue.uppercased() ?? "—")", .muted))
        }
        // The panel owns its columns: a long field error of the form does not run into it.
        canvas.fill(x: x - 1, y: top + 3, width: canvas.width - x + 1, height: max(0, height - 6), style: .plain)
        let wrapped = lines.flatMap { line in
            line.0.isEmpty ? [line] : DisplayWidth.wrap(line.0, columns: width).map { ($0, line.1) }
        }
        for (index, line) in wrapped.prefix(max(0, height - 6)).enumerated() {
            canvas.put(line.0, x: x, y: top + 3 + index, style: line.1, maxWidth: width)
        }
    }
}
