import ClinicDomain
package import ClinicStore
import Foundation
internal import GRDB

/// Why a registration or edit was not saved.
public enum PatientError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Field-level problems with what was typed.
    case invalid(FieldProblems)
    /// The same SA ID or membership + dependant code is already registered.
    case duplicate(field: PatientField, existingFolder: String, existingName: String)
    /// Similar name and same date of birth: the clerk must pick one or override with a reason.
    case likelyDuplicates([PatientRow])
    /// Someone else saved this record after it was opened; `current` is what is stored now.
    case conflict(current: PatientCard, changedFields: [PatientField])
    case notFound(String)
    case reasonRequired

    public var description: String {
        switch self {
        case .invalid(let problems): problems.description
        case .duplicate(let field, let folder, let name):
            field == .documentNumber
                ? "This SA ID is already registered: \(folder) \(name)"
                : "This membership and dependant code is already registered: \(folder) \(name)"
        case .likelyDuplicates(let matches):
            "Possible duplicate: \(matches.count.counted("patient")) with the same date of birth and a similar name"
        case .conflict(_, let fields):
            "Someone else saved this record meanwhile (changed: \(fields.map(\.rawValue).joined(separator: ", "))); your edits are kept, review and save again"
        case .notFound(let what): "No patient \(what)"
        case .reasonRequired: "A reason is required"
        }
    }
}

/// A patient's full record as the screens show it.
public struct PatientFile: Equatable, Sendable {
    public let record: PatientCard
    public let background: [BackgroundEntry]
    /// Roster status of the membership: "active", "suspended", … or "not found"; nil without membership.
    public let membershipStatus: String?

    public init(record: PatientCard, background: [BackgroundEntry], membershipStatus: String?) {
        self.record = record
        self.background = background
        self.membershipStatus = membershipStatus
    }
}

/// Registration, lookup and editing of patients. Every call checks the role, and every
/// view and change is audited with the patient's id.
public struct PatientService: Sendable {
    let database: ClinicDatabase
    let clock: any Clock

    package init(database: ClinicDatabase, clock: any Clock = SystemClock()) {
        self.database = database
        self.clock = clock
    }

    var today: CalendarDate { CalendarDate(clock.now()) }

    /// Finds patients as the user types (not audited per keystroke; opening a record is).
    public func search(_ query: String, by actor: Actor, limit: Int = 20) throws -> [PatientRow] {
        try actor.require(.patientRead)
        return try database.pool.read { try PatientSearch.find(query, limit: limit, in: $0) }.map(PatientRow.init)
    }

    /// The patients with a visit today (SAST), latest arrival first: who is looked up most.
    public func seenToday(by actor: Actor) throws -> [PatientRow] {
        try actor.require(.patientRead)
        let start = Timestamp(ReportPeriod.day(CalendarDate(clock.now())).instants.start)
        return try database.pool.read { try PatientSearch.seen(since: start, in: $0) }.map(PatientRow.init)
    }

    /// Registers a patient. `overrideReason` confirms a registration despite likely duplicates.
    public func register(_ input: PatientInput, overrideReason: String? = nil, by actor: Actor) throws -> PatientCard {
        try actor.require(.patientWrite)
        let details = try validated(input)
        let now = clock.now()
        return try database.pool.write { db in
            try checkUnique(details, excluding: nil, in: db)
            let similar = try likelyDuplicates(of: details, in: db)
            let reason = overrideReason?.trimmingCharacters(in: .whitespaces) ?? ""
            if !similar.isEmpty && reason.isEmpty { throw PatientError.likelyDuplicates(similar) }
            let siteCode = try SettingsRepository.load(in: db).siteCode
            let folder = try PatientRepository.nextFolderNumber(siteCode: siteCode, in: db)
            let record = PatientRecord(
                id: UUID().uuidString.lowercased(), folderNumber: folder, details: details,
                at: now, by: actor.auditName)
            try PatientRepository.insert(record, in: db)
            let detail =
                similar.isEmpty
                ? folder : "\(folder); registered despite \(similar.map(\.folderNumber).joined(separator: ",")): \(reason)"
            try AuditLog.append(
                actor: actor.auditName, action: .patientRegister, patientID: record.id,
                detail: detail, at: now, in: db)
            return PatientCard(record)
        }
    }

    /// Opens a record for viewing; the view is audited.
    public func open(id: String, by actor: Actor) throws -> PatientFile {
        try actor.require(.patientRead)
        let now = clock.now()
        return try database.pool.write { db in
            guard let record = try PatientRepository.find(id: id, in: db) else { throw PatientError.notFound(id) }
            try AuditLog.append(
                actor: actor.auditName, action: .patientView, patientID: id,
                detail: record.folderNumber, at: now, in: db)
            return PatientFile(
                record: PatientCard(record),
                background: try PatientRepository.background(of: id, in: db).map(BackgroundEntry.init),
                membershipStatus: try membershipStatus(of: record.details, in: db))
        }
    }

    /// Saves edited demographics if nobody else saved since `base` was read.
    public func edit(_ base: PatientCard, to input: PatientInput, by actor: Actor) throws -> PatientCard {
        try actor.require(.patientWrite)
        let details = try validated(input)
        let now = clock.now()
        return try database.pool.write { db in
            guard let current = try PatientRepository.find(id: base.id, in: db) else { throw PatientError.notFound(base.id) }
            if current.version != base.version {
                throw PatientError.conflict(
                    current: PatientCard(current),
                    changedFields: Self.changedFields(base.details, current.details))
            }
            try checkUnique(details, excluding: base.id, in: db)
            var updated = current
            updated.apply(details)
            updated.updatedAt = Timestamp(now)
            updated.updatedBy = actor.auditName
            guard try PatientRepository.update(updated, in: db) else {
                throw PatientError.conflict(current: PatientCard(current), changedFields: [])
            }
            let changed = Self.changedFields(current.details, details)
            try AuditLog.append(
                actor: actor.auditName, action: .patientEdit, patientID: base.id,
                detail: changed.map(\.rawValue).joined(separator: ","), at: now, in: db)
            return PatientCard(try PatientRepository.find(id: base.id, in: db)!)
        }
    }

