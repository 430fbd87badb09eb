import ClinicDomain
package import ClinicStore
import Foundation
internal import GRDB

/// Why a file was not applied at all.
public enum ImportRefusal: Error, Equatable, Sendable, CustomStringConvertible {
    /// This very file (same SHA-256) was applied before.
    case alreadyApplied(path: String, PriorImport)

    public var description: String {
        switch self {
        case .alreadyApplied(let path, let earlier):
            "\(path) was imported already (\(earlier.rows) row\(earlier.rows == 1 ? "" : "s"), \(earlier.at.map(ClinicTime.clockText) ?? "earlier")"
                + " by \(earlier.actor)): the same file is never applied twice. Nothing was changed."
        }
    }
}

/// The frame an import applied in steps runs in: the file's SHA-256 is looked up first (a
/// file applied before is refused, saying when), each step's rows and the position they
/// reach commit together, and a run that was stopped (killed, power cut) resumes after the
/// rows it applied. The last step records the file and its audit row in one transaction.
struct ImportOnce {
    let database: ClinicDatabase
    let clock: any Clock
    let kind: String
    let actor: Actor
    let name: String
    let digest: String
    /// Data rows an earlier, stopped run applied: this run starts after them.
    let resumeAfter: Int

    /// Refuses `path` if it was applied as `kind` before; otherwise where to start.
    init(database: ClinicDatabase, clock: any Clock, kind: String, path: String, by actor: Actor) throws {
        self.database = database
        self.clock = clock
        self.kind = kind
        self.actor = actor
        name = (path as NSString).lastPathComponent
        do { digest = try ImportedFiles.digest(ofFileAt: path) } catch {
            throw ImportProblem(file: name, line: 0, message: "cannot read the file")
        }
        let (earlier, progress) = try database.pool.read { [digest] db in
            (try ImportedFiles.find(digest, kind: kind, in: db), try ImportedFiles.progress(digest, kind: kind, in: db))
        }
        if let earlier { throw ImportRefusal.alreadyApplied(path: path, PriorImport(earlier)) }
        resumeAfter = progress ?? 0
    }

    /// Applies one step (`body`) and notes that the first `rows` data rows are done, together.
    func step(reaching rows: Int, _ body: (Database) throws -> Void) throws {
        try database.pool.write { db in
            try body(db)
            try ImportedFiles.setProgress(digest, kind: kind, name: name, rows: rows, at: clock.now(), in: db)
        }
    }

    /// The last step: `body` (returning the rows it applied, added to the report), then
    /// `finalize` on the report, then the file recorded as applied and the audit row
    /// `action` with the report's summary, saying so when this run resumed a stopped one.
    func finish(
        rows: Int, action: AuditAction, report: inout ImportReport, _ body: (Database) throws -> Int = { _ in 0 },
        finalize: (inout ImportReport) -> Void = { _ in }
    ) throws {
        if resumeAfter > 0 { report.notes.append("Resumed after row \(resumeAfter): an earlier run of this file stopped there.") }
        let resumed = resumeAfter > 0 ? "; resumed after row \(resumeAfter), where an earlier run stopped" : ""
        var final = report
        try database.pool.write { db in
            final = report
            final.imported += try body(db)
            finalize(&final)
            let now = clock.now()
            try ImportedFiles.record(digest, kind: kind, name: name, rows: rows, actor: actor.auditName, at: now, in: db)
            _ = try AuditLog.append(
                actor: actor.auditName, action: action,
                detail: "\(name) (sha256 \(digest.prefix(16))…): \(final.description)\(resumed)", at: now, in: db)
        }
        report = final
    }
}
