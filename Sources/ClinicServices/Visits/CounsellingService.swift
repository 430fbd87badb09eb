import ClinicDomain
package import ClinicStore
import Foundation
internal import GRDB

/// Confidential counselling notes: written by social workers (and administrators) during
/// the counselling stage, read only by roles holding `counselling.read`. Every read is audited.
/// Their text is stored sealed under the key in `keyPath` (see `CounsellingCipher`), made on
/// the first note written.
public struct CounsellingService: Sendable {
    let database: ClinicDatabase
    let clock: any Clock
    /// The key file; `<database>.notes-key` unless given.
    public let keyPath: String

    package init(database: ClinicDatabase, clock: any Clock = SystemClock(), keyPath: String? = nil) {
        self.database = database
        self.clock = clock
        self.keyPath = keyPath ?? CounsellingCipher.keyPath(for: database.path)
    }

    /// Records a session note; the visit must be in counselling.
    @discardableResult
    public func record(
        visitId: String, sessionType: String, notes: String, outcome: String, referral: String,
        by actor: Actor
    ) throws -> CounsellingSession {
        try actor.require(.counsellingWrite)
        let notes = notes.trimmingCharacters(in: .whitespacesAndNewlines)
        let sessionType = sessionType.trimmingCharacters(in: .whitespaces)
        var problems: [FieldProblem] = []
        if sessionType.isEmpty {
            problems.append(FieldProblem(CounsellingField.sessionType, "say what kind of session this was"))
        }
        if notes.isEmpty { problems.append(FieldProblem(CounsellingField.notes, "the session notes are empty")) }
        guard problems.isEmpty else { throw PatientError.invalid(FieldProblems(problems)) }
        let now = clock.now()
        let cipher = try writingCipher()
        return try database.pool.write { db in
            guard let visit = try VisitRepository.find(id: visitId, in: db) else { throw VisitError.notFound }
            guard visit.stage == .counselling else { throw VisitError.notInStage(.counselling) }
            let plain = CounsellingRecord(
                visitId: visitId, sessionType: sessionType, notes: notes, outcome: outcome,
                referral: referral, author: actor.auditName, at: now)
            var record = try cipher.sealed(plain)
            try record.insert(db)
            try CounsellingRecord.sealUnsealed(with: cipher, in: db)
            // The audit row names the session, never its confidential content.
            try AuditLog.append(
                actor: actor.auditName, action: .counsellingRecord, patientID: visit.patientId,
                detail: "\(visitId): \(sessionType)", at: now, in: db)
            return CounsellingSession(plain)
        }
    }

    /// The visit's counselling notes, for roles with `counselling.read` only; the read is audited.
    public func notes(visitId: String, by actor: Actor) throws -> [CounsellingSession] {
        try actor.require(.counsellingRead)
        return try opened(
            by: actor, audited: { db in try VisitRepository.find(id: visitId, in: db).map { ($0.patientId, visitId) } }
        ) {
            db in try CounsellingRecord.all(of: visitId, in: db)
        }
    }

    /// The patient's sessions at visits before or after `visitId` (not at it), oldest first,
    /// for roles with `counselling.read` only; the read is audited.
    public func earlierNotes(patientId: String, except visitId: String, by actor: Actor) throws -> [CounsellingSession] {
        try actor.require(.counsellingRead)
        return try opened(by: actor, audited: { _ in (patientId, "sessions of other visits than \(visitId)") }) { db in
            try CounsellingRecord.all(ofPatient: patientId, except: visitId, in: db)
        }
    }

    /// Reads `records`, audits `actor`'s read as `audited` names it (patient, detail) when any were
    /// found, and opens sealed notes with the key.
    private func opened(
        by actor: Actor, audited: (Database) throws -> (patient: String, detail: String)?,
        records read: (Database) throws -> [CounsellingRecord]
    ) throws -> [CounsellingSession] {
        let now = clock.now()
        let records = try database.pool.write { db in
            let records = try read(db)
            if !records.isEmpty, let (patient, detail) = try audited(db) {
                try AuditLog.append(
                    actor: actor.auditName, action: .counsellingRead, patientID: patient, detail: detail, at: now, in: db)
            }
            return records
        }
        guard records.contains(where: \.isSealed) else { return records.map(CounsellingSession.init) }
        guard let cipher = try CounsellingCipher.load(path: keyPath) else { throw CounsellingKeyError.missing(path: keyPath) }
        return records.map { CounsellingSession(cipher.openedOrMarked($0, keyPath: keyPath)) }
    }

    /// The key to seal a new note with: the one in `keyPath`, or a new one when no note is
    /// sealed yet (a missing key with sealed notes present is refused, never replaced; so is a
    /// key other than the one the newest sealed note names).
    private func writingCipher() throws -> CounsellingCipher {
        let sealedKey = try database.pool.read { try CounsellingRecord.sealingKeyID(in: $0) }
        if let cipher = try CounsellingCipher.load(path: keyPath) {
            // A key other than the one the notes were sealed with would seal notes no one can open with theirs.
            if let sealedKey, sealedKey != cipher.keyID { throw CounsellingKeyError.otherKey(path: keyPath) }
            return cipher
        }
        if sealedKey != nil { throw CounsellingKeyError.missing(path: keyPath) }
        return try CounsellingCipher.create(path: keyPath)
    }
}
