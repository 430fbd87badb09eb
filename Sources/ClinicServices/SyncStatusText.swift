import ClinicDomain

/// The sync status line, the same at the shell and on the home screen.
public enum SyncStatusText {
    public static func line(_ status: SyncStatus) -> String {
        let last = status.lastSync.map { ClinicTime.clockText($0) + " SAST" } ?? "never"
        let conflicts = status.openConflicts == 0 ? "" : " · \(status.openConflicts.counted("conflict")) to resolve"
        return "Last sync: \(last) · \(status.waiting.counted("change")) wait to be pushed\(conflicts)"
    }
}
