import ClinicDomain
import ClinicServices
import TerminalKit

/// HIV testing services for a visit (`Screens/hts.yaml`), for roles with
/// `screening.hiv.read`: consent, the rapid tests in series with the kit each will use
/// shown beside them, post-test counselling and what follows the result. Questions that
/// do not follow from the readings are passed over; Enter on the last question asked
/// records everything (and takes the kits from stock). Esc goes back.
final class HTSScreen: VisitForm {
    let visitId: String
    let patient: PatientCard
    let background: [BackgroundEntry]
    let entry: FormScreen
    private let kits: [HTSKit: Result<KitLot, HTSError>]
    /// Runs once the test is recorded: the screen below reads the visit again.
    var onSaved: (() -> Void)?

    init(file: VisitFile, environment: AppEnvironment) throws {
        visitId = file.visit.id
        patient = file.patient
        background = file.background
        guard try !environment.hts.isDone(visitId: file.visit.id, by: environment.actor) else { throw HTSError.alreadyRecorded }
        let kits = try environment.hts.nextKits(by: environment.actor)
        self.kits = kits
        let today = CalendarDate(environment.clock.now())
        entry = FormScreen(
            definition: environment.screens["hts"], intro: " ", values: [:],
            check: { screen, _ in FieldProblems(Self.problems(HTSInput(screen.values).read(today: today), kits: kits)) }
        ) { _, _ in nil }
        entry.passesOver = { screen in Set(HTSInput.notAsked(HTSInput(screen.values).read(today: today)).map(\.rawValue)) }
    }

    /// The reading's problems, and a test typed for which no kit can be used (none in stock,
    /// or all expired): refused on its own field as it is left, not only when recording.
    static func problems(_ reading: HTSInput.Reading, kits: [HTSKit: Result<KitLot, HTSError>]) -> [FieldProblem] {
        let missing = reading.readings.indices.compactMap { index -> FieldProblem? in
            guard case .failure(let problem)? = kits[HTSInput.kit(forTestAt: index)] else { return nil }
            return FieldProblem(HTSInput.testFields[index], problem.description)
        }
        return missing + reading.problems
    }

    var title: String { "HIV test · \(patient.folderNumber)" }
    var contexts: [KeyContext] { [.visit, .form] }
    var capturesText: Bool { true }
    var keyBarActions: [KeyAction] { entry.definition.keys }
    var unsavedValueCount: Int { entry.typedCount }

    func reading(_ environment: AppEnvironment) -> HTSInput.Reading {
        HTSInput(entry.values).read(today: CalendarDate(environment.clock.now()))
    }

    func handle(_ input: Input, environment: AppEnvironment) -> ScreenAction {
        if let answer = entry.answerDiscard(input.key) { return answer }
        switch input.action {
        case .back:
            return entry.typedCount > 0 ? entry.leave() : .pop
        case .submit where isLastAsked(environment):
            return save(environment)
        default:
            return entry.handle(input, environment: environment)
        }
    }

    /// Whether every field after the focused one is passed over by the reading.
    private func isLastAsked(_ environment: AppEnvironment) -> Bool {
        PanelForm.isLastAsked(entry, skipped: Set(HTSInput.notAsked(reading(environment)).map(\.rawValue)))
    }

    private func save(_ environment: AppEnvironment) -> ScreenAction {
        PanelForm.save(entry, onSaved: onSaved) {
            Self.summary(of: try environment.hts.record(visitId: visitId, input: HTSInput(entry.values), by: environment.actor))
        }
    }

    /// "HIV test recorded: negative." / "HIV test declined; recorded."
    static func summary(of reading: HTSInput.Reading) -> String {
        guard reading.consent == .given, let result = reading.result else { return "HIV test declined; recorded." }
        return "HIV test recorded: \(result.rawValue) (\(reading.readings.count.counted("kit")) taken from stock)."
    }

    func render(into canvas: inout Canvas, top: Int, height: Int, environment: AppEnvironment) {
        // Only what is wrong with a typed answer: the next question unanswered is the step.
        var shown = reading(environment)
        shown.problems = Self.problems(shown, kits: kits)
        shown.problems.removeAll { entry.values[$0.field, default: ""].trimmingCharacters(in: .whitespaces).isEmpty }
        PanelForm.render(
            entry, patient: patient, background: background, into: &canvas, top: top, height: height,
            environment: environment
        ) { labels, width in HTSPanel.lines(shown, kits: kits, labels: labels, width: width) }
    }
}

/// What stands beside the HIV test form: the kits in use, the algorithm's next step or
/// result, and what is wrong with a field.
enum HTSPanel {
    static func lines(
        _ reading: HTSInput.Reading, kits: [HTSKit: Result<KitLot, HTSError>], labels: [String: String], width: Int
    ) -> [(text: String, style: Style)] {
        var lines: [(String, Style)] = []
        func add(_ text: String, _ style: Style) { lines += DisplayWidth.wrap(text, columns: width).map { ($0, style) } }
        for kit in HTSKit.allCases {
            switch kits[kit] {
            case .success(let lot)?: add("\(kit.heading): lot \(lot.lot), exp \(lot.expiry)", .muted)
            case .failure(let problem)?: add("! \(problem.description)", .error)
            case nil: break
            }
        }
        lines.append(("", .plain))
        add(step(reading), reading.result == .positive || reading.result == .inconclusive ? .strong : .plain)
        for problem in reading.problems {
            add("! \(labels[problem.field] ?? problem.field): \(problem.message)", .error)
        }
        return lines
    }

    /// The algorithm's state in words.
    static func step(_ reading: HTSInput.Reading) -> String {
        switch reading.consent {
        case nil: return "Give the pre-test information, then record consent."
        case .declined?: return "Declined: Enter records the decline; no test is done."
        case .given?: break
        }
        switch reading.step {
        case .runScreeningTest: return "Next: test 1 with the screening kit."
        case .runConfirmatoryTest: return "Test 1 reactive. Next: test 2 with the confirmatory kit."
        case .repeatBothTests: return "Tests 1 and 2 disagree: repeat both, in parallel."
        case .result(let result):
            let next = [
                HIVResult.negative: "give the retest date", .positive: "link to ART (start here or refer)",
                .inconclusive: "send blood to the laboratory",
            ][result]!
            return "Result: \(result.rawValue.uppercased()). Post-test counselling, then \(next)."
        }
    }
}
