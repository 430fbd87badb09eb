import ClinicDomain
package import ClinicStore
import Foundation
internal import GRDB

/// Why a consultation change was refused.
public enum ConsultationError: Error, Equatable, Sendable, CustomStringConvertible {
    case note(ConsultationNote.Problem)
    case notInConsultation(VisitStage)
    case badCode(String)
    case unknownCode(String)
    case duplicateDiagnosis(String)
    case notValidPrimary(String)
    case category(String)
    case notADiagnosis(String)
    case claim([String])
    case notSigned
    case emptyAddendum

    public var description: String {
        switch self {
        case .note(let problem): problem.description
        case .notInConsultation(let stage): "The visit is in \(stage.rawValue), not in consultation."
        case .badCode(let text): "'\(text)' is not an ICD-10 code (a letter and two digits, e.g. J06.9)."
        case .unknownCode(let code): "\(code) is not in the WHO ICD-10 list in use (a US ICD-10-CM-only code?)."
        case .duplicateDiagnosis(let code): "\(code) is already a diagnosis of this visit."
        case .notValidPrimary(let code): "\(code) may not be the primary diagnosis; add it as a secondary one (Enter)."
        case .category(let code): "\(code) is a category; pick a full-length code below it (type \(code). to see them)."
        case .notADiagnosis(let code): "\(code) is not a diagnosis of this visit."
        case .claim(let problems): problems.joined(separator: " ")
        case .notSigned: "Addenda are for signed notes; edit the draft note instead."
        case .emptyAddendum: "The addendum is empty."
        }
    }
}

/// The doctor's part of the visit: the SOAP note (signed on completion, then only
/// addenda), ICD-10 diagnoses with the claim rules, and completing the consultation.
public struct ConsultationService: Sendable {
    let database: ClinicDatabase
    let clock: any Clock

    package init(database: ClinicDatabase, clock: any Clock = SystemClock()) {
        self.database = database
        self.clock = clock
    }

    /// The note (nil before one is written), its addenda and the diagnoses with their titles.
    public func sheet(visitId: String, by actor: Actor) throws -> ConsultationSheet {
        try actor.require(.patientRead)
        return try database.pool.read { db in
            ConsultationSheet(
                note: try ConsultationRepository.note(of: visitId, in: db)?.note,
                addenda: try ConsultationRepository.addenda(of: visitId, in: db).map(Addendum.init),
                diagnoses: try Self.diagnoses(of: visitId, in: db))
        }
    }

    /// The patient's last closed visit before `visitId`, with its diagnoses and prescriptions;
    /// nil at a first visit.
    public func previousVisit(before visitId: String, by actor: Actor) throws -> PreviousVisit? {
        try actor.require(.patientRead)
        return try database.pool.read { db in
            guard let visit = try VisitRepository.find(id: visitId, in: db),
                let previous = try VisitRepository.visits(of: visit.patientId, in: db)
                    .first(where: {
                        $0.id != visitId && $0.stage == .closed
                            && $0.arrivedAt.date ?? .distantPast < visit.arrivedAt.date ?? .distantFuture
                    })
            else { return nil }
            return PreviousVisit(
                visit: VisitCard(previous), diagnoses: try Self.diagnoses(of: previous.id, in: db),
                prescriptions: try FormularyRepository.prescriptions(of: previous.id, in: db).map(PrescriptionLine.init))
        }
    }

    /// A visit's diagnoses with the titles the ICD-10 list in use gives them.
    private static func diagnoses(of visitId: String, in db: Database) throws -> [DiagnosisLine] {
        try ConsultationRepository.diagnoses(of: visitId, in: db).map { record in
            DiagnosisLine(
                code: record.code, isPrimary: record.isPrimary,
                title: try ICD10Code(record.code).flatMap { try ICD10Repository.find($0, in: db) }?.title ?? "")
        }
    }

    /// Saves the draft SOAP note; a signed note is refused.
    public func saveNote(
        visitId: String, subjective: String, objective: String, assessment: String, plan: String,
        by actor: Actor
    ) throws {
        try actor.require(.consultWrite)
        let now = clock.now()
        try database.pool.write { db in
            let visit = try inConsultation(visitId, in: db)
            let current = try ConsultationRepository.note(of: visitId, in: db)?.note ?? ConsultationNote()
            let edited: ConsultationNote
            do {
                edited = try current.edited(subjective: subjective, objective: objective, assessment: assessment, plan: plan)
            } catch let problem as ConsultationNote.Problem { throw ConsultationError.note(problem) }
            try ConsultationRepository.save(NoteRecord(visitId: visitId, note: edited, at: now, by: actor.auditName), in: db)
            try AuditLog.append(
                actor: actor.auditName, action: .noteSave, patientID: visit.patientId, detail: visitId, at: now, in: db)
        }
    }

