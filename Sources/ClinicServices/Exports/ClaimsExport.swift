import ClinicDomain
package import ClinicStore
import Foundation
internal import GRDB

/// A screening test on a claim: the tariff code finance imported for it, and its words.
public struct ClaimedTest: Equatable, Sendable {
    public let tariff: String
    public let description: String
}

/// One claim: a closed visit of a scheme member, its ICD-10 codes (primary first), the
/// medicines dispensed and the screening tests done that have a tariff.
public struct Claim: Equatable, Sendable {
    public let visit: ClaimVisit
    public let codes: [String]
    public let items: [DispensedItem]
    public var tests: [ClaimedTest] = []

    /// The claim's CSV lines: the consultation first, then one line per medicine, then one
    /// per screening test (its tariff code in the item code column).
    var lines: [String] {
        let head = [
            visit.visitId, visit.membershipNumber ?? "", visit.dependantCode ?? "", visit.folderNumber,
            visit.serviceDate, visit.site, codes.joined(separator: ";"),
        ]
        return [CSVText.line(head + ["consultation", "", "", "Primary care consultation", "1"])]
            + items.map { CSVText.line(head + ["medicine", $0.nappi, $0.itemCode, $0.description, String($0.quantity)]) }
            + tests.map { CSVText.line(head + ["screening", "", $0.tariff, $0.description, "1"]) }
    }

    /// The header of a claims file.
    static let header = CSVText.line([
        "claim_id", "membership_number", "dependant_code", "folder_number", "service_date", "site",
        "icd10_codes", "line_type", "nappi_code", "item_code", "description", "quantity",
    ])
}

/// The claims a period holds, and how many closed visits were left out for having no member.
public struct PendingClaims: Equatable, Sendable {
    public let claims: [Claim]
    /// Closed visits left out because the patient has no membership number.
    public let notMembers: Int
    /// Screening tests on these claims left out because no tariff is imported for them.
    public var untariffed: Set<String> = []
}

/// What a claims export did.
public struct ClaimsExportResult: Equatable, Sendable, CustomStringConvertible {
    /// The file written, nil when there was nothing new to export.
    public let file: String?
    public let claims: Int
    public let lines: Int
    /// Closed visits left out because the patient has no membership number.
    public let notMembers: Int
    /// Screening tests done but not claimed: no tariff is imported for them.
    public var untariffed: Set<String> = []

    public var description: String {
        let skipped =
            (notMembers == 0 ? "" : "; \(notMembers.counted("closed visit")) of patients without a membership number left out")
            + (untariffed.isEmpty
                ? ""
                : "; screening tests without a tariff not claimed: \(untariffed.sorted().joined(separator: ", "))"
                    + " (clinic tariffs import)")
        guard let file else { return "No new claims to export" + skipped }
        return "Exported \(claims.counted("claim")), \(lines.counted("line")) to \(file)" + skipped
    }
}

/// The claims export for the medical scheme: one claim per closed visit of a member. A visit
/// exported once is not exported again unless asked, so re-running is harmless.
public struct ClaimsExport: Sendable {
    let database: ClinicDatabase
    let clock: any Clock

    package init(database: ClinicDatabase, clock: any Clock = SystemClock()) {
        self.database = database
        self.clock = clock
    }

    /// Claims for closed visits from `since` on, not yet exported unless `again`.
    public func claims(since: CalendarDate, again: Bool = false, by actor: Actor) throws -> PendingClaims {
        try actor.require(.exportClaims)
        return try database.pool.read { try Self.collect(since: since, again: again, in: $0) }
    }

    /// Writes the claims as `claims-SINCE-STAMP.csv` in `folder` and records them as exported,
    /// both or neither. Progress goes to `progress` (done, total).
    public func export(
        since: CalendarDate, to folder: String, again: Bool = false, by actor: Actor,
        progress: ImportProgress = { _, _ in }
    ) throws -> ClaimsExportResult {
        try actor.require(.exportClaims)
        try ExportFile.prepare(folder: folder)
        let now = clock.now()
        return try database.pool.write { db in
            let pending = try Self.collect(since: since, again: again, in: db)
            let (claims, notMembers) = (pending.claims, pending.notMembers)
            guard !claims.isEmpty else {
                return ClaimsExportResult(file: nil, claims: 0, lines: 0, notMembers: notMembers, untariffed: pending.untariffed)
            }
            let stamp = ClinicTime.fileStamp(now)
            let writer = try ExportFile.Writer(folder: folder, name: "claims-\(since)-\(stamp).csv")
            var lineCount = 0
            do {
                try writer.line(Claim.header)
                for (index, claim) in claims.enumerated() {
                    for line in claim.lines { try writer.line(line) }
                    lineCount += claim.lines.count
                    progress(index + 1, claims.count)
                }
                try ClaimQueries.markExported(
                    claims.map(\.visit.visitId), file: writer.path, actor: actor.auditName, at: now, in: db)
                try AuditLog.append(
                    actor: actor.auditName, action: .exportClaims,
                    detail: "\(claims.count) claims since \(since)\(again ? " (again)" : "") to \(writer.path)", at: now, in: db)
                try writer.commit()
            } catch {
                writer.discard()
                throw error
            }
            return ClaimsExportResult(
                file: writer.path, claims: claims.count, lines: lineCount, notMembers: notMembers,
                untariffed: pending.untariffed)
        }
    }

    private static func collect(since: CalendarDate, again: Bool, in db: Database) throws -> PendingClaims {
        let start = ReportPeriod.day(since).instants.start
        let siteName = try SettingsRepository.load(in: db).siteName
        let visits = try ClaimQueries.visits(since: start, siteName: siteName, includeExported: again, in: db)
        let members = visits.filter { !($0.membershipNumber ?? "").isEmpty }
        let codes = try ClaimQueries.diagnoses(since: start, in: db)
        let items = try ClaimQueries.dispensed(since: start, in: db)
        let tariffs = Dictionary(uniqueKeysWithValues: try TariffRepository.all(in: db).map { ($0.test, $0) })
        let tests = try ClaimQueries.screening(since: start, in: db)
        var untariffed: Set<String> = []
        let claims = members.map { visit in
            var claim = Claim(visit: visit, codes: codes[visit.visitId] ?? [], items: items[visit.visitId] ?? [])
            for test in tests[visit.visitId] ?? [] {
                guard let tariff = tariffs[test] else {
                    untariffed.insert(test)
                    continue
                }
                claim.tests.append(ClaimedTest(tariff: tariff.code, description: tariff.description))
            }
            return claim
        }
        var pending = PendingClaims(claims: claims, notMembers: visits.count - members.count)
        pending.untariffed = untariffed
        return pending
    }
}
