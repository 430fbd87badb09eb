import ClinicDomain
import ClinicStore

/// The sync status line, the same at the shell and on the home screen.
public enum SyncStatusText {
    public static func line(_ status: (lastSync: String?, waiting: Int, openConflicts: Int)) -> String {
        let last = status.lastSync.flatMap(Timestamp.date).map { ClinicTime.clockText($0) + " SAST" } ?? "never"
        let conflicts = status.openConflicts == 0 ? "" : " · \(status.openConflicts) conflict(s) to resolve"
        return "Last sync: \(last) · \(status.waiting) change(s) wait to be pushed\(conflicts)"
    }
}
