import ClinicDomain
import ClinicServices
import Foundation
import TerminalKit

/// The screen stack and the input loop: routes keys through the keymap, draws the
/// chrome (title bar, status line, key bar), locks idle terminals and handles resize.
public final class ClinicApp {
    /// The smallest terminal the screens are laid out for.
    public static let minimumSize = (columns: 80, rows: 24)

    public let environment: AppEnvironment
    /// Seconds without a key before the terminal locks.
    public let idleLockSeconds: TimeInterval
    public private(set) var stack: [any Screen]
    /// The page of the help overlay shown, nil when the help is closed.
    public private(set) var helpPage: Int?
    public var isHelpVisible: Bool { helpPage != nil }
    /// The detail box shown over the screen, if any.
    public private(set) var detail: (title: String, text: String)?
    /// A word from the app itself (a refusal, or a confirmation a screen asked for), shown just
    /// above the status line until the next key.
    public private(set) var notice: String?
    /// Work running off the input loop for a screen, if any.
    public private(set) var job: ActiveJob?
    /// Quit or log out waiting for the answer to "discard typed values?".
    private var askedToDiscard: (action: KeyAction, effect: ScreenAction)?
    public private(set) var isFinished = false
    private var lastActivity: Date
    /// Rows of the last frame drawn, for paging the help as it is shown.
    private var rowsShown = ClinicApp.minimumSize.rows
    /// The last frame's selected table row, when some of its cells were cut to fit.
    private var cutSelectedRow: [Canvas.LabelledValue]?
    private var lastSessionCheck: Date
    private var lastFileCheck: Date

    public init(environment: AppEnvironment, idleLockSeconds: TimeInterval = 300) {
        self.environment = environment
        self.idleLockSeconds = idleLockSeconds
        stack = [LoginScreen(definition: environment.screens["login"])]
        lastActivity = environment.clock.now()
        lastSessionCheck = lastActivity
        lastFileCheck = lastActivity
    }

    /// The screen on top of the stack.
    public var top: any Screen { stack[stack.count - 1] }

    /// Runs until the user quits or a terminating signal arrives, then restores the terminal.
    public func run(on terminal: any Terminal, interruption: () -> Int32? = { nil }) {
        defer { terminal.restore() }
        while !isFinished {
            let size = terminal.size
            terminal.draw(frame(columns: size.columns, rows: size.rows))
            let key = terminal.nextKey(timeoutMilliseconds: 500)
            if interruption() != nil {
                quit(reason: "terminal closed by signal")
                break
            }
            guard let key else {
                tick()
                continue
            }
            process(key)
            processWaitingKeys(from: terminal)
        }
    }

    /// Keys already waiting (a paste arrives as thousands) are handled before the next frame
    /// is drawn, for at most 50 ms at a time, so a paste costs one redraw, not one per key.
    private func processWaitingKeys(from terminal: any Terminal) {
        let deadline = Date().addingTimeInterval(0.05)
        while !isFinished, Date() < deadline, let key = terminal.nextKey(timeoutMilliseconds: 0) {
            process(key)
        }
    }

    /// Handles one key press.
    public func process(_ key: Key) {
        lastActivity = environment.clock.now()
        if case .resize = key { return }
        notice = nil
        if key == .control("c") {
            quit(reason: "quit with Ctrl-C")
            return
        }
        // A key typed after the file went is not saved into it: the screen gives way first.
        if !(top is DatabaseGoneScreen), stopsForAMissingDatabase(lastActivity) { return }
        let screen = top
        let overlaid = detail != nil || helpPage != nil
        let action =
            screen.capturesText && key.isPrintable && !overlaid
            ? nil : environment.keymap.action(for: key, in: screen.contexts)
        if let asked = askedToDiscard {
            askedToDiscard = nil
            if [.character("y"), .character("Y")].contains(key) || action == asked.action { return apply(asked.effect) }
            // Another global key (Ctrl-L above all) still does its own work; any other key only keeps the values.
            guard let action, globalEffect(of: action) != nil else {
                notice = "Kept; carry on."
                return
            }
        }
        if let action, let effect = globalEffect(of: action) {
            (detail, helpPage) = (nil, nil)
            if asksBeforeDiscarding(action, effect) { return }
            apply(effect)
            return
        }
        if detail != nil {
            detail = nil
            return
        }
        if let page = helpPage {
            helpPage = HelpPages.turn(page, by: key, pages: helpPages(rows: rowsShown).count)
            return
        }
        if let job, job.owner === screen {
            notice = job.answer(key, action: action, label: Keymap.label(key))
            return
        }
        if action == .wholeRow {
            showWholeRow()
            return
        }
        if let action, let refusal = ScreenKeys.refusal(of: action, on: screen, session: environment.session) {
            notice = refusal
            return
        }
        apply(screen.handle(Input(key: key, action: action), environment: environment))
    }

