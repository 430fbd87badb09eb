import CNCursesW
import ClinicStore
import Foundation
import TerminalKit

/// What needs a real terminal: a pseudo-terminal stands in for the screen (its output is
/// read and thrown away, as a terminal emulator would draw it).
enum TerminalBench {
    static let environment = [
        "TERM": "xterm-256color", "LINES": "24", "COLUMNS": "80", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8",
        "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
    ]

    /// A pseudo-terminal pair: the master to read, the slave for the child's stdin/stdout.
    /// (Sendable by hand: what was read is only touched under `lock`.)
    final class PseudoTerminal: @unchecked Sendable {
        let master: FileHandle
        let slave: FileHandle
        private let lock = NSLock()
        private var received = Data()

        init() throws {
            var name = [CChar](repeating: 0, count: 128)
            let fd = clinic_open_pty(&name, name.count)
            guard fd >= 0 else { throw BenchError("cannot open a pseudo-terminal: \(String(cString: strerror(errno)))") }
            let path = String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            let slaveFD = open(path, O_RDWR | O_NOCTTY)
            guard slaveFD >= 0 else { throw BenchError("cannot open \(path)") }
            master = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
            slave = FileHandle(fileDescriptor: slaveFD, closeOnDealloc: true)
            master.readabilityHandler = { [weak self] handle in
                let chunk = handle.availableData
                guard let self else { return }
                self.lock.lock()
                self.received.append(chunk)
                self.lock.unlock()
            }
        }

        /// Whether the terminal has been sent `text` so far.
        func hasReceived(_ text: String) -> Bool {
            lock.lock()
            defer { lock.unlock() }
            return received.range(of: Data(text.utf8)) != nil
        }

        func close() { master.readabilityHandler = nil }
    }

    /// Runs `executable` on a new pseudo-terminal.
    static func spawn(_ executable: String, _ arguments: [String], on terminal: PseudoTerminal) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        process.standardInput = terminal.slave
        process.standardOutput = terminal.slave
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// The whole `clinic` process from exec to the login screen's text reaching the terminal.
    static func startUp(clinic: String, database: String, runs: Int = 20) throws -> Measure {
        var measure = Measure(name: "start-up to drawn login (process)")
        for _ in 0..<runs {
            let terminal = try PseudoTerminal()
            let started = ContinuousClock.now
            let process = try spawn(clinic, ["--db", database], on: terminal)
            let deadline = started + .seconds(10)
            while !terminal.hasReceived("sername"), ContinuousClock.now < deadline { usleep(200) }
            let elapsed = ContinuousClock.now - started
            guard terminal.hasReceived("sername") else {
                process.terminate()
                throw BenchError("clinic did not draw its login screen within 10 s")
            }
            measure.samples.append(Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15)
            process.terminate()
            process.waitUntilExit()
            terminal.close()
        }
        measure.note = "\(runs) runs on the bench database"
        measure.target = ("p99 < 150 ms", measure.percentile(0.99) < 150)
        return measure
    }

    /// The ncurses blit, measured in a child (`--blit-child`) whose terminal is a
    /// pseudo-terminal: the main screens drawn in turn, each draw sending only changed cells.
    static func blit(bench: String, arguments: [String]) throws -> Measure {
        let terminal = try PseudoTerminal()
        let results = NSTemporaryDirectory() + "clinic-blit-\(getpid()).json"
        let process = try spawn(bench, ["--blit-child", results] + arguments, on: terminal)
        process.waitUntilExit()
        terminal.close()
        defer { try? FileManager.default.removeItem(atPath: results) }
        guard process.terminationStatus == 0, let data = FileManager.default.contents(atPath: results) else {
            throw BenchError("the blit child failed (exit \(process.terminationStatus))")
        }
        var measure = Measure(name: "ncurses blit: main screens in turn")
        measure.samples = try JSONDecoder().decode([Double].self, from: data)
        measure.note = "xterm-256color on a pseudo-terminal, 80x24"
        return measure
    }

    /// The child's side: draws `frames` in turn `rounds` times and writes the timings.
    static func blitChild(frames: [Canvas], rounds: Int = 100, results: String) throws {
        setlocale(LC_ALL, "")
        let terminal = try NCursesTerminal()
        var samples: [Double] = []
        for _ in 0..<rounds {
            for frame in frames {
                let clock = ContinuousClock()
                let elapsed = clock.measure { terminal.draw(frame) }
                samples.append(Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15)
            }
        }
        terminal.restore()
        try JSONEncoder().encode(samples).write(to: URL(fileURLWithPath: results))
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
