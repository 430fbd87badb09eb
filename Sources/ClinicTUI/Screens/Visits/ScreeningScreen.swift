import ClinicDomain
import ClinicServices
import TerminalKit

/// The screening form after the vitals (`Screens/screening.yaml`): glucose, cholesterol,
/// waist, the TB symptom screen, PHQ-2 (then PHQ-9) and AUDIT-C, each result and what it
/// means shown beside the fields as they are typed. Enter on the last field records every
/// section given; questions that do not apply (the PHQ-9 after a negative PHQ-2, the sputum
/// without a TB symptom) are passed over. Esc goes back to the vitals.
final class ScreeningScreen: VisitForm {
    let visitId: String
    let patient: PatientCard
    let background: [BackgroundEntry]
    let entry: FormScreen
    private let member: ScreeningInput.Member
    /// Runs once the screen is recorded: the screen below reads the visit again.
    var onSaved: (() -> Void)?

    init(file: VisitFile, environment: AppEnvironment) throws {
        visitId = file.visit.id
        patient = file.patient
        background = file.background
        let sheet = try environment.screening.sheet(visitId: file.visit.id, by: environment.actor)
        member = sheet.member
        var values = sheet.values
        if values[ScreeningField.glucose.rawValue] == nil, let glucose = sheet.member.vitals?.glucose {
            values[ScreeningField.glucose.rawValue] = glucose.plainText
        }
        entry = FormScreen(
            definition: environment.screens["screening"], intro: " ", values: values,
            check: { [member] screen, _ in FieldProblems(ScreeningInput(screen.values).read(for: member).problems) }
        ) { _, _ in nil }
        Self.putQuestions(into: entry)
        entry.passesOver = { [member] screen in Self.notAsked(ScreeningInput(screen.values).read(for: member)) }
    }

    var title: String { "Screening · \(patient.folderNumber)" }
    var contexts: [KeyContext] { [.visit, .form] }
    var capturesText: Bool { true }
    var keyBarActions: [KeyAction] { entry.definition.keys }
    var unsavedValueCount: Int { hasUnsavedValues ? entry.typedCount : 0 }

    /// What the typed values amount to right now.
    var reading: ScreeningInput.Reading { ScreeningInput(entry.values).read(for: member) }

    func handle(_ input: Input, environment: AppEnvironment) -> ScreenAction {
        if let answer = entry.answerDiscard(input.key) { return answer }
        switch input.action {
        case .back:
            return hasUnsavedValues ? entry.leave() : .pop
        case .submit where PanelForm.isLastAsked(entry, skipped: Self.notAsked(reading)):
            return save(environment)
        default:
            return entry.handle(input, environment: environment)
        }
    }

    private var hasUnsavedValues: Bool { entry.typedCount > 0 }

    /// Records the screen and goes back to the vitals saying what it found; field problems
    /// stay on the form instead.
    private func save(_ environment: AppEnvironment) -> ScreenAction {
        PanelForm.save(entry, onSaved: onSaved) {
            Self.summary(
                of: try environment.screening.record(
                    visitId: visitId, input: ScreeningInput(entry.values), by: environment.actor))
        }
    }

    /// "Screening saved; raised: glucose, cholesterol." with what is urgent first.
    static func summary(of reading: ScreeningInput.Reading) -> String {
        let raised = reading.outcomes.filter { $0.finding == .raised }.map(\.test.title)
        // Urgent first and short, so it is never the part a narrow status line cuts off.
        if reading.selfHarmRisk {
            return "URGENT: thoughts of self-harm, the social worker today. Screening saved; \(raised.count) raised."
        }
        return "Screening saved; "
            + (raised.isEmpty ? "nothing raised." : "raised: " + raised.joined(separator: ", ") + ".")
    }

    /// The fields the reading says are not asked: the PHQ-9's own items after a negative
    /// PHQ-2, the sputum destination without a TB symptom.
    static func notAsked(_ reading: ScreeningInput.Reading) -> Set<String> {
        var skipped: Set<ScreeningField> = []
        if !reading.asksPHQ9 { skipped.formUnion([.phq3, .phq4, .phq5, .phq6, .phq7, .phq8, .phq9]) }
        if !reading.presumptiveTB { skipped.insert(.sputumTo) }
        if reading.skipsAuditRest { skipped.formUnion([.audit2, .audit3]) }
        return Set(skipped.map(\.rawValue))
    }

    /// Each questionnaire field's help is its question and answers as published.
    private static func putQuestions(into entry: FormScreen) {
        let questionnaires = [MoodScreen.phq9, AlcoholScreen.auditC]
        for questionnaire in questionnaires {
            for question in questionnaire.questions {
                guard let index = entry.form.fields.firstIndex(where: { $0.id == question.id }) else { continue }
                let answers = question.answers.enumerated().map { "\($0.offset) \($0.element.text.lowercased())" }
                entry.form.fields[index].help = question.text + ": " + answers.joined(separator: ", ")
            }
        }
    }

    func render(into canvas: inout Canvas, top: Int, height: Int, environment: AppEnvironment) {
        PanelForm.render(
            entry, patient: patient, background: background, into: &canvas, top: top, height: height,
            environment: environment
        ) { labels, width in ScreeningPanel.lines(reading, labels: labels, width: width) }
    }
}

/// The live results beside the screening form.
enum ScreeningPanel {
    /// The panel's lines: urgent first, then each result and its meaning, then what is
    /// wrong with a field, named by its label in `labels`.
    static func lines(
        _ reading: ScreeningInput.Reading, labels: [String: String], width: Int
    )
        -> [(text: String, style: Style)]
    {
        var lines: [(String, Style)] = []
        if reading.selfHarmRisk { lines.append(("! URGENT: self-harm risk", .error)) }
        for outcome in reading.outcomes {
            let style: Style = outcome.finding == .raised ? .error : outcome.finding == .borderline ? .strong : .plain
            lines += DisplayWidth.wrap(outcome.line, columns: width - 2).enumerated().map {
                ($0.offset == 0 ? $0.element : "  " + $0.element, style)
            }
        }
        for problem in reading.problems {
            lines += DisplayWidth.wrap("! \(labels[problem.field] ?? problem.field): \(problem.message)", columns: width).map {
                ($0, .error)
            }
        }
        if lines.isEmpty { lines.append(("Results show here as typed.", .muted)) }
        return lines
    }
}
