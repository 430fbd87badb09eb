import ClinicDomain
package import ClinicStore
import Foundation
internal import GRDB

/// A visit's HIV test as the roles with `screening.hiv.read` see it.
public struct HIVTestView: Equatable, Sendable {
    public let consent: HTSConsent
    public let tests: [HIVKitTest]
    public let result: HIVResult?
    public let linkage: String
    public let linkageTo: String
    public let linkageDate: String?
    public let retestDate: String?
    public let labTo: String
    public let recordedBy: String
    public let recordedAt: Date

    init(_ record: HIVTestRecord) {
        consent = record.consent
        tests = record.tests
        result = record.result
        linkage = record.linkage
        linkageTo = record.linkageTo
        linkageDate = record.linkageDate
        retestDate = record.retestDate
        labTo = record.labTo
        recordedBy = record.recordedBy
        recordedAt = record.recordedAt.date ?? .distantPast
    }

    /// "HIV test: negative, retest 2027-03-01", "HIV test declined", …; the line a sheet shows.
    public var line: String {
        guard consent == .given, let result else { return "HIV test declined (consent not given)" }
        switch result {
        case .negative: return "HIV test: negative" + (retestDate.map { ", retest \($0)" } ?? "")
        case .positive:
            return linkage == HTSInput.Linkage.startedHere.rawValue
                ? "HIV test: positive, ART started here"
                : "HIV test: positive, referred to \(linkageTo) on \(linkageDate ?? "")"
        case .inconclusive: return "HIV test: inconclusive, blood sent to \(labTo)"
        }
    }

    /// "screening kit lot AB12 (exp 2027-05-31) reactive; …".
    public var kitsLine: String {
        tests.map { "\($0.kit.title) lot \($0.lot) (exp \($0.expiry)) \($0.reading.rawValue)" }.joined(separator: "; ")
    }
}

/// The kit the next test of a kind would use: first expiry first out among unexpired
/// batches with stock.
public struct KitLot: Equatable, Sendable {
    public let kit: HTSKit
    public let batchId: Int64
    public let lot: String
    public let expiry: String

    public init(kit: HTSKit, batchId: Int64, lot: String, expiry: String) {
        self.kit = kit
        self.batchId = batchId
        self.lot = lot
        self.expiry = expiry
    }
}

/// HIV testing services for a visit in nursing or counselling (SA HTS policy): consent
/// recorded (a decline too), the rapid tests read with `HTSAlgorithm`, each kit taken from
/// its batch first expiry first out (expired kits never), the result and its follow-up.
/// Only roles holding `screening.hiv.read` record or read a result; every read is audited;
/// other roles learn at most that a test was done.
public struct HTSService: Sendable {
    let database: ClinicDatabase
    let clock: any Clock

    package init(database: ClinicDatabase, clock: any Clock = SystemClock()) {
        self.database = database
        self.clock = clock
    }

    /// The kit each kind of test would use now, or why there is none.
    public func nextKits(by actor: Actor) throws -> [HTSKit: Result<KitLot, HTSError>] {
        try actor.require(.screeningHIVRead)
        let today = CalendarDate(clock.now())
        return try database.pool.read { db in
            Dictionary(uniqueKeysWithValues: try HTSKit.allCases.map { ($0, try Self.kitLot($0, today: today, in: db)) })
        }
    }

    /// Records the visit's HIV testing; nothing is written (and no kit taken) when any
    /// field is refused or a kit is missing.
    @discardableResult
    public func record(visitId: String, input: HTSInput, by actor: Actor) throws -> HTSInput.Reading {
        try actor.require(.screeningHIVRead)
        let now = clock.now()
        let today = CalendarDate(now)
        return try database.pool.write { db in
            guard let visit = try VisitRepository.find(id: visitId, in: db) else { throw VisitError.notFound }
            guard ScreeningService.stages.contains(visit.stage) else { throw VisitError.notInStage(.nursing) }
            // A client who declined may change their mind the same day: the decline is replaced.
            let earlier = try HIVTestRepository.test(of: visitId, in: db)
            guard earlier == nil || earlier?.consent == .declined else { throw HTSError.alreadyRecorded }
            let reading = input.read(today: today)
            guard reading.consent != nil else {
                throw PatientError.invalid(
                    FieldProblems([
                        FieldProblem(HTSField.consent, "Consent first: Y after the pre-test information, N to decline")
                    ]))
            }
            guard reading.problems.isEmpty else { throw PatientError.invalid(FieldProblems(reading.problems)) }
            let tests = try Self.takeKits(for: reading, visitId: visitId, by: actor, at: now, in: db)
            var record = HIVTestRecord(visitId: visitId, reading: reading, tests: tests, by: actor.auditName, at: now)
            record.id = earlier?.id
            try HIVTestRepository.save(record, in: db)
            // The audit row says a test was done, never its result.
            try AuditLog.append(
                actor: actor.auditName, action: .hivTestRecord, patientID: visit.patientId,
                detail: "\(visitId): consent \(reading.consent!.rawValue), \(tests.count.counted("rapid test"))", at: now,
                in: db)
            return reading
        }
    }

