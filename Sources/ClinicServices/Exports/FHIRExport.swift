import ClinicDomain
package import ClinicStore
import Foundation
internal import GRDB

/// How many resources of one type an export wrote.
public struct ResourceCount: Equatable, Sendable {
    public let type: String
    public let count: Int
}

/// What a FHIR export wrote: resources per type, in file order.
public struct FHIRExportResult: Sendable, CustomStringConvertible {
    public let folder: String
    public let counts: [ResourceCount]

    public var description: String {
        "Exported " + counts.map { "\($0.count) \($0.type)" }.joined(separator: ", ") + " to \(folder)"
    }
}

/// The FHIR R4 export for head office: NDJSON, one resource type per file, one resource per
/// line, for visits that arrived from a date on. Counselling notes are never read, so they
/// cannot leave the truck this way.
public struct FHIRExport: Sendable {
    /// The resource types, in the order their files are written.
    public static let types = ["Patient", "Condition", "Encounter", "Observation", "MedicationRequest", "ServiceRequest"]

    let database: ClinicDatabase
    let clock: any Clock

    package init(database: ClinicDatabase, clock: any Clock = SystemClock()) {
        self.database = database
        self.clock = clock
    }

    /// Writes `TYPE.ndjson` for each type into `folder`, all or none (one consistent read);
    /// files already there are refused unless `replacing`.
    /// Needs the sync permission: the export carries clinical records off the truck.
    public func export(
        since: CalendarDate, to folder: String, replacing: Bool = false, by actor: Actor,
        progress: ImportProgress = { _, _ in }
    ) throws -> FHIRExportResult {
        try actor.require(.sync)
        try ExportFile.prepare(folder: folder)
        let start = ReportPeriod.day(since).instants.start
        let writers = try Self.types.map {
            try ExportFile.Writer(
                path: (folder as NSString).appendingPathComponent("\($0).ndjson"), replacing: replacing, protected: [])
        }
        do {
            let counts = try database.pool.read { db in try Self.write(since: start, writers: writers, in: db, progress: progress)
            }
            for writer in writers { try writer.commit() }
            try database.pool.write { db in
                try AuditLog.append(
                    actor: actor.auditName, action: .exportFhir,
                    detail: "since \(since) to \(folder): "
                        + zip(Self.types, counts).map { "\($1) \($0)" }.joined(separator: ", "),
                    at: clock.now(), in: db)
            }
            return FHIRExportResult(folder: folder, counts: zip(Self.types, counts).map { ResourceCount(type: $0, count: $1) })
        } catch {
            writers.forEach { $0.discard() }
            throw error
        }
    }

    private static func write(
        since: Date, writers: [ExportFile.Writer], in db: Database,
        progress: ImportProgress
    ) throws -> [Int] {
        var counts = Array(repeating: 0, count: types.count)
        var line: [UInt8] = []
        func emit(_ index: Int, _ resource: JSONValue) throws {
            line.removeAll(keepingCapacity: true)
            resource.write(to: &line)
            line.append(UInt8(ascii: "\n"))
            try writers[index].append(bytes: line)
            counts[index] += 1
        }
        try ExportQueries.patients(since: since, in: db) { try emit(0, FHIRResources.patient($0)) }
        progress(1, types.count)
        var conditions: [String: [(id: String, primary: Bool)]] = [:]
        try ExportQueries.diagnoses(since: since, in: db) { diagnosis, title, patientId in
            conditions[diagnosis.visitId, default: []].append((FHIRResources.conditionID(diagnosis), diagnosis.isPrimary))
            try emit(1, FHIRResources.condition(diagnosis, title: title, patientId: patientId))
        }
        progress(2, types.count)
        try ExportQueries.visits(since: since, in: db) {
            let context = try ExportQueries.encounterContext(of: $0, in: db)
            try emit(
                2, FHIRResources.encounter($0, diagnoses: conditions[$0.id] ?? [], place: context.place, staff: context.staff))
        }
        progress(3, types.count)
        try ExportQueries.vitals(since: since, in: db) { set, patientId in
            for observation in FHIRResources.observations(set, patientId: patientId) { try emit(3, observation) }
        }
        try ExportQueries.screening(since: since, in: db) { result, patientId in
            if let observation = FHIRResources.observation(result, patientId: patientId) { try emit(3, observation) }
        }
        progress(4, types.count)
        try ExportQueries.prescriptions(since: since, in: db) {
            try emit(4, FHIRResources.medicationRequest($0, nappi: $1, patientId: $2))
        }
        progress(5, types.count)
        try ExportQueries.referrals(since: since, in: db) { try emit(5, FHIRResources.serviceRequest($0, patientId: $1)) }
        progress(6, types.count)
        return counts
    }
}
