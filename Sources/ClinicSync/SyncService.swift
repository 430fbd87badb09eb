import ClinicDomain
import ClinicServices
import ClinicStore
import Foundation
import GRDB

/// What one sync did.
public struct SyncReport: Equatable, Sendable, CustomStringConvertible {
    public var pushed = 0
    public var withheld = 0
    public var patients = 0
    public var background = 0
    public var stops = 0
    public var appointments = 0
    /// Pulled appointments not applied here: the patient holds another booking at the stop
    /// here, or is not on this truck.
    public var appointmentsSetAside = 0
    public var duplicates = 0
    public var conflicts = 0
    public var roster = 0
    public var waiting = 0
    /// Pushes head office kept out as tampering (see `TamperAlert`), for this truck, ever.
    public var tamperAlerts = 0

    public var description: String {
        var parts = ["pushed \(pushed.counted("change"))"]
        if withheld > 0 { parts.append("kept \(withheld.counted("counselling note")) on the truck") }
        parts.append("pulled \(patients.counted("patient")) and \(background.counted("background item"))")
        if stops + appointments > 0 {
            parts.append("\(stops.counted("stop")) and \(appointments.counted("appointment")) for this truck")
        }
        if appointmentsSetAside > 0 {
            parts.append(
                "\(appointmentsSetAside.counted("appointment")) set aside (patient already booked at that stop here, or not on this truck)"
            )
        }
        if roster > 0 { parts.append("\(roster.counted("roster row"))") }
        if duplicates > 0 { parts.append("\(duplicates.counted("patient")) registered twice (see the conflict list)") }
        if conflicts > 0 { parts.append("\(conflicts.counted("open conflict")) for an administrator") }
        if tamperAlerts > 0 {
            parts.append(
                "HEAD OFFICE HOLDS \(tamperAlerts) TAMPER ALERT(S) for this truck: rows that never change arrived changed; "
                    + "see `clinic audit verify --central`")
        }
        return "Synced: " + parts.joined(separator: "; ") + "; \(waiting) waiting."
    }
}

/// Pushes this truck's changes to the central PostgreSQL database and pulls what it needs:
/// the member roster, other trucks' patients with their clinical background, the stops
/// planned for this truck with their bookings, and the conflict list. Every step can be cut off and resumed: pushes are idempotent upserts and
/// the outbox entry goes only after the central commit; pulled rows and the pull position
/// are written in one local transaction.
public struct SyncService: Sendable {
    /// The setting that lets counselling notes leave the truck (scheme policy): "1" sends them.
    public static let counsellingSetting = "sync.counselling"

    let database: ClinicDatabase
    let clock: any Clock
    let batchSize: Int

    public init(database: ClinicDatabase, clock: any Clock = SystemClock(), batchSize: Int = 500) {
        self.database = database
        self.clock = clock
        self.batchSize = batchSize
    }

    /// Creates or upgrades the central schema. Returns the versions applied.
    public func migrateCentral(_ address: CentralAddress, by actor: Actor) throws -> [Int] {
        try actor.require(.sync)
        return try blocking {
            let central = try await CentralDatabase.connect(address)
            do {
                let applied = try await central.migrate()
                await central.close()
                return applied
            } catch {
                await central.close()
                throw Self.wrap(error)
            }
        }
    }

    /// Creates truck `site`'s own login role at head office (see `CentralRoles`) and returns
    /// it with its new password. Run at head office by a role that may create roles.
    public static func addTruck(_ address: CentralAddress, site: String) throws -> TruckCredential {
        try blocking {
            let central = try await CentralDatabase.connect(address)
            do {
                let credential = try await central.addTruck(site: site)
                await central.close()
                return credential
            } catch {
                await central.close()
                throw wrap(error)
            }
        }
    }

    /// One full sync.
    public func sync(_ address: CentralAddress, by actor: Actor) throws -> SyncReport {
        try actor.require(.sync)
        let (site, installID) = try prepare(actor)
        return try blocking {
            let central = try await CentralDatabase.connect(address)
            do {
                var report = SyncReport()
                try await central.register(site: site.siteCode, installID: installID, name: site.siteName)
                try await push(to: central, site: site.siteCode, report: &report)
                try await pull(from: central, site: site.siteCode, report: &report)
                report.tamperAlerts = try await central.tamperAlerts(site: site.siteCode).count
                try await central.finished(site: site.siteCode)
                let now = Timestamp.string(clock.now())
                try write { db in try SyncStore.setState("lastSyncAt", now, in: db) }
                report.waiting = try read { try SyncStore.waiting(in: $0) }
                report.conflicts = try read { try SyncConflictRecord.openCount(in: $0) }
                await central.close()
                return report
            } catch {
                await central.close()
                throw Self.wrap(error)
            }
        }
    }

