import ClinicDomain
import ClinicServices
import ClinicStore
import Foundation

/// What a nurse or doctor waits for between keystrokes: a record opening, a queue refreshing.
enum ClinicalBench {
    static let runs = 200

    /// Opening the record of the patient with 50 past visits: the patient file, the visit
    /// history with timelines and the vitals trends, as the record screen loads them.
    static func record(_ database: ClinicDatabase) throws -> Measure {
        let id = try database.pool.read { try String.fetchOne($0, sql: "SELECT id FROM patient ORDER BY rowid LIMIT 1")! }
        let patients = PatientService(database: database), visits = VisitService(database: database)
        let actor = Actor.shell(name: "bench")
        var measure = Measure(name: "open patient record, 50 visits")
        var shown = 0
        for _ in 0..<runs {
            try measure.time {
                _ = try patients.open(id: id, by: actor)
                shown = try visits.history(patientId: id, by: actor).count
                _ = try visits.vitalsHistory(patientId: id, by: actor)
            }
        }
        measure.note = "\(shown) visits loaded"
        return measure
    }

    /// Each stage's queue query with the data set's open visits waiting in it.
    static func queues(_ database: ClinicDatabase) throws -> [Measure] {
        let visits = VisitService(database: database), actor = Actor.shell(name: "bench")
        return try DataSet.queueStages.map { stage in
            var measure = Measure(name: "queue: \(stage.rawValue)")
            var waiting = 0
            for _ in 0..<runs { try measure.time { waiting = try visits.queue(stage, by: actor).count } }
            measure.note = "\(waiting) waiting"
            return measure
        }
    }
}
