import ClinicDomain
import ClinicServices
import TerminalKit

/// One patient's record: banner with allergies, demographics, membership status,
/// clinical background and the visits. Enter opens the selected visit to read; F4 edits,
/// F6 adds background, F8 deactivates or reactivates.
public final class PatientRecordScreen: Screen {
    public private(set) var file: PatientFile
    public private(set) var message: String?
    /// Visits, newest first, with their stage timelines.
    public private(set) var visits: [VisitHistoryEntry] = []
    /// Sparklines of the patient's vitals across visits, nil before any were taken.
    private(set) var trends: String?
    /// The patient's screening, for roles that screen; nil before any.
    private(set) var screening: ScreeningSummary?
    private var changes = ChangeWatcher()
    /// Today's booking offered in place of a walk-in, waiting for Enter.
    private var pendingBooking: BookingRow?
    /// The visit list: when it started, where it got to, its colour and why.
    private(set) var visitTable = Table(columns: [
        TableColumn("Started", width: 16), TableColumn("Stage", width: 12), TableColumn("Colour", width: 6),
        TableColumn("Reason", width: 30),
    ])

    init(file: PatientFile, environment: AppEnvironment) {
        self.file = file
        loadVisits(environment)
    }

    /// Opens (and audits the view of) the record with `id`.
    static func open(id: String, environment: AppEnvironment) -> ScreenAction {
        do {
            return .push(
                PatientRecordScreen(
                    file: try environment.patients.open(id: id, by: environment.actor),
                    environment: environment))
        } catch {
            return .none
        }
    }

    /// Visits started or moved on at any terminal show here without reopening the record.
    public func tick(environment: AppEnvironment) {
        if changes.changed(environment) { loadVisits(environment) }
    }

    private func loadVisits(_ environment: AppEnvironment) {
        let selected = visits.indices.contains(visitTable.selection.selected) ? visits[visitTable.selection.selected] : nil
        visits = (try? environment.visits.history(patientId: file.record.id, by: environment.actor)) ?? []
        visitTable.selection.setCount(visits.count)
        if let row = visits.firstIndex(where: { $0.visit.id == selected?.visit.id }) { visitTable.selection.select(row) }
        if let session = environment.session, session.can(.vitalsWrite) || session.can(.counsellingRead) {
            screening = try? environment.screening.summary(patientId: file.record.id, by: environment.actor)
        }
        let history = (try? environment.visits.vitalsHistory(patientId: file.record.id, by: environment.actor)) ?? []
        trends = Self.trends(history.map(\.vitals))
    }

    /// The reason prompt that checks the patient in: registration stage, then the nursing queue.
    private func startVisitScreen(_ environment: AppEnvironment) -> FormScreen {
        let membership =
            file.record.membershipNumber == nil
            ? "no medical aid"
            : "\(file.record.membershipText), roster: \(file.membershipStatus ?? "—")"
        return FormScreen(
            definition: environment.screens["reason"], title: "Start visit: reason for the visit",
            intro: "\(file.record.displayName) · born \(file.record.dateOfBirth?.description ?? "—") · \(membership)"
        ) {
            [weak self] screen, environment in
            guard let self else { return .pop }
            do {
                _ = try environment.visits.checkIn(
                    patientId: file.record.id, reason: screen.form[ReasonField.reason], by: environment.actor)
                loadVisits(environment)
                message = "Checked in: waiting in the nursing queue."
                return .pop
            } catch {
                screen.show(FieldProblems([FieldProblem(ReasonField.reason, userMessage(error))]))
                return nil
            }
        }
    }

    public var title: String { "Patient \(file.record.folderNumber)" }
    public var contexts: [KeyContext] { [.record, .list] }
    public var keyBarActions: [KeyAction] { [.help, .startVisit, .edit, .addBackground, .status, .back] }
    /// Enter is said over the visit list rather than in the full key bar.
    public var helpActions: [KeyAction] { [.help, .open, .startVisit, .edit, .addBackground, .status, .back] }
    public var movementHeading: String { "Moving in the visits:" }
    public func keyLabel(_ action: KeyAction) -> String? { action == .open ? "Open visit" : nil }

    public func permission(for action: KeyAction) -> Permission? {
        switch action {
        case .startVisit: .visitStart
        case .edit, .addBackground, .status: .patientWrite
        default: nil
        }
    }

