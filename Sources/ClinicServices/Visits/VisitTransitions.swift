import ClinicDomain
package import ClinicStore
import Foundation
internal import GRDB

/// Applies one workflow action inside the caller's transaction: gathers the facts the
/// workflow needs, asks the pure `Workflow`, moves the visit, records the timeline and audits.
enum VisitTransitions {
    static func apply(
        _ action: VisitAction, to visit: VisitRecord, actor: Actor, at now: Date, in db: Database
    ) throws -> VisitRecord {
        let next = try nextStage(action, of: visit, actor: actor, in: db)
        var moved = visit
        moved.stage = next
        moved.stageEnteredAt = Timestamp(now)
        moved.takenBy = nil
        moved.takenAt = nil
        if next == .nursing, moved.colour == nil {
            moved.colourRank = QueueRank.of(nil, awaitingColour: try needsColourSetByNurse(visit, at: now, in: db))
        }
        if !next.isOpen {
            moved.endedAt = Timestamp(now)
            moved.endReason = action.reason
        }
        try VisitRepository.update(moved, in: db)
        try VisitRepository.addEvent(
            VisitEvent(
                visitId: visit.id, at: now, from: visit.stage, to: next, action: action.id,
                actor: actor.auditName, reason: action.reason), in: db)
        try AuditLog.append(
            actor: actor.auditName, action: .visit(action), patientID: visit.patientId,
            detail: "\(visit.stage.rawValue) → \(next.rawValue)" + (action.reason.map { ": \($0)" } ?? ""),
            at: now, in: db)
        return moved
    }

    /// The stage `action` moves `visit` to, or the workflow's refusal, from what is recorded now.
    static func nextStage(_ action: VisitAction, of visit: VisitRecord, actor: Actor, in db: Database) throws -> VisitStage {
        let facts = VisitFacts(
            hasFullVitals: try VisitRepository.vitals(of: visit.id, in: db).contains { $0.isFull },
            hasSignedNote: try ConsultationRepository.note(of: visit.id, in: db)?.signedAt != nil,
            hasPrimaryDiagnosis: try ConsultationRepository.diagnoses(of: visit.id, in: db).contains { $0.isPrimary },
            hasColour: visit.colour != nil,
            needsCounselling: try ScreeningRepository.isUrgent(visitId: visit.id, in: db),
            hasCounsellingSession: try CounsellingRecord.exists(of: visit.id, in: db))
        let role: Role = if case .user(let session) = actor { session.role } else { .admin }
        switch Workflow.next(from: visit.stage, action, role: role, facts: facts) {
        case .success(let stage): return stage
        case .failure(let error): throw VisitError.workflow(error)
        }
    }

    /// True for a patient no TEWS chart scores (a child): they wait at the top of the
    /// nursing queue until the nurse sets a colour.
    private static func needsColourSetByNurse(_ visit: VisitRecord, at now: Date, in db: Database) throws -> Bool {
        guard let patient = try PatientRepository.find(id: visit.patientId, in: db) else { return false }
        return TEWSChart.applicable(ageYears: patient.age(on: CalendarDate(now)), heightCm: nil) == nil
    }
}
