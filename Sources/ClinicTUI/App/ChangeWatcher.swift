import ClinicServices

/// Notices when any terminal has committed a change since the last look, so a screen can
/// reload on its tick instead of on every frame.
struct ChangeWatcher {
    private var token: Int64 = -1

    /// True once after each committed change (and on the first call).
    mutating func changed(_ environment: AppEnvironment) -> Bool {
        guard let current = try? environment.visits.changeToken(), current != token else { return false }
        token = current
        return true
    }
}