    /// Any table's selected row in full, one heading and value per line: what the columns
    /// cut off at this width (a long name, a diagnosis, a note) is read without a wider terminal.
    private func showWholeRow() {
        guard let cells = cutSelectedRow else {
            notice = "Nothing is cut off here: the whole row is shown."
            return
        }
        let text = cells.filter { !$0.label.isEmpty || !$0.value.isEmpty }
            .map { "\($0.label.isEmpty ? "—" : $0.label): \($0.value.isEmpty ? "—" : $0.value)" }
        detail = (title: "\(top.title): selected row", text: text.joined(separator: "\n"))
    }

    /// Lock, log out and quit belong to the app, not to a screen: handled here, once,
    /// before any screen sees the key, so every screen offers them alike.
    /// Quitting or logging out with typed values not saved on any open screen asks once:
    /// `y` (or the same key again) goes ahead, any other key keeps them. Returns whether it asked.
    private func asksBeforeDiscarding(_ action: KeyAction, _ effect: ScreenAction) -> Bool {
        guard action == .quit || action == .logout else { return false }
        let typed = stack.reduce(0) { $0 + $1.unsavedValueCount }
        guard typed > 0 else { return false }
        askedToDiscard = (action, effect)
        let (question, yes) = action == .quit ? ("Quit", "y quits") : ("Log out", "y logs out")
        notice = "\(question) and discard \(typed) typed value\(typed == 1 ? "" : "s")? \(yes), any other key keeps them."
        return true
    }

    private func globalEffect(of action: KeyAction) -> ScreenAction? {
        switch action {
        case .lock: environment.session == nil ? nil : .lock
        case .logout: environment.session == nil ? nil : .logout
        case .quit: .quit
        default: nil
        }
    }

    /// Called when no key arrived for a while: idle lock, session checks, live screens.
    public func tick() {
        let now = environment.clock.now()
        if stopsForAMissingDatabase(now) { return }
        if let session = environment.session {
            if !top.isLockScreen, now.timeIntervalSince(lastActivity) >= idleLockSeconds {
                try? environment.auth.recordIdleLock(session)
                apply(.lock)
            } else if now.timeIntervalSince(lastSessionCheck) >= 2 {
                lastSessionCheck = now
                if (try? environment.auth.isCurrent(session)) == false {
                    try? environment.auth.logout(session, reason: "account changed elsewhere")
                    environment.session = nil
                    stack = [
                        LoginScreen(
                            definition: environment.screens["login"],
                            notice: "Your account was changed elsewhere; please log in again.")
                    ]
                }
            }
        }
        finishJob()
        top.tick(environment: environment)
    }

    /// Every 2 s: when the database file was deleted or replaced, nothing more is saved
    /// from this terminal. Every screen gives way to one that says so (the session ends
    /// without a write). Returns whether the app has stopped so.
    private func stopsForAMissingDatabase(_ now: Date) -> Bool {
        if top is DatabaseGoneScreen { return true }
        guard now.timeIntervalSince(lastFileCheck) >= 2 else { return false }
        lastFileCheck = now
        guard let problem = environment.databaseFile.problem() else { return false }
        (job, detail, helpPage) = (nil, nil, nil)
        environment.session = nil
        stack = [DatabaseGoneScreen(problem: problem)]
        return true
    }

