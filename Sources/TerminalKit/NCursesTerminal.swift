import CCrashRestore
import CNCursesW
import Foundation

/// Why the real terminal could not be started.
public struct TerminalStartError: Error, CustomStringConvertible, Sendable {
    public let description: String
}

/// The real terminal through ncursesw: raw keyboard, wide characters, colour pairs
/// allocated on demand, redraws only the cells that changed.
public final class NCursesTerminal: Terminal {
    public let usesColor: Bool
    private var screen: OpaquePointer?
    private var previous: Canvas?
    private var pairs: [Int: Int16] = [:]
    /// How many colours the terminal offers (COLORS); orange needs 256.
    private var colours = 8

    /// Starts ncurses on the controlling terminal. Fails with a clear message when
    /// `TERM` is missing or unknown or when standard input/output is not a terminal.
    /// `setlocale(LC_ALL, "")` must have been called first.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            throw TerminalStartError(
                description: "clinic needs an interactive terminal (standard input and output must be a terminal)")
        }
        guard let term = environment["TERM"], !term.isEmpty else {
            throw TerminalStartError(description: "TERM is not set; set it to your terminal type, e.g. TERM=xterm-256color")
        }
        clinic_install_crash_restore()
        // newterm prints its own complaint on stderr for an unknown terminal; keep only ours.
        let savedStderr = dup(STDERR_FILENO)
        let devNull = Foundation.open("/dev/null", O_WRONLY)
        dup2(devNull, STDERR_FILENO)
        let screen = clinic_newterm()
        dup2(savedStderr, STDERR_FILENO)
        close(devNull)
        close(savedStderr)
        guard let screen else {
            throw TerminalStartError(description: "unknown terminal type TERM=\(term); try TERM=xterm-256color or TERM=vt100")
        }
        self.screen = screen
        set_term(screen)
        raw()
        noecho()
        nonl()
        keypad(clinic_stdscr(), true)
        set_escdelay(25)
        let colorWanted = environment["NO_COLOR"].map(\.isEmpty) ?? true
        if colorWanted && has_colors() {
            start_color()
            use_default_colors()
            usesColor = true
            colours = Int(clinic_colors())
        } else {
            usesColor = false
        }
        clinic_install_signal_handlers()
    }

    deinit { restore() }

    public var size: (columns: Int, rows: Int) {
        (Int(getmaxx(clinic_stdscr())), Int(getmaxy(clinic_stdscr())))
    }

    /// A terminating signal (SIGINT, SIGTERM, SIGHUP, SIGQUIT) received since the last call.
    public var interruption: Int32? {
        let signal = clinic_take_signal()
        if signal == 0, Self.inputHungUp() { return SIGHUP }
        return signal == 0 ? nil : signal
    }

    /// Whether the terminal behind standard input has gone (hung up or closed) without a
    /// SIGHUP reaching this process, as behind `su` and `sudo`: reads would fail at once for ever.
    private static func inputHungUp() -> Bool {
        var input = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
        guard poll(&input, 1, 0) == 1 else { return false }
        return input.revents & Int16(POLLHUP | POLLNVAL | POLLERR) != 0
    }

    public func nextKey(timeoutMilliseconds: Int) -> Key? {
        wtimeout(clinic_stdscr(), Int32(timeoutMilliseconds))
        guard let first = readRaw() else { return nil }
        if case .escape = first {
            // Alt-x arrives as Esc immediately followed by x; anything else that follows
            // at once is a key of its own and goes back to be read next.
            wtimeout(clinic_stdscr(), 0)
            var wch: wint_t = 0
            let status = wget_wch(clinic_stdscr(), &wch)
            if status == clinic_ok() {
                if let key = Self.mapCharacter(UInt32(wch)), case .character(let c) = key { return .alt(c) }
                unget_wch(wchar_t(bitPattern: UInt32(wch)))
            } else if status == clinic_key_code_yes() {
                ungetch(Int32(wch))
            }
            return .escape
        }
        if case .resize = first {
            previous = nil
            let (columns, rows) = size
            return .resize(columns: columns, rows: rows)
        }
        return first
    }

    private func readRaw() -> Key? {
        var wch: wint_t = 0
        let status = wget_wch(clinic_stdscr(), &wch)
        if status == clinic_key_code_yes() { return Self.mapKeyCode(Int32(wch)) }
        if status == clinic_ok() { return Self.mapCharacter(UInt32(wch)) }
        return nil
    }

    static func mapCharacter(_ value: UInt32) -> Key? {
        switch value {
        case 10, 13: return .enter
        case 9: return .tab
        case 27: return .escape
        case 8, 127: return .backspace
        case 1...26: return .control(Character(Unicode.Scalar(value + 96)!))
        // GS (Ctrl-]): barcode scanners send it between variable-length GS1 fields.
        case 29: return .character("\u{1D}")
        case 0..<32: return nil
        default:
            guard let scalar = Unicode.Scalar(value) else { return nil }
            return .character(Character(scalar))
        }
    }

    static func mapKeyCode(_ code: Int32) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_NPAGE: return .pageDown
        case KEY_PPAGE: return .pageUp
        case KEY_DC: return .delete
        case KEY_BACKSPACE: return .backspace
        case KEY_ENTER: return .enter
        case KEY_BTAB: return .backTab
        case KEY_RESIZE: return .resize(columns: 0, rows: 0)
        default:
            for n in 1...12 where code == clinic_key_f(Int32(n)) { return .function(n) }
            return nil
        }
    }

    public func draw(_ canvas: Canvas) {
        let window = clinic_stdscr()
        let (columns, rows) = size
        if previous?.width != canvas.width || previous?.height != canvas.height {
            werase(window)
            previous = nil
        }
        for y in 0..<min(rows, canvas.height) {
            for x in 0..<min(columns, canvas.width) {
                let cell = canvas[x, y]
                if cell.isContinuation || previous?[x, y] == cell { continue }
                var wide = cell.text.unicodeScalars.map { wchar_t(bitPattern: $0.value) }
                wide.append(0)
                let (attributes, pair) = attributes(for: cell.style)
                _ = clinic_put_cell(Int32(y), Int32(x), wide, attributes, pair)
            }
        }
        previous = canvas
        if let cursor = canvas.cursor {
            curs_set(1)
            wmove(window, Int32(cursor.y), Int32(cursor.x))
        } else {
            curs_set(0)
        }
        wrefresh(window)
    }

    private func attributes(for style: Style) -> (attr_t, Int16) {
        let effective = usesColor ? style : style.monochrome
        var attributes = clinic_a_normal()
        if effective.bold { attributes |= clinic_a_bold() }
        if effective.reverse { attributes |= clinic_a_reverse() }
        if effective.underline { attributes |= clinic_a_underline() }
        if effective.dim { attributes |= clinic_a_dim() }
        guard usesColor, effective.foreground != .standard || effective.background != .standard else {
            return (attributes, 0)
        }
        let key = (effective.foreground.rawValue + 1) * 1024 + (effective.background.rawValue + 1)
        if let pair = pairs[key] { return (attributes, pair) }
        let pair = Int16(pairs.count + 1)
        init_pair(
            pair, effective.foreground.number(onTerminalWith: colours), effective.background.number(onTerminalWith: colours))
        pairs[key] = pair
        return (attributes, pair)
    }

    public func restore() {
        guard let screen else { return }
        endwin()
        delscreen(screen)
        self.screen = nil
    }
}
