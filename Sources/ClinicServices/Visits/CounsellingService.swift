import ClinicDomain
import ClinicStore
import Foundation
import GRDB

/// Confidential counselling notes: written by social workers (and administrators) during
/// the counselling stage, read only by roles holding `counselling.read`. Every read is audited.
public struct CounsellingService: Sendable {
    let database: ClinicDatabase
    let clock: any Clock

    public init(database: ClinicDatabase, clock: any Clock = SystemClock()) {
        self.database = database
        self.clock = clock
    }

    /// Records a session note; the visit must be in counselling.
    @discardableResult
    public func record(visitId: String, sessionType: String, notes: String, outcome: String, referral: String,
                       by actor: Actor) throws -> CounsellingRecord {
        try actor.require(.counsellingWrite)
        let notes = notes.trimmingCharacters(in: .whitespacesAndNewlines)
        let sessionType = sessionType.trimmingCharacters(in: .whitespaces)
        var problems: [FieldProblem] = []
        if sessionType.isEmpty { problems.append(FieldProblem("session_type", "say what kind of session this was")) }
        if notes.isEmpty { problems.append(FieldProblem("notes", "the session notes are empty")) }
        guard problems.isEmpty else { throw PatientError.invalid(FieldProblems(problems)) }
        let now = clock.now()
        return try database.pool.write { db in
            guard let visit = try VisitRepository.find(id: visitId, in: db) else { throw VisitError.notFound }
            guard visit.stage == .counselling else { throw VisitError.notInStage(.counselling) }
            var record = CounsellingRecord(visitId: visitId, sessionType: sessionType, notes: notes, outcome: outcome,
                                           referral: referral, author: actor.auditName, at: now)
            try record.insert(db)
            // The audit row names the session, never its confidential content.
            try AuditLog.append(actor: actor.auditName, action: "counselling.record", patientID: visit.patientId,
                                detail: "\(visitId): \(sessionType)", at: now, in: db)
            return record
        }
    }

    /// The visit's counselling notes, for roles with `counselling.read` only; the read is audited.
    public func notes(visitId: String, by actor: Actor) throws -> [CounsellingRecord] {
        try actor.require(.counsellingRead)
        let now = clock.now()
        return try database.pool.write { db in
            let records = try CounsellingRecord.all(of: visitId, in: db)
            if !records.isEmpty, let patient = try VisitRepository.find(id: visitId, in: db)?.patientId {
                try AuditLog.append(actor: actor.auditName, action: "counselling.read", patientID: patient, detail: visitId, at: now, in: db)
            }
            return records
        }
    }
}
