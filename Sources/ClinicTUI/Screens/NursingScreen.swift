import ClinicDomain
import ClinicServices
import ClinicStore
import TerminalKit

/// The nursing bay: one vitals set per save (Enter on the last field), TEWS and SATS
/// colour updating as values are typed, F5 completes to consultation (saving typed vitals
/// first), F6 nurse-led to closure, F8 cancels. Esc puts the patient back in the queue.
public final class NursingScreen: Screen {
    public private(set) var file: VisitFile
    /// The vitals form (from `Screens/nursing.yaml`) and its editing behaviour.
    public let entry: FormScreen
    private var savedValues: [String: String]?
    /// Whole years today: decides whether the adult chart applies.
    let age: Int

    init(file: VisitFile, environment: AppEnvironment) {
        self.file = file
        age = CalendarDate(iso: file.patient.dateOfBirth)?.age(on: CalendarDate(environment.clock.now())) ?? 99
        entry = FormScreen(definition: environment.screens["nursing"], intro: " ") { _, _ in nil }
    }

    public var title: String { "Nursing · \(file.patient.folderNumber)" }
    public var contexts: [KeyContext] { [.visit, .form] }
    public var capturesText: Bool { true }
    public var keyBarActions: [KeyAction] { entry.definition.keys }

    /// What the typed values amount to right now (shown live).
    public var reading: VitalsInput.Reading { VitalsInput(entry.values).read() }

    public func handle(_ input: Input, environment: AppEnvironment) -> ScreenAction {
        switch input.action {
        case .back:
            try? environment.visits.release(visitId: file.visit.id, by: environment.actor)
            return .pop
        case .submit where entry.form.focus == entry.form.fields.count - 1:
            _ = save(environment)
            return .none
        case .complete:
            if hasUnsavedValues, !save(environment) { return .none }
            return VisitActions.perform(.completeNursing, visitId: file.visit.id, environment: environment) { entry.message = $0 }
        case .route:
            if hasUnsavedValues, !save(environment) { return .none }
            return VisitActions.withReason("Nurse-led visit", intro: "Send \(file.patient.displayName) to closure without a doctor: why?",
                                           visitId: file.visit.id, environment: environment) { .nurseLed(reason: $0) }
        case .cancelVisit:
            return VisitActions.withReason("Cancel visit", intro: "Cancel the visit of \(file.patient.displayName): why?",
                                           visitId: file.visit.id, environment: environment) { .cancel(reason: $0) }
        default:
            return entry.handle(input, environment: environment)
        }
    }

    private var hasUnsavedValues: Bool {
        let typed = entry.values.filter { !$0.value.trimmingCharacters(in: .whitespaces).isEmpty }
        return !typed.isEmpty && typed != savedValues
    }

    /// Records the typed set; shows field problems instead when a value is refused.
    private func save(_ environment: AppEnvironment) -> Bool {
        entry.form.clearErrors()
        do {
            let record = try environment.visits.recordVitals(visitId: file.visit.id, input: VitalsInput(entry.values),
                                                             by: environment.actor)
            savedValues = entry.values.filter { !$0.value.trimmingCharacters(in: .whitespaces).isEmpty }
            file = try environment.visits.file(visitId: file.visit.id, by: environment.actor)
            let colour = record.colour.map { $0.title } ?? "not triaged"
            entry.message = "Vitals set \(file.vitals.count) saved: \(colour)" + (record.isFull ? "." : " (not a full set).")
            return true
        } catch VisitError.invalidVitals(let problems) {
            entry.show(problems)
        } catch {
            entry.message = "\(error)"
        }
        return false
    }

    public func render(into canvas: inout Canvas, top: Int, height: Int, environment: AppEnvironment) {
        entry.render(into: &canvas, top: top + 1, height: height - 1, environment: environment)
        PatientBanner.render(file.patient, background: file.background, extra: "  \(file.visit.reason)",
                             into: &canvas, y: top, today: CalendarDate(environment.clock.now()))
        let x = 52, width = canvas.width - x - 1
        guard width > 20 else { return }
        let reading = reading
        let triage = Triage(vitals: reading.vitals, ageYears: age, discriminator: reading.discriminator)
        var lines: [(String, Style)] = []
        if let score = triage.score {
            lines.append(("TEWS \(score)" + (triage.scoreComplete ? "" : " so far"), .strong))
        } else {
            lines.append(("Child: adult TEWS not used.", .strong))
            lines.append(("Raise a colour by discriminator.", .plain))
        }
        if let colour = triage.colour {
            lines.append((colour.title, VisitStyle.style(for: colour)))
        } else if triage.score != nil {
            lines.append(("Colour once all 7 TEWS values are in", .muted))
        }
        if let bmi = reading.vitals.bmi { lines.append((String(format: "BMI %.1f", bmi), .plain)) }
        for flag in reading.flags { lines.append(("! \(flag.field.replacingOccurrences(of: "_", with: " ")) \(flag.message)", .error)) }
        if let last = file.vitals.last {
            lines.append(("", .plain))
            lines.append(("\(file.vitals.count) set(s) saved; last: \(last.colour?.rawValue.uppercased() ?? "—")", .muted))
        }
        for (index, line) in lines.prefix(height - 4).enumerated() {
            canvas.put(line.0, x: x, y: top + 3 + index, style: line.1, maxWidth: width)
        }
    }
}
