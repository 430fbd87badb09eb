import Foundation

/// Where the clinic database lives when no flag says otherwise.
enum DatabaseLocation {
    /// `--db`, else `$CLINIC_DB`, else `$XDG_DATA_HOME/mobile-clinic/clinic.sqlite`,
    /// else `~/.local/share/mobile-clinic/clinic.sqlite`.
    static func resolve(flag: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let flag, !flag.isEmpty { return flag }
        if let path = environment["CLINIC_DB"], !path.isEmpty { return path }
        let dataHome =
            environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.local/share"
        return dataHome + "/mobile-clinic/clinic.sqlite"
    }
}