    /// The site settings and this install's id (made once); the sync is audited up front so
    /// its own audit row travels with it.
    private func prepare(_ actor: Actor) throws -> (SiteSettings, String) {
        try database.pool.write { db in
            let installID: String
            if let known = try SyncStore.state("installId", in: db) {
                installID = known
            } else {
                installID = UUID().uuidString.lowercased()
                try SyncStore.setState("installId", installID, in: db)
            }
            try AuditLog.append(
                actor: actor.auditName, action: .syncStart, detail: "\(try SyncStore.waiting(in: db)) waiting",
                at: clock.now(), in: db)
            return (try SettingsRepository.load(in: db), installID)
        }
    }

    private func push(to central: CentralDatabase, site: String, report: inout SyncReport) async throws {
        let sendCounselling = try read {
            try SettingsRepository.value(of: Self.counsellingSetting, in: $0) == "1"
        }
        while true {
            let (entries, bases) = try read { db -> ([OutboxEntry], [String: String]) in
                let entries = try SyncStore.pending(limit: batchSize, in: db)
                var bases: [String: String] = [:]
                for entry in entries where entry.table == "patient" {
                    bases[entry.rowKey] = try SyncStore.base(of: entry.rowKey, in: db)
                }
                return (entries, bases)
            }
            guard !entries.isEmpty else { break }
            let rows = entries.filter { sendCounselling || $0.table != "counsellingNote" }.map {
                PushedRow(
                    kind: $0.table, key: SyncTables.centralKey(table: $0.table, key: $0.rowKey, site: site),
                    payload: $0.payload, base: bases[$0.rowKey])
            }
            let merged: [String: String]
            do {
                merged = try await central.push(rows, site: site)
            } catch  where CentralChain.brokenKey(error) != nil {
                let key = CentralChain.brokenKey(error)!
                try await central.reportChainBreak(site: site, key: key)
                throw SyncError.auditChainBroken(key: key)
            }
            try write { db in
                try SyncStore.markPushed(entries.map(\.seq), in: db)
                for (patientId, payload) in merged { try SyncStore.setBase(payload, of: patientId, in: db) }
            }
            report.pushed += rows.count
            report.withheld += entries.count - rows.count
        }
        let resolved = try read {
            try SyncConflictRecord.filter(
                SyncConflictRecord.Columns.resolvedAt != nil && SyncConflictRecord.Columns.resolutionSent == false
            ).fetchAll($0)
        }
        for var conflict in resolved {
            try await central.resolve(conflict: conflict.id, resolution: conflict.resolution ?? "")
            conflict.resolutionSent = true
            try write { db in try conflict.update(db) }
        }
    }

    private func pull(from central: CentralDatabase, site: String, report: inout SyncReport) async throws {
        try await pullPatients(from: central, site: site, report: &report)
        try await pullSchedule(from: central, truck: site, report: &report)
        try await pullConflicts(from: central)
        try await pullRoster(from: central, report: &report)
    }

    /// Other trucks' patients and their clinical background.
    private func pullPatients(from central: CentralDatabase, site: String, report: inout SyncReport) async throws {
        var last = try read { Int64(try SyncStore.state("lastPullSeq", in: $0) ?? "0") ?? 0 }
        while true {
            let records = try await central.records(after: last, kinds: ["patient", "patientBackground"], limit: 1000)
            guard let end = records.last?.seq else { break }
            try write { db in
                try SyncStore.applying(in: db) {
                    for record in records {
                        guard let payload = record.payload else { continue }
                        if record.kind == "patient" {
                            try apply(patient: payload, record: record, report: &report, in: db)
                        } else if record.site != site {
                            try SyncStore.applyBackground(centralKey: record.key, payload, in: db)
                            report.background += 1
                        }
                    }
                }
                try SyncStore.setState("lastPullSeq", String(end), in: db)
            }
            last = end
        }
    }

