package import ClinicStore

/// Notices when the database file this program writes into was deleted or replaced under
/// it, so a terminal stops "saving" into a file that no one will open again.
public struct DatabaseFileWatch: Sendable {
    let database: ClinicDatabase

    package init(database: ClinicDatabase) { self.database = database }

    /// What went wrong with the file, in words, or nil while it is the file that was opened.
    public func problem() -> String? {
        switch database.fileStatus() {
        case .same: nil
        case .missing:
            "The clinic database \(database.path) was deleted or moved while this terminal had it open. "
                + "Nothing more is saved from here; what was on the screen was not saved. "
                + "Put the database back (clinic restore, from the latest backup), then start the program again."
        case .replaced:
            "The clinic database \(database.path) was replaced by another file while this terminal had it open. "
                + "Nothing more is saved from here, so the two cannot mix; what was on the screen was not saved. "
                + "Start the program again to work on the file that is there now."
        }
    }
}