    /// Deactivates (e.g. deceased, moved away) or reactivates a record, with a reason.
    public func setActive(_ active: Bool, id: String, reason: String, by actor: Actor) throws -> PatientCard {
        try actor.require(.patientWrite)
        let reason = reason.trimmingCharacters(in: .whitespaces)
        guard !reason.isEmpty else { throw PatientError.reasonRequired }
        let now = clock.now()
        return try database.pool.write { db in
            guard var record = try PatientRepository.find(id: id, in: db) else { throw PatientError.notFound(id) }
            record.active = active
            record.statusReason = reason
            record.updatedAt = Timestamp(now)
            record.updatedBy = actor.auditName
            _ = try PatientRepository.update(record, in: db)
            try AuditLog.append(
                actor: actor.auditName, action: active ? .patientReactivate : .patientDeactivate,
                patientID: id, detail: reason, at: now, in: db)
            return PatientCard(try PatientRepository.find(id: id, in: db)!)
        }
    }

    /// Adds an allergy, chronic condition or long-term medicine to the record.
    @discardableResult
    public func addBackground(
        _ kind: BackgroundKind, text: String, note: String = "", to patientID: String,
        by actor: Actor
    ) throws -> BackgroundEntry {
        try actor.require(.patientWrite)
        let text = text.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else {
            throw PatientError.invalid(FieldProblems([FieldProblem(BackgroundField.text, "\(kind.rawValue) must not be empty")]))
        }
        let now = clock.now()
        return try database.pool.write { db in
            guard try PatientRepository.find(id: patientID, in: db) != nil else { throw PatientError.notFound(patientID) }
            // The same allergy (or condition, or medicine) twice would be repeated on every summary and letter.
            if try PatientRepository.background(of: patientID, in: db)
                .contains(where: {
                    $0.kind == kind && $0.text.compare(text, options: [.caseInsensitive, .diacriticInsensitive]) == .orderedSame
                })
            {
                throw PatientError.invalid(
                    FieldProblems([
                        FieldProblem(
                            BackgroundField.text,
                            "\(text) is already recorded as \(kind == .allergy ? "an" : "a") \(kind.rawValue)")
                    ]))
            }
            let item = try PatientRepository.addBackground(
                BackgroundItem(patientId: patientID, kind: kind, text: text, note: note, at: now, by: actor.auditName), in: db)
            try AuditLog.append(
                actor: actor.auditName, action: .patientBackgroundAdd, patientID: patientID,
                detail: "\(kind.rawValue): \(text)", at: now, in: db)
            return BackgroundEntry(item)
        }
    }

    /// The roster status for typed membership fields, for the registration screen.
    public func membershipStatus(membership: String, dependant: String, by actor: Actor) throws -> String? {
        try actor.require(.patientRead)
        guard !membership.isEmpty else { return nil }
        return try database.pool.read { db in
            try PatientRepository.rosterMember(membership: membership, dependant: dependant, in: db)?.status ?? "not found"
        }
    }

    private func membershipStatus(of details: PatientDetails, in db: Database) throws -> String? {
        guard let membership = details.membershipNumber else { return nil }
        return try PatientRepository.rosterMember(membership: membership, dependant: details.dependantCode ?? "00", in: db)?
            .status
            ?? "not found"
    }

    private func validated(_ input: PatientInput) throws -> PatientDetails {
        switch input.validate(today: today) {
        case .success(let details): return details
        case .failure(let problems): throw PatientError.invalid(problems)
        }
    }

    private func checkUnique(_ details: PatientDetails, excluding id: String?, in db: Database) throws {
        if let folder = details.mainMemberFolder, try PatientRepository.find(folderNumber: folder, in: db) == nil {
            throw PatientError.invalid(
                FieldProblems([FieldProblem(PatientField.mainMemberFolder, "no patient has folder number \(folder)")]))
        }
        if let saID = details.saID, let existing = try PatientRepository.find(saID: saID, in: db), existing.id != id {
            throw PatientError.duplicate(
                field: .documentNumber, existingFolder: existing.folderNumber, existingName: existing.displayName)
        }
        if let membership = details.membershipNumber, let dependant = details.dependantCode,
            let existing = try PatientRepository.find(membership: membership, dependant: dependant, in: db), existing.id != id
        {
            throw PatientError.duplicate(
                field: .membershipNumber, existingFolder: existing.folderNumber, existingName: existing.displayName)
        }
    }

    private func likelyDuplicates(of details: PatientDetails, in db: Database) throws -> [PatientRow] {
        try PatientRepository.born(on: details.dateOfBirth.description, in: db)
            .filter {
                NameKey.similar($0.surname, details.surname)
                    && NameKey.similar(
                        $0.firstNames.split(separator: " ").first.map(String.init) ?? "",
                        details.firstNames.split(separator: " ").first.map(String.init) ?? "")
            }
            .map { PatientRow(PatientSummary($0)) }
    }

    /// The fields whose values differ.
    static func changedFields(_ a: PatientDetails, _ b: PatientDetails) -> [PatientField] {
        let before = PatientInput(a), after = PatientInput(b)
        return PatientField.allCases.filter { before[$0] != after[$0] }
    }
}
