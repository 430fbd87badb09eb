import ClinicDomain
package import ClinicStore
import Foundation

/// The audit log for the administrator: filtered reading, chain verification and CSV.
public struct AuditService: Sendable {
    let database: ClinicDatabase
    let clock: any Clock

    package init(database: ClinicDatabase, clock: any Clock = SystemClock()) {
        self.database = database
        self.clock = clock
    }

    /// A filter from typed values (`user`, `patient` folder number, `action`, `from` and
    /// `to` dates, YYYY-MM-DD, both inclusive); blank values do not filter.
    public func filter(_ values: [String: String], by actor: Actor) throws -> AuditSearch {
        try actor.require(.auditRead)
        func value(_ key: String) -> String? {
            let text = (values[key] ?? "").trimmingCharacters(in: .whitespaces)
            return text.isEmpty ? nil : text
        }
        var problems: [FieldProblem] = []
        func day(_ key: String, _ label: String) -> CalendarDate? {
            guard let text = value(key) else { return nil }
            guard let date = CalendarDate(typed: text) else {
                problems.append(FieldProblem(key, "\(label) must be a real date, YYYY-MM-DD (got '\(text)')"))
                return nil
            }
            return date
        }
        let from = day("from", "The From date"), to = day("to", "The To date")
        if let from, let to, to < from {
            problems.append(FieldProblem(AuditFilterField.to, "The To date (\(to)) is before the From date (\(from))"))
        }
        var patientID: String?
        if let folder = value("patient") {
            patientID = try database.pool.read { try PatientRepository.find(folderNumber: folder, in: $0)?.id }
            if patientID == nil {
                problems.append(FieldProblem(AuditFilterField.patient, "No patient with folder number \(folder)"))
            }
        }
        // Actions are stored in lower case: a typed PATIENT.VIEW finds patient.view rows.
        let action = value("action")?.lowercased()
        if let action, AuditAction.matching(prefix: action).isEmpty {
            problems.append(
                FieldProblem(
                    AuditFilterField.action,
                    "No audit action starts with '\(action)'; try a family such as visit., patient. or stock."))
        }
        guard problems.isEmpty else { throw FieldProblems(problems) }
        return AuditSearch(
            user: value("user"), patientID: patientID, action: action,
            from: from.map { ReportPeriod.day($0).instants.start },
            to: to.map { ReportPeriod.day($0).instants.end })
    }

    /// Matching rows, newest first, at most `limit`.
    public func entries(_ filter: AuditSearch, limit: Int = 500, by actor: Actor) throws -> [AuditEntry] {
        try actor.require(.auditRead)
        return try database.pool.read { try AuditLog.search(filter.storeFilter, limit: limit, in: $0) }.map(AuditEntry.init)
    }

    /// Re-checks the audit chain and every sealed row; `progress` (when given) follows it and
    /// can stop it, which throws `CancellationError` having changed nothing.
    public func verify(by actor: Actor, progress: WorkProgress? = nil) throws -> AuditCheck {
        try actor.require(.auditRead)
        return AuditCheck(try database.pool.read { try AuditLog.verify(in: $0, progress: progress) })
    }

    /// Every matching row as CSV (`id,at,actor,action,folder_number,detail`), oldest first.
    /// The export itself is audited.
    public func csv(_ filter: AuditSearch, by actor: Actor) throws -> AuditCSV {
        try actor.require(.auditRead)
        let rows = try database.pool.read { try AuditLog.search(filter.storeFilter, limit: nil, in: $0) }
        try database.pool.write { db in
            try AuditLog.append(
                actor: actor.auditName, action: .auditExport, detail: "\(rows.count) rows", at: clock.now(), in: db)
        }
        let header = CSVText.line(["id", "at", "actor", "action", "folder_number", "detail"])
        let lines = rows.reversed().map {
            CSVText.line([String($0.id), $0.at.text, $0.actor, $0.action, $0.folderNumber ?? "", $0.detail])
        }
        return AuditCSV(text: ([header] + lines).joined(separator: "\n") + "\n", rows: rows.count)
    }

    /// Writes `csv(filter)` as `audit-STAMP.csv` in `folder`; returns the path and row count.
    public func export(_ filter: AuditSearch, to folder: String, by actor: Actor) throws -> WrittenExport {
        let extract = try csv(filter, by: actor)
        let stamp = ClinicTime.fileStamp(clock.now())
        return WrittenExport(
            path: try ExportFile.write(extract.text, folder: folder, name: "audit-\(stamp).csv"), rows: extract.rows)
    }
}