    /// The visit's HIV test for a role allowed to read it (the read is audited); nil when none.
    public func test(visitId: String, by actor: Actor) throws -> HIVTestView? {
        try actor.require(.screeningHIVRead)
        let now = clock.now()
        return try database.pool.write { db in
            guard let record = try HIVTestRepository.test(of: visitId, in: db) else { return nil }
            let patient = try VisitRepository.find(id: visitId, in: db)?.patientId
            try AuditLog.append(
                actor: actor.auditName, action: .hivTestRead, patientID: patient, detail: visitId, at: now, in: db)
            return HIVTestView(record)
        }
    }

    /// Whether the visit has an HIV test done (a decline is no test): all a role without
    /// `screening.hiv.read` learns.
    public func isDone(visitId: String, by actor: Actor) throws -> Bool {
        try actor.require(.patientRead)
        return try database.pool.read { try HIVTestRepository.test(of: visitId, in: $0)?.consent == .given }
    }

    /// The HTS register for `period` as CSV, one line per rapid test (a decline is one line
    /// with no kit): day, site, folder, test number, kit, lot, expiry, reading, the final
    /// result and what followed it, and who tested. Needs `screening.hiv.read`; audited.
    public func register(_ period: ReportPeriod, by actor: Actor) throws -> String {
        try actor.require(.screeningHIVRead)
        let (start, end) = period.instants
        let now = clock.now()
        return try database.pool.write { db in
            let siteName = try SettingsRepository.load(in: db).siteName
            let entries = try HIVTestRepository.register(from: start, to: end, siteName: siteName, in: db)
            try AuditLog.append(
                actor: actor.auditName, action: .hivTestRead, patientID: nil,
                detail: "HTS register \(period): \(entries.count.counted("test"))", at: now, in: db)
            return ([Self.registerHeader] + entries.flatMap(Self.registerLines)).joined(separator: "\n") + "\n"
        }
    }

    static let registerHeader = CSVText.line([
        "day", "site", "folder", "test", "kit", "lot", "expiry", "reading", "consent", "result", "linkage", "linked_to",
        "linkage_date", "retest_date", "lab", "tested_by",
    ])

    static func registerLines(_ entry: HIVTestRepository.RegisterEntry) -> [String] {
        let test = entry.test
        let outcome = [
            test.consent.rawValue, test.result?.rawValue ?? "", test.linkage, test.linkageTo, test.linkageDate ?? "",
            test.retestDate ?? "", test.labTo, test.recordedBy,
        ]
        let place = [entry.day, entry.site, entry.folderNumber]
        guard !test.tests.isEmpty else { return [CSVText.line(place + ["", "", "", "", ""] + outcome)] }
        return test.tests.enumerated().map { index, kit in
            CSVText.line(
                place + [String(index + 1), kit.kit.rawValue, kit.lot, kit.expiry, kit.reading.rawValue] + outcome)
        }
    }

    /// One kit per test done, each from its kind's first-expiring unexpired batch.
    static func takeKits(
        for reading: HTSInput.Reading, visitId: String, by actor: Actor, at now: Date, in db: Database
    ) throws -> [HIVKitTest] {
        var tests: [HIVKitTest] = []
        for (index, result) in reading.readings.enumerated() {
            let kit = HTSInput.kit(forTestAt: index)
            let lot: KitLot
            switch try kitLot(kit, today: CalendarDate(now), in: db) {
            case .success(let found): lot = found
            case .failure(let error):
                throw PatientError.invalid(FieldProblems([FieldProblem(HTSInput.testFields[index], error.description)]))
            }
            try StockRepository.move(
                batchID: lot.batchId, kind: .dispense, quantity: -1, visitId: visitId,
                reason: "HIV rapid test \(index + 1) (\(kit.title))", actor: actor.auditName, at: now, in: db)
            tests.append(HIVKitTest(kit: kit, batchId: lot.batchId, lot: lot.lot, expiry: lot.expiry, reading: result))
        }
        return tests
    }

    /// The batch the next `kit` comes from, or why none can be used.
    static func kitLot(_ kit: HTSKit, today: CalendarDate, in db: Database) throws -> Result<KitLot, HTSError> {
        let batches = try StockRepository.batches(of: kit.rawValue, in: db).filter { $0.onHand > 0 }
        guard case .success(let picks) = StockRules.fefo(batches, quantity: 1, today: today), let pick = picks.first,
            let batch = try StockRepository.batch(id: pick.batchID, in: db)?.record
        else {
            let expired = batches.filter { $0.expiry < today }.sorted { $0.expiry > $1.expiry }.first
            return .failure(.noKit(kit, expiredOn: expired.map(\.expiry.description)))
        }
        return .success(KitLot(kit: kit, batchId: pick.batchID, lot: batch.batchNumber, expiry: batch.expiry))
    }
}

/// Why an HIV test was not recorded.
public enum HTSError: Error, Equatable, Sendable, CustomStringConvertible {
    case alreadyRecorded
    /// No unexpired kit of this kind in stock; the newest expired one's date when there are some.
    case noKit(HTSKit, expiredOn: String?)

    public var description: String {
        switch self {
        case .alreadyRecorded: "This visit's HIV test is already recorded; a new test belongs to a new visit."
        case .noKit(let kit, let expiredOn?):
            "The \(kit.title)s in stock expired (latest \(expiredOn)); expired kits are never used: receive new ones."
        case .noKit(let kit, nil): "No \(kit.title) (\(kit.rawValue)) in stock: receive kits first."
        }
    }
}