    public func handle(_ input: Input, environment: AppEnvironment) -> ScreenAction {
        message = nil
        if let booking = pendingBooking {
            pendingBooking = nil
            if input.key == .enter { return checkIn(booking, environment) }
            if input.action == .startVisit { return .push(startVisitScreen(environment)) }
            return .none
        }
        switch input.action {
        case .back: return .pop
        case .help: return .showHelp
        case .up, .down, .pageUp, .pageDown, .first, .last:
            _ = visitTable.selection.follow(input, pageSize: 4)
            return .none
        case .open:
            guard visits.indices.contains(visitTable.selection.selected) else {
                message = "No visits yet: F5 starts one."
                return .none
            }
            return PastVisitScreen.open(id: visits[visitTable.selection.selected].visit.id, environment: environment)
        case .edit: return .push(RegistrationFlow.editScreen(self, environment))
        case .addBackground: return .push(addBackgroundScreen(environment))
        case .status: return .push(statusScreen(environment))
        case .startVisit:
            // Said before the reason is typed, not after.
            if let open = visits.first(where: { $0.visit.stage.isOpen }) {
                message = VisitError.alreadyOpen(stage: open.visit.stage).description
                return .none
            }
            // A walk-in for a patient booked today is offered that booking instead.
            if let booking = try? environment.appointments.bookingToday(patientId: file.record.id, by: environment.actor) {
                pendingBooking = booking
                message =
                    "Booked today at \(booking.booking.slot), \(booking.location)"
                    + (booking.booking.status == .noShow ? " (marked a no-show)" : "")
                    + ": Enter checks that booking in, \(environment.keymap.label(for: .startVisit)) starts a walk-in visit instead."
                return .none
            }
            return .push(startVisitScreen(environment))
        default: return .none
        }
    }

    /// Checks today's booking in: the visit starts and waits in the nursing queue.
    private func checkIn(_ booking: BookingRow, _ environment: AppEnvironment) -> ScreenAction {
        do {
            _ = try environment.appointments.checkIn(booking.booking.id, by: environment.actor)
            loadVisits(environment)
            message = "Checked in for the \(booking.booking.slot) booking: waiting in the nursing queue."
        } catch {
            message = userMessage(error)
        }
        return .none
    }

    /// Replaces the shown record after a save elsewhere on the stack.
    func show(_ record: PatientCard, message: String) {
        file = PatientFile(record: record, background: file.background, membershipStatus: file.membershipStatus)
        self.message = message
    }

    private static let kindProblem = "kind must be allergy, condition or medication"

    private func addBackgroundScreen(_ environment: AppEnvironment) -> FormScreen {
        FormScreen(
            definition: environment.screens["background"], intro: "For \(file.record.displayName)",
            suggested: fieldValues([BackgroundField.kind: BackgroundKind.allergy.rawValue]),
            check: { screen, _ in
                BackgroundKind(rawValue: screen.form[BackgroundField.kind].lowercased()) == nil
                    ? FieldProblems([FieldProblem(BackgroundField.kind, Self.kindProblem)]) : nil
            }
        ) { [weak self] screen, environment in
            guard let self else { return .pop }
            guard let kind = BackgroundKind(rawValue: screen.form[BackgroundField.kind].lowercased()) else {
                screen.show(FieldProblems([FieldProblem(BackgroundField.kind, Self.kindProblem)]))
                return nil
            }
            return screen.attempt {
                guard !screen.form[BackgroundField.text].trimmingCharacters(in: .whitespaces).isEmpty else {
                    throw FieldProblems([FieldProblem(BackgroundField.text, "\(kind.rawValue) must not be empty")])
                }
                let item = try environment.patients.addBackground(
                    kind, text: screen.form[BackgroundField.text], note: screen.form[BackgroundField.note],
                    to: file.record.id, by: environment.actor)
                file = PatientFile(
                    record: file.record, background: file.background + [item],
                    membershipStatus: file.membershipStatus)
                message = "Added \(kind.rawValue): \(item.text)."
                return .pop
            }
        }
    }

    private func statusScreen(_ environment: AppEnvironment) -> FormScreen {
        let activating = !file.record.active
        return FormScreen(
            definition: environment.screens["reason"],
            title: activating ? "Reactivate record" : "Deactivate record",
            intro: "\(activating ? "Reactivate" : "Deactivate") \(file.record.displayName): why?"
        ) { [weak self] screen, environment in
            guard let self else { return .pop }
            do {
                let record = try environment.patients.setActive(
                    activating, id: file.record.id,
                    reason: screen.form[ReasonField.reason], by: environment.actor)
                show(record, message: activating ? "Record reactivated." : "Record deactivated.")
                return .pop
            } catch {
                screen.show(FieldProblems([FieldProblem(ReasonField.reason, userMessage(error))]))
                return nil
            }
        }
    }

    /// Sparklines of blood pressure (systolic), weight and glucose over the last ten readings
    /// of each, with the latest value; nil when none was ever measured.
    static func trends(_ sets: [Vitals]) -> String? {
        func line(_ label: String, _ values: [Double], latest: String) -> String? {
            values.isEmpty ? nil : "\(label) \(Sparkline.text(values, columns: 10)) \(latest)"
        }
        let pressures = sets.compactMap { set in set.systolic.flatMap { s in set.diastolic.map { (s, $0) } } }
        let weights = sets.compactMap(\.weight), glucose = sets.compactMap(\.glucose)
        let parts = [
            line("BP", pressures.map { Double($0.0) }, latest: pressures.last.map { "\($0.0)/\($0.1)" } ?? ""),
            line("Weight", weights, latest: weights.last.map { "\($0.plainText) kg" } ?? ""),
            line("Glucose", glucose, latest: glucose.last.map { "\($0.plainText) mmol/L" } ?? ""),
        ].compactMap { $0 }
        return parts.isEmpty ? nil : parts.joined(separator: "   ")
    }