    /// Stops planned for this truck (its site code) on other terminals of the fleet, and
    /// appointments booked at them, after the patients so that booked patients are here.
    private func pullSchedule(from central: CentralDatabase, truck: String, report: inout SyncReport) async throws {
        var last = try read { Int64(try SyncStore.state("lastSchedulePullSeq", in: $0) ?? "0") ?? 0 }
        while true {
            let rows = try await central.schedule(for: truck, after: last, limit: 1000)
            guard let end = rows.last?.seq else { break }
            try write { db in
                try SyncStore.applying(in: db) {
                    for row in rows {
                        if row.kind == "routeStop" {
                            try ScheduleSync.applyStop(row.payload, location: row.location, in: db)
                            report.stops += 1
                            continue
                        }
                        switch try ScheduleSync.applyAppointment(row.payload, stop: row.stop, location: row.location, in: db) {
                        case .inserted, .updated: report.appointments += 1
                        case .unchanged, .pendingHere: break
                        case .patientMissing, .doubleBooked: report.appointmentsSetAside += 1
                        }
                    }
                }
                try SyncStore.setState("lastSchedulePullSeq", String(end), in: db)
            }
            last = end
        }
    }

    /// The fleet's demographic conflicts about patients on this truck.
    private func pullConflicts(from central: CentralDatabase) async throws {
        let conflicts = try await central.conflicts()
        try write { db in
            for c in conflicts where try PatientRecord.exists(db, key: c.patientId) {
                try SyncConflictRecord.merge(
                    SyncConflictRecord(
                        id: c.id, patientId: c.patientId, field: c.field, centralValue: c.centralValue, truckValue: c.truckValue,
                        site: c.site, createdAt: Timestamp(text: c.createdAt),
                        resolvedAt: c.resolvedAt.map(Timestamp.init(text:)),
                        resolution: c.resolution), in: db)
            }
        }
    }

    /// The scheme's member roster.
    private func pullRoster(from central: CentralDatabase, report: inout SyncReport) async throws {
        var rosterSeq = try read { Int64(try SyncStore.state("lastRosterSeq", in: $0) ?? "0") ?? 0 }
        while true {
            let rows = try await central.roster(after: rosterSeq, limit: 1000)
            guard let end = rows.last?.seq else { break }
            let now = Timestamp(clock.now())
            let members = rows.map { row, _ in
                RosterMember(
                    membershipNumber: (row["membershipNumber"] ?? nil) ?? "", dependantCode: (row["dependantCode"] ?? nil) ?? "",
                    surname: (row["surname"] ?? nil) ?? "", firstNames: (row["firstNames"] ?? nil) ?? "",
                    dateOfBirth: row["dateOfBirth"] ?? nil, saID: row["saID"] ?? nil, status: (row["status"] ?? nil) ?? "",
                    option: (row["option"] ?? nil) ?? "", importedAt: now)
            }
            try write { db in
                // The same upsert as a roster file's import: an unchanged member is left as it is.
                _ = try PatientRepository.upsertRoster(members, in: db)
                try SyncStore.setState("lastRosterSeq", String(end), in: db)
            }
            report.roster += rows.count
            rosterSeq = end
        }
    }

    private func apply(patient payload: String, record: CentralRecord, report: inout SyncReport, in db: Database) throws {
        switch try SyncStore.applyPatient(payload, in: db) {
        case .inserted, .updated: report.patients += 1
        case .unchanged, .pendingHere: break
        case .duplicate(let localFolder):
            report.duplicates += 1
            let other = DemographicMerge.object(payload)
            let otherFolder = DemographicMerge.text(other?["folderNumber"])
            guard let local = try PatientRepository.find(folderNumber: localFolder, in: db) else { return }
            try SyncConflictRecord.merge(
                SyncConflictRecord(
                    id: "duplicate-\(record.key)", patientId: local.id, field: "registration",
                    centralValue: "\(otherFolder) at \(record.site)", truckValue: localFolder, site: record.site,
                    createdAt: Timestamp(clock.now()), resolvedAt: nil, resolution: nil), in: db)
        }
    }

    /// Local reads and writes, synchronous even inside the async sync (GRDB's async
    /// variants would need sendable closures; the truck's database is local and fast).
    private func read<T>(_ body: (Database) throws -> T) throws -> T { try database.pool.read(body) }
    private func write<T>(_ body: (Database) throws -> T) throws -> T { try database.pool.write(body) }

    static func wrap(_ error: Error) -> Error {
        if error is SyncError || error is DatabaseError || error is StoreError { return error }
        return SyncError.central(CentralDatabase.reason(error))
    }
}