    /// Adds a dated, signed correction to a signed note.
    public func addAddendum(visitId: String, text: String, by actor: Actor) throws {
        try actor.require(.consultWrite)
        let text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw ConsultationError.emptyAddendum }
        let now = clock.now()
        try database.pool.write { db in
            guard let note = try ConsultationRepository.note(of: visitId, in: db), note.signedAt != nil else {
                throw ConsultationError.notSigned
            }
            try ConsultationRepository.addAddendum(
                AddendumRecord(visitId: visitId, text: text, author: actor.auditName, at: now), in: db)
            let patient = try VisitRepository.find(id: visitId, in: db)?.patientId
            try AuditLog.append(
                actor: actor.auditName, action: .noteAddendum, patientID: patient, detail: visitId, at: now, in: db)
        }
    }

    /// Adds a diagnosis from the ICD-10 list in use; `primary` makes it the only primary one.
    public func addDiagnosis(visitId: String, code text: String, primary: Bool, by actor: Actor) throws {
        try actor.require(.consultWrite)
        guard let code = ICD10Code(text) else { throw ConsultationError.badCode(text) }
        let now = clock.now()
        try database.pool.write { db in
            let visit = try inConsultation(visitId, in: db)
            guard let entry = try ICD10Repository.find(code, in: db)?.entry else {
                throw ConsultationError.unknownCode(code.value)
            }
            // Refused when picked, not only when the consultation is completed (claim rule).
            if primary && !entry.validPrimary { throw ConsultationError.notValidPrimary(code.value) }
            if try ICD10Repository.hasChildren(code, in: db) { throw ConsultationError.category(code.value) }
            guard try !ConsultationRepository.diagnoses(of: visitId, in: db).contains(where: { $0.code == code.value }) else {
                throw ConsultationError.duplicateDiagnosis(code.value)
            }
            try ConsultationRepository.addDiagnosis(
                DiagnosisRecord(
                    visitId: visitId, code: code, isPrimary: primary,
                    by: actor.auditName, at: now), in: db)
            try AuditLog.append(
                actor: actor.auditName, action: .diagnosisAdd, patientID: visit.patientId,
                detail: "\(code)\(primary ? " (primary)" : "")", at: now, in: db)
        }
    }

    /// Makes the visit's diagnosis `code` its only primary one (the ICD-10 list must allow it).
    public func makePrimary(visitId: String, code text: String, by actor: Actor) throws {
        try actor.require(.consultWrite)
        let now = clock.now()
        try database.pool.write { db in
            let visit = try inConsultation(visitId, in: db)
            guard let code = ICD10Code(text),
                try ConsultationRepository.diagnoses(of: visitId, in: db).contains(where: { $0.code == code.value })
            else {
                throw ConsultationError.notADiagnosis(text)
            }
            guard try ICD10Repository.find(code, in: db)?.entry?.validPrimary == true else {
                throw ConsultationError.notValidPrimary(code.value)
            }
            try ConsultationRepository.setPrimary(visitId: visitId, code: code.value, in: db)
            try AuditLog.append(
                actor: actor.auditName, action: .diagnosisPrimary, patientID: visit.patientId, detail: code.value,
                at: now, in: db)
        }
    }

    /// Takes the diagnosis `code` off the visit.
    public func removeDiagnosis(visitId: String, code: String, by actor: Actor) throws {
        try actor.require(.consultWrite)
        let now = clock.now()
        try database.pool.write { db in
            let visit = try inConsultation(visitId, in: db)
            try ConsultationRepository.removeDiagnosis(visitId: visitId, code: code, in: db)
            try AuditLog.append(
                actor: actor.auditName, action: .diagnosisRemove, patientID: visit.patientId,
                detail: code, at: now, in: db)
        }
    }

    /// ICD-10 codes by code prefix or title words, as the doctor types.
    public func searchCodes(_ query: String, by actor: Actor) throws -> [ICD10Choice] {
        try actor.require(.patientRead)
        return try database.pool.read { try ICD10Repository.search(query, in: $0) }.map(ICD10Choice.init)
    }

    /// Checks the claim rules, signs the note and moves the visit on, all in one transaction.
    public func complete(visitId: String, toCounselling: Bool, by actor: Actor) throws -> VisitCard {
        try actor.require(.consultWrite)
        let now = clock.now()
        return VisitCard(
            try database.pool.write { db in
                let visit = try inConsultation(visitId, in: db)
                let diagnoses = try ConsultationRepository.diagnoses(of: visitId, in: db).compactMap(\.diagnosis)
                let catalogue = ClaimRules.Catalogue(
                    entry: { code in (try? ICD10Repository.find(code, in: db))?.entry },
                    hasChildren: { code in (try? ICD10Repository.hasChildren(code, in: db)) ?? false })
                let problems = ClaimRules.problems(diagnoses, catalogue: catalogue)
                guard problems.isEmpty else { throw ConsultationError.claim(problems) }
                let draft = try ConsultationRepository.note(of: visitId, in: db)?.note ?? ConsultationNote()
                let signed: ConsultationNote
                do { signed = try draft.signed(by: actor.auditName, at: now) } catch let problem as ConsultationNote.Problem {
                    throw ConsultationError.note(problem)
                }
                try ConsultationRepository.save(NoteRecord(visitId: visitId, note: signed, at: now, by: actor.auditName), in: db)
                try AuditLog.append(
                    actor: actor.auditName, action: .noteSign, patientID: visit.patientId, detail: visitId, at: now, in: db)
                return try VisitTransitions.apply(
                    .completeConsultation(toCounselling: toCounselling), to: visit, actor: actor,
                    at: now, in: db)
            })
    }

    private func inConsultation(_ visitId: String, in db: Database) throws -> VisitRecord {
        guard let visit = try VisitRepository.find(id: visitId, in: db) else { throw VisitError.notFound }
        guard visit.stage == .consultation else { throw ConsultationError.notInConsultation(visit.stage) }
        return visit
    }
}