    public func render(into canvas: inout Canvas, top: Int, height: Int, environment: AppEnvironment) {
        PatientBanner.render(
            file.record, background: file.background, extra: screening?.unacted.isEmpty == false ? "  ! screening raised" : "",
            into: &canvas, y: top, today: CalendarDate(environment.clock.now()))
        var y = renderDetails(into: &canvas, y: top + 3) + 1
        for kind in [BackgroundKind.condition, .medication] {
            let items = file.background.filter { $0.kind == kind }.map(\.text)
            let label = kind == .condition ? "Chronic conditions" : "Long-term medicines"
            canvas.put(
                DisplayWidth.fit(
                    "\(label): " + (items.isEmpty ? "none recorded" : items.joined(separator: "; ")),
                    columns: canvas.width - 4), x: 2, y: y)
            y += 1
        }
        let bottom = top + height - 2
        let extras = (trends.map { [("Trends  " + $0, Style.plain)] } ?? []) + (screening.map(ScreeningLines.record) ?? [])
        // The visit list keeps its heading, column names and up to two visits (it scrolls).
        let visitRows = 2 + min(2, max(1, visits.count))
        y = Self.renderFitting(extras, into: &canvas, y: y, room: bottom - visitRows - y)
        renderVisits(into: &canvas, y: y + 1, bottom: bottom)
        if let message {
            canvas.putWrapped(message, x: 2, y: top + height - 1, width: canvas.width - 4, style: .strong, upward: true)
        }
    }

    /// Draws `lines` (trends, screening) in at most `room` rows: two rows each while they
    /// fit, else one, else the first lines go and the last (a raised result) stays.
    static func renderFitting(_ lines: [(String, Style)], into canvas: inout Canvas, y start: Int, room: Int) -> Int {
        let width = canvas.width - 4
        var rows = lines.map { min(2, DisplayWidth.wrap($0.0, columns: width).count) }
        var shown = Array(lines.indices)
        while rows.reduce(0, +) > room, let index = rows.firstIndex(where: { $0 > 1 }) { rows[index] = 1 }
        while !shown.isEmpty, shown.map({ rows[$0] }).reduce(0, +) > max(0, room) { shown.removeFirst() }
        var y = start
        for index in shown {
            y += canvas.putWrapped(lines[index].0, x: 2, y: y, width: width, style: lines[index].1, maxLines: rows[index])
        }
        return y
    }

    /// The demographics, one labelled line each (two for a long value); returns the next row.
    private func renderDetails(into canvas: inout Canvas, y start: Int) -> Int {
        let record = file.record
        let details: [(String, String)] = [
            ("Born", record.dateOfBirth?.description ?? ""),
            ("Document", "\(record.documentType.rawValue) \(record.documentNumber)"),
            ("Phone", record.phone.map(PhoneNumber.display) ?? "—"),
            ("Address", [record.address, record.province?.name ?? ""].filter { !$0.isEmpty }.joined(separator: ", ")),
            ("Language", record.language),
            (
                "Next of kin",
                [record.nextOfKinPhone.map(PhoneNumber.display) ?? "", record.nextOfKin].filter { !$0.isEmpty }.joined(
                    separator: ", ")
            ),
            (
                "Membership",
                record.membershipNumber == nil ? "none" : "\(record.membershipText)  roster: \(file.membershipStatus ?? "—")"
            ),
            ("Main member", record.mainMemberFolder ?? "—"),
        ]
        var y = start
        for (label, value) in details {
            canvas.put(label + ":", x: 2, y: y, style: .strong)
            // A long value (an address, a next of kin) wraps onto a second line.
            y += canvas.putWrapped(value.isEmpty ? "—" : value, x: 16, y: y, width: canvas.width - 18, maxLines: 2)
        }
        return y
    }

    /// The visits, newest first, one row each, down to row `bottom`; the selected one opens with Enter.
    private func renderVisits(into canvas: inout Canvas, y start: Int, bottom: Int) {
        guard !visits.isEmpty else {
            canvas.put("Visits: none yet", x: 2, y: start, style: .muted)
            return
        }
        let fixed = visitTable.columns.dropLast().reduce(0) { $0 + $1.width + 1 }
        visitTable.columns[3].width = max(10, canvas.width - 7 - fixed)
        let height = max(2, bottom - start)
        defer {
            // Said once the table has scrolled, so the rows out of sight are never a surprise.
            let first = visitTable.selection.offset, last = min(visits.count, first + height - 1)
            let shown = last - first < visits.count ? "; \(first + 1)–\(last) shown, ↑↓ for more" : ""
            canvas.put(
                "Visits: \(visits.count.counted("visit")), newest first (Enter opens)\(shown)", x: 2, y: start,
                style: .strong, maxWidth: canvas.width - 4)
        }
        visitTable.render(
            count: visits.count,
            row: { [visits] number in
                let visit = visits[number].visit
                return [
                    ClinicTime.stampText(visit.arrivedAt), visit.stage.rawValue,
                    visit.colour?.rawValue.uppercased() ?? "—", visit.reason,
                ]
            }, into: &canvas, x: 4, y: start + 1, width: canvas.width - 6, height: height)
    }
}
