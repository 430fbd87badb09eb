import ClinicDomain
import ClinicServices
import TerminalKit

/// A form a visit screen opens over itself (screening, HIV test): it tells the screen
/// below when it has recorded, so the sheet is read again.
protocol VisitForm: Screen {
    var onSaved: (() -> Void)? { get set }
}

/// The layout the screening and HIV test forms share: the patient banner, the fields on
/// the left, and on the right a panel of what the answers so far amount to.
enum PanelForm {
    static let panelX = 42

    /// Draws the form and its panel; `lines` gets the fields' labels by id and the width.
    static func render(
        _ entry: FormScreen, patient: PatientCard, background: [BackgroundEntry], into canvas: inout Canvas, top: Int,
        height: Int, environment: AppEnvironment,
        lines: (_ labels: [String: String], _ width: Int) -> [(text: String, style: Style)]
    ) {
        let x = panelX, width = canvas.width - x - 1
        entry.fieldsEnd = width > 20 ? x - 1 : nil
        entry.render(into: &canvas, top: top + 1, height: height - 1, environment: environment)
        PatientBanner.render(
            patient, background: background, extra: "", into: &canvas, y: top, today: CalendarDate(environment.clock.now()))
        guard width > 20 else { return }
        let labels = Dictionary(entry.form.fields.map { ($0.id, $0.label) }, uniquingKeysWith: { first, _ in first })
        canvas.fill(x: x - 1, y: top + 3, width: canvas.width - x + 1, height: max(0, height - 6), style: .plain)
        for (index, line) in lines(labels, width).prefix(max(0, height - 6)).enumerated() {
            canvas.put(line.text, x: x, y: top + 3 + index, style: line.style, maxWidth: width)
        }
    }

    /// Whether every field after the focused one is among `skipped`: Enter there records.
    static func isLastAsked(_ entry: FormScreen, skipped: Set<String>) -> Bool {
        entry.form.fields.dropFirst(entry.form.focus + 1).allSatisfy { skipped.contains($0.id) }
    }

    /// Records with `record` and goes back saying what it returned; field problems stay on
    /// the form, any other refusal becomes its message.
    static func save(_ entry: FormScreen, onSaved: (() -> Void)?, _ record: () throws -> String) -> ScreenAction {
        entry.form.clearErrors()
        return entry.attempt {
            let said = try record()
            onSaved?()
            return .sequence([.pop, .confirm(said)])
        } ?? .none
    }

    /// Opens the form `make` builds over `screen`, reading the visit again once it records;
    /// a refusal to open (no permission, already recorded) is said by `refused`.
    static func open<Form: VisitForm>(
        _ make: () throws -> Form, reload: @escaping () -> Void, refused: (String) -> Void
    ) -> ScreenAction {
        do {
            let form = try make()
            form.onSaved = reload
            return .push(form)
        } catch {
            refused(userMessage(error))
            return .none
        }
    }
}
