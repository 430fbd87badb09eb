import ClinicDomain
import ClinicServices
import TerminalKit

/// The administrator's audit viewer: newest rows first, F2 filters by user, patient, action
/// and dates, F3 re-verifies the hash chain, F4 writes the filtered rows as CSV.
final class AuditScreen: Screen {
    private(set) var rows: [AuditEntry] = []
    /// What the last verification found; it is run on F3, not on opening (every clinical
    /// row's seal is recomputed: seconds on a large database).
    private(set) var verification = "F3 verifies the audit chain and every clinical row's seal."
    /// Whether `verification` is good news (shown strong) or a problem (shown as an error).
    private var verificationIsGood = true
    /// A clean verification holds only for the rows there then: set when one is shown, so
    /// the next change (any terminal's) says it is out of date.
    private var verifiedAt: String?
    private var changes = ChangeWatcher()
    private(set) var filterValues: [String: String] = [:]
    private(set) var message: String?
    private var filter = AuditSearch()
    private var table = Table(columns: [
        TableColumn("When", width: 12), TableColumn("User", width: 10), TableColumn("Action", width: 24),
        TableColumn("Folder", width: 11), TableColumn("Detail", width: 40),
    ])
    static let limit = 500

    init(environment: AppEnvironment) { load(environment) }

    /// Reads the rows again; a reload for another terminal's change keeps the selected row number.
    private func load(_ environment: AppEnvironment, keepingSelection: Bool = false) {
        do { rows = try environment.audit.entries(filter, limit: Self.limit, by: environment.actor) } catch {
            message = userMessage(error)
        }
        if keepingSelection { table.selection.setCount(rows.count) } else { table.selection = ListSelection() }
    }

    /// Verification as background work: it reads every row, so it runs off the input loop,
    /// shows how far it has got, and Esc stops it (it changes nothing).
    func verifyJob(_ environment: AppEnvironment) -> BackgroundJob {
        let audit = environment.audit, actor = environment.actor
        return BackgroundJob(
            "Verifying the audit log", cancellable: true,
            work: { progress in
                try audit.verify(by: actor, progress: progress)
            },
            then: { [weak self] result in
                guard let self else { return .none }
                show(result, at: ClinicTime.clockText(environment.clock.now()).suffix(5))
                load(environment)
                _ = changes.changed(environment)
                return .none
            })
    }

    private func show(_ result: Result<AuditCheck, any Error>, at time: Substring) {
        verifiedAt = nil
        verificationIsGood = false
        switch result {
        case .success(.intact(let count, let sealed)):
            verification = "Whole log verified at \(time): \(count) rows intact; \(sealed) sealed rows match."
            (verifiedAt, verificationIsGood) = (String(time), true)
        case .success(.broken(let id, let reason)): verification = "CHAIN BROKEN at row \(id): \(reason)."
        case .success(.tampered(let problem)): verification = "TAMPERED: \(problem)."
        case .failure(is CancellationError):
            verification = "Verification stopped before the end; F3 starts it again."
            verificationIsGood = true
        case .failure(let error): verification = userMessage(error)
        }
    }

    /// Any terminal's change reloads the rows (new audit rows appear at the top); a clean
    /// verification then says it covered only the rows there at the time.
    func tick(environment: AppEnvironment) {
        guard changes.changed(environment) else { return }
        load(environment, keepingSelection: true)
        if let verifiedAt {
            verification = "Verified at \(verifiedAt); rows were added since: F3 verifies again."
            self.verifiedAt = nil
        }
    }

    private func filterScreen(_ environment: AppEnvironment) -> FormScreen {
        FormScreen(
            definition: environment.screens["audit-filter"], values: filterValues,
            check: { screen, environment in
                FieldProblems.thrown { _ = try environment.audit.filter(screen.values, by: environment.actor) }
            }
        ) {
            [weak self] screen, environment in
            guard let self else { return .pop }
            return screen.attempt {
                let values = Dictionary(
                    uniqueKeysWithValues: ["user", "patient", "action", "from", "to"].map { ($0, screen.form[$0]) })
                filter = try environment.audit.filter(values, by: environment.actor)
                filterValues = values
                message = nil
                load(environment)
                return .pop
            }
        }
    }

    var title: String { "Audit log" }
    var contexts: [KeyContext] { [.reports, .list] }
    var keyBarActions: [KeyAction] { [.help, .open, .filter, .verify, .export, .back] }
    func keyLabel(_ action: KeyAction) -> String? { action == .open ? "Details" : nil }

    func handle(_ input: Input, environment: AppEnvironment) -> ScreenAction {
        switch input.action {
        case .back: return .pop
        case .help: return .showHelp
        case .filter: return .push(filterScreen(environment))
        case .verify:
            (verification, verificationIsGood) = ("Verifying…", true)  // the last result no longer stands
            return .run(verifyJob(environment))
        case .export:
            let (audit, filter, folder, actor) = (environment.audit, filter, environment.exportFolder, environment.actor)
            return .run(
                .telling(
                    "Exporting the audit log",
                    work: {
                        let written = try audit.export(filter, to: folder, by: actor)
                        return "\(written.rows) rows written to \(written.path)"
                    }, then: { [weak self] in self?.message = $0 }))
        case .open where rows.indices.contains(table.selection.selected):
            let row = rows[table.selection.selected]
            return .showDetail(
                title: "Audit row \(row.id)",
                text: """
                    When: \(ClinicTime.clockText(row.at))
                    Who: \(row.actor)
                    Action: \(row.action)
                    Folder: \(row.folderNumber ?? "—")
                    Detail: \(row.detail)
                    """)
        default: table.selection.follow(input)
        }
        return .none
    }

    func render(into canvas: inout Canvas, top: Int, height: Int, environment: AppEnvironment) {
        canvas.put(
            verification, x: 2, y: top, style: verificationIsGood ? .strong : .error,
            maxWidth: canvas.width - 4)
        let shown = filterValues.filter { !$0.value.isEmpty }.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
        let count = rows.count == Self.limit ? "newest \(Self.limit) rows" : rows.count.counted("row")
        canvas.put(
            count + (shown.isEmpty ? ", no filter" : ", filter: " + shown.joined(separator: ", ")),
            x: 2, y: top + 1, maxWidth: canvas.width - 4)
        let line = { (number: Int) -> [String] in
            let row = self.rows[number]
            return [
                String(ClinicTime.clockText(row.at).dropFirst(4)), row.actor, row.action,
                row.folderNumber ?? "", row.detail,
            ]
        }
        // The detail takes what the other columns leave (no stray "…" at the row's end).
        table.columns[4].width = max(10, canvas.width - 2 - table.columns.prefix(4).reduce(0) { $0 + $1.width + 1 } - 1)
        table.render(count: rows.count, row: line, into: &canvas, x: 1, y: top + 3, width: canvas.width - 2, height: height - 5)
        if let message {
            canvas.putWrapped(message, x: 2, y: top + height - 1, width: canvas.width - 4, style: .strong, upward: true)
        }
    }
}
