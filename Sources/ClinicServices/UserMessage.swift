package import ClinicStore

/// The words a screen shows for an error: the services' own errors say what is wrong in
/// plain words already; a database fault (busy, full, read-only, damaged, deleted,
/// constraint) is put in plain words too, never SQLite's text.
public func userMessage(_ error: any Error) -> String { DatabaseFault.message(for: error) }
