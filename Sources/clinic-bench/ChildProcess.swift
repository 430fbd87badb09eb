import Foundation

/// A command run to completion with its own wall time and peak resident memory, so a
/// measure's memory is that process's alone.
enum ChildProcess {
    struct Outcome {
        let status: Int32
        let milliseconds: Double
        let peakMB: Double
    }

    static func run(_ executable: String, _ arguments: [String]) throws -> Outcome {
        var pid: pid_t = 0
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0)
        let started = ContinuousClock.now
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, environ)
        guard spawned == 0 else { throw BenchError("cannot run \(executable): \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        var peakKB = 0
        // The kernel's maxrss of a child started by vfork (as posix_spawn does) includes the
        // parent's memory at the spawn; the child's own high-water mark (VmHWM) does not.
        while true {
            let done = waitpid(pid, &status, WNOHANG)
            if done == pid { break }
            if done < 0 && errno != EINTR { throw BenchError("waiting for \(executable): \(String(cString: strerror(errno)))") }
            peakKB = max(peakKB, highWaterKB(of: pid))
            usleep(5_000)
        }
        let elapsed = ContinuousClock.now - started
        let exit = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return Outcome(
            status: exit, milliseconds: Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15,
            peakMB: Double(peakKB) / 1024)
    }

    /// The process's peak resident memory so far (VmHWM in /proc), 0 when unreadable.
    static func highWaterKB(of pid: pid_t) -> Int {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") })
        else { return 0 }
        return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
    }
}
