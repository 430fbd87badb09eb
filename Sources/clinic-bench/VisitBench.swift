import ClinicDomain
import ClinicServices
import ClinicStore
import ClinicSync
import Foundation
import GRDB

/// Fleet-scale export and sync: the FHIR export from the data set, and a truck database
/// with `visits` closed visits (vitals, timeline, a diagnosis each), written by bulk SQL,
/// whose first sync sends all of it to a central PostgreSQL database.
enum VisitBench {
    static func truck(visits: Int, cache: String) throws -> ClinicDatabase {
        let path = "\(cache)/truck-\(visits)-visits.sqlite"
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        print("Creating a truck with \(visits) visits…")
        try ClinicSetup(hasher: PasswordHasher(memoryKiB: 64, iterations: 1, parallelism: 1))
            .initialize(
                at: path, siteName: "Bench truck", siteCode: "B01", adminUsername: "admin", adminFullName: "Admin",
                adminPassword: "bench-password-1")
        let database = try ClinicDatabase.open(at: path)
        let patients = max(1, visits / 5)
        try DemoPatients(database: database).seed(patients)
        let vitals =
            #"{"systolic":128,"diastolic":82,"heartRate":76,"respiratoryRate":15,"temperature":36.7,"spO2":98,"weight":74.5,"height":168,"glucose":5.6,"mobility":"walking","avpu":"alert","trauma":false}"#
        try database.pool.write { db in
            let ids = try String.fetchAll(db, sql: "SELECT id FROM patient ORDER BY folderNumber")
            let visit = try db.makeStatement(
                sql: """
                    INSERT INTO visit(id, patientId, stage, reason, colourRank, arrivedAt, stageEnteredAt, endedAt, createdBy)
                    VALUES (?, ?, 'closed', 'check-up', 3, ?, ?, ?, 'bench')
                    """)
            let event = try db.makeStatement(
                sql: "INSERT INTO visitEvent(visitId, at, fromStage, toStage, action, actor) VALUES (?, ?, ?, ?, ?, 'bench')")
            let set = try db.makeStatement(
                sql: """
                    INSERT INTO vitalsSet(visitId, recordedAt, recordedBy, vitals, isFull, score, colour) VALUES (?, ?, 'bench', ?, 1, 1, 'green')
                    """)
            let diagnosis = try db.makeStatement(
                sql: "INSERT INTO diagnosis(visitId, code, isPrimary, addedBy, addedAt) VALUES (?, 'I10', 1, 'bench', ?)")
            let start = Date(timeIntervalSince1970: 1_780_000_000)
            for index in 0..<visits {
                let id = String(format: "b0000000-0000-4000-8000-%012x", index)
                let at = Timestamp.string(start.addingTimeInterval(Double(index) * 60))
                try visit.execute(arguments: [id, ids[index % ids.count], at, at, at])
                try event.execute(arguments: [id, at, nil, "nursing", "start"])
                try event.execute(arguments: [id, at, "closure", "closed", "close"])
                try set.execute(arguments: [id, at, vitals])
                try diagnosis.execute(arguments: [id, at])
            }
        }
        return database
    }

    /// `clinic export fhir` of the data set's newest `visits` closed visits (from the day
    /// they start, so a few more), as its own process: time and peak memory are its alone.
    static func fhirExport(_ database: ClinicDatabase, visits: Int, cache: String, clinic: String) throws -> Measure {
        let folder = "\(cache)/fhir"
        try? FileManager.default.removeItem(atPath: folder)
        let outcome = try ChildProcess.run(
            clinic,
            [
                "export", "fhir", "--since", DataSet.dayOfNewest(visits).description,
                "--out", folder, "--db", database.path,
            ])
        guard outcome.status == 0 else { throw BenchError("clinic export fhir exited \(outcome.status)") }
        let lines = try FHIRExport.types.map { type -> Int in
            let data = try Data(contentsOf: URL(fileURLWithPath: "\(folder)/\(type).ndjson"))
            return data.reduce(0) { $1 == 10 ? $0 + 1 : $0 }
        }
        var measure = Measure(name: "FHIR export, newest \(visits) visits (clinic process)")
        measure.samples = [outcome.milliseconds]
        measure.note = String(
            format: "%d encounters, %d resources, peak RSS %.0f MB", lines[FHIRExport.types.firstIndex(of: "Encounter")!],
            lines.reduce(0, +), outcome.peakMB)
        measure.target = ("< 20 s", outcome.milliseconds < 20_000)
        return measure
    }

    static func sync(_ database: ClinicDatabase, visits: Int, central: String) throws -> Measure {
        let address = try CentralAddress.parse(central).get()
        let service = SyncService(database: database)
        _ = try service.migrateCentral(address, by: .shell(name: "bench"))
        var measure = Measure(name: "first sync, \(visits) visits (one run)")
        var report: SyncReport?
        try measure.time { report = try service.sync(address, by: .shell(name: "bench")) }
        let seconds = (measure.samples.first ?? 1) / 1000
        measure.note = String(
            format: "%d records pushed, %.0f records/s", report?.pushed ?? 0, Double(report?.pushed ?? 0) / seconds)
        return measure
    }
}
