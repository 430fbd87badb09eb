import ClinicDomain
package import ClinicStore
import Foundation
internal import GRDB

/// Why a prescription was not written.
public enum PrescriptionError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalid(FieldProblems)
    case unknownItem(String)
    /// The medicine matches recorded allergies; a reason is needed to prescribe it anyway.
    case allergyConflict(medicine: String, allergies: [String])
    /// The visit already has a prescription of this medicine.
    case alreadyPrescribed(String)
    /// No such prescription on the visit, or it was dispensed.
    case notRemovable

    public var description: String {
        switch self {
        case .invalid(let problems): problems.description
        case .unknownItem(let code): "No medicine \(code) in the formulary."
        case .allergyConflict(let medicine, let allergies):
            "ALLERGY: \(allergies.joined(separator: ", ")). \(medicine) needs an override reason."
        case .alreadyPrescribed(let medicine):
            "\(medicine) is already prescribed on this visit; to change it, take that line off the prescription list first and prescribe again."
        case .notRemovable: "That prescription is not on this visit any more, or was dispensed: nothing was changed."
        }
    }
}

/// Prescriptions from the formulary during consultation, with quantities computed from
/// the dosage and an allergy check that only a stated reason can override.
public struct PrescriptionService: Sendable {
    let database: ClinicDatabase
    let clock: any Clock

    package init(database: ClinicDatabase, clock: any Clock = SystemClock()) {
        self.database = database
        self.clock = clock
    }

    public func searchFormulary(_ query: String, by actor: Actor) throws -> [Medicine] {
        try actor.require(.patientRead)
        return try database.pool.read { try FormularyRepository.search(query, in: $0) }.map(Medicine.init)
    }

    /// The visit's prescriptions in the order they were written.
    public func prescriptions(visitId: String, by actor: Actor) throws -> [PrescriptionLine] {
        try actor.require(.patientRead)
        return try database.pool.read { try FormularyRepository.prescriptions(of: visitId, in: $0) }.map(PrescriptionLine.init)
    }

    /// Writes a prescription. `overrideReason` is required when the medicine conflicts with
    /// a recorded allergy, and is kept with the prescription and in the audit log.
    @discardableResult
    public func prescribe(
        visitId: String, itemCode: String, dose: String, frequency: String, days: String,
        overrideReason: String? = nil, by actor: Actor
    ) throws -> PrescriptionLine {
        try actor.require(.prescriptionWrite)
        let dosage: Dosage
        switch Dosage.parse(dose: dose, frequency: frequency, days: days) {
        case .success(let parsed): dosage = parsed
        case .failure(let problems): throw PrescriptionError.invalid(problems)
        }
        let reason = overrideReason?.trimmingCharacters(in: .whitespaces).nilIfEmpty
        let now = clock.now()
        return try database.pool.write { db in
            guard let visit = try VisitRepository.find(id: visitId, in: db) else { throw VisitError.notFound }
            guard visit.stage == .consultation else { throw ConsultationError.notInConsultation(visit.stage) }
            guard let item = try FormularyRepository.item(code: itemCode, in: db) else {
                throw PrescriptionError.unknownItem(itemCode)
            }
            guard try !FormularyRepository.prescriptions(of: visitId, in: db).contains(where: { $0.itemCode == item.code }) else {
                throw PrescriptionError.alreadyPrescribed(item.description)
            }
            let allergies = try PatientRepository.background(of: visit.patientId, in: db).filter { $0.kind == .allergy }
                .map { $0.note.isEmpty ? $0.text : "\($0.text) (\($0.note))" }
            let conflicts = AllergyCheck.conflicts(of: item.genericName, with: allergies)
            if !conflicts.isEmpty && reason == nil {
                throw PrescriptionError.allergyConflict(medicine: item.genericName, allergies: conflicts)
            }
            let record = try FormularyRepository.add(
                PrescriptionRecord(
                    visitId: visitId, item: item, dosage: dosage, allergyOverride: conflicts.isEmpty ? nil : reason,
                    by: actor.auditName, at: now), in: db)
            var detail = "\(item.description) \(dosage.dose) \(dosage.frequency.rawValue) × \(dosage.days)d = \(dosage.quantity)"
            if !conflicts.isEmpty { detail += "; allergy override (\(conflicts.joined(separator: ", "))): \(reason ?? "")" }
            try AuditLog.append(
                actor: actor.auditName, action: .prescriptionAdd, patientID: visit.patientId, detail: detail,
                at: now, in: db)
            return PrescriptionLine(record)
        }
    }
}

extension PrescriptionService {
    /// Takes a prescription off the visit while it is in consultation (nothing is dispensed
    /// before closure); returns the medicine's description.
    @discardableResult
    public func remove(visitId: String, prescriptionId: Int64, by actor: Actor) throws -> String {
        try actor.require(.prescriptionWrite)
        let now = clock.now()
        return try database.pool.write { db in
            guard let visit = try VisitRepository.find(id: visitId, in: db) else { throw VisitError.notFound }
            guard visit.stage == .consultation else { throw ConsultationError.notInConsultation(visit.stage) }
            guard let line = try FormularyRepository.prescriptions(of: visitId, in: db).first(where: { $0.id == prescriptionId }),
                line.dispensedAt == nil
            else { throw PrescriptionError.notRemovable }
            try FormularyRepository.removePrescription(id: prescriptionId, in: db)
            try AuditLog.append(
                actor: actor.auditName, action: .prescriptionRemove, patientID: visit.patientId,
                detail: "\(line.description) \(line.dose) \(line.frequency.rawValue) × \(line.days)d", at: now, in: db)
            return line.description
        }
    }
}

extension String {
    /// nil for an empty string.
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
