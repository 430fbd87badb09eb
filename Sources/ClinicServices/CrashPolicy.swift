import Foundation

/// How a program of the clinic crashes: at once. Swift's backtracer, when it finds a
/// terminal, stops a crashed process at a prompt (and offers a debugger to whoever is at
/// that keyboard) while it still holds the database's write lock, so every other terminal
/// gets "busy". Set non-interactive, it prints the crash report and the process ends,
/// which releases the lock.
public enum CrashPolicy {
    /// The backtracer setting this program runs with.
    public static let setting = "interactive=no"

    /// Call first thing in `main`: the backtracer reads `SWIFT_BACKTRACE` only when a
    /// process starts, so when it is not set yet the program runs itself again with it set
    /// (once; if that fails it goes on as it is).
    public static func exitAtOnceOnCrash() {
        let current = ProcessInfo.processInfo.environment["SWIFT_BACKTRACE"] ?? ""
        guard !current.split(separator: ",").contains(Substring(setting)) else { return }
        setenv("SWIFT_BACKTRACE", current.isEmpty ? setting : current + "," + setting, 1)
        execv("/proc/self/exe", CommandLine.unsafeArgv)
    }
}