    /// Applies a finished job's result once its screen is on top again (not behind the lock
    /// screen); drops it when that screen has gone (logged out).
    private func finishJob() {
        guard let job else { return }
        guard stack.contains(where: { $0 === job.owner }) else { return self.job = nil }
        guard job.owner === top, let result = job.running.finished() else { return }
        self.job = nil
        notice = nil  // "Please wait" or "Stopping…" is answered now
        apply(result)
        for key in job.running.progress.isCancelled ? [] : job.keptKeys { process(key) }
    }

    /// Carries out what a screen (or the app) asked for.
    func apply(_ action: ScreenAction) {
        switch action {
        case .none: break
        case .push(let screen): stack.append(screen)
        case .pop: if stack.count > 1 { stack.removeLast() }
        case .replace(let screen): stack[stack.count - 1] = screen
        case .showHelp: helpPage = 0
        case .showDetail(let title, let text): detail = (title, text)
        case .confirm(let sentence): notice = sentence
        case .run(let work): job = ActiveJob(work, owner: top, started: environment.clock.now())
        case .sessionChanged(let session): environment.session = session
        case .loggedIn(let session): logIn(session)
        case .lock:
            guard let session = environment.session, !top.isLockScreen else { return }
            stack.append(LoginScreen(definition: environment.screens["login"], lockedUser: session))
        case .logout:
            if let session = environment.session { try? environment.auth.logout(session, reason: "logged out") }
            environment.session = nil
            stack = [LoginScreen(definition: environment.screens["login"])]
        case .quit: quit(reason: "quit")
        case .sequence(let actions): actions.forEach(apply)
        }
    }

    /// A login from the login screen starts fresh; an unlock by the same user resumes
    /// where they were; another user at a locked terminal logs the first one out.
    private func logIn(_ session: Session) {
        if top.isLockScreen, let previous = environment.session {
            if previous.userID == session.userID {
                stack.removeLast()
                environment.session = session
                return
            }
            try? environment.auth.logout(previous, reason: "ended at a locked terminal by \(session.username)")
        }
        environment.session = session
        stack = [HomeScreen(session: session)]
    }

    private func quit(reason: String) {
        if let session = environment.session { try? environment.auth.logout(session, reason: reason) }
        environment.session = nil
        isFinished = true
    }

    /// Draws the whole screen for a terminal of the given size.
    public func frame(columns: Int, rows: Int) -> Canvas {
        var canvas = Canvas(width: columns, height: rows)
        if columns < Self.minimumSize.columns || rows < Self.minimumSize.rows {
            Chrome.renderTooSmall(into: &canvas)
            return canvas
        }
        rowsShown = rows
        let screen = top
        Chrome.renderTitle(screen.title, environment: environment, into: &canvas)
        screen.render(into: &canvas, top: 1, height: rows - 3, environment: environment)
        cutSelectedRow = canvas.cutSelectedRow
        Chrome.renderStatus(environment: environment, notice: notice, into: &canvas)
        Chrome.renderKeyBar(screen, environment: environment, into: &canvas)
        if let job, job.owner === screen {
            Dialog.render(title: job.work.title, lines: job.lines(now: environment.clock.now()), into: &canvas)
            canvas.cursor = nil
        }
        if let detail {
            let lines =
                detail.text.split(separator: "\n", omittingEmptySubsequences: false)
                .flatMap { DisplayWidth.wrap(String($0), columns: columns - 8) } + ["", "Any key closes this."]
            Dialog.render(title: detail.title, lines: Array(lines.suffix(Dialog.capacity(rows: rows))), into: &canvas)
            canvas.cursor = nil
        }
        if let helpPage {
            let pages = helpPages(rows: rows)
            // Every page as tall as the tallest, so the box stays put as pages turn.
            let page = pages[min(helpPage, pages.count - 1)], tallest = pages.map(\.count).max() ?? 0
            Dialog.render(
                title: HelpPages.title(page: helpPage, of: pages.count),
                lines: page + Array(repeating: "", count: tallest - page.count), into: &canvas)
            canvas.cursor = nil
        }
        return canvas
    }

    /// The top screen's help, split into pages that fit a terminal of `rows` rows.
    private func helpPages(rows: Int) -> [[String]] {
        HelpPages.split(
            HelpText.lines(
                for: environment.keymap, screen: top, session: environment.session,
                rowIsCut: cutSelectedRow != nil),
            capacity: Dialog.capacity(rows: rows))
    }
}
