import ClinicDomain
import ClinicServices
import ClinicStore
import Foundation
import GRDB

/// The benchmark's deterministic data set, made once into a cache file: patients with valid
/// SA IDs and South African names, 40,000 ICD-10 codes, 2,000 stock items with batches,
/// 300,000 closed visits with vitals, a diagnosis and a prescription each (the first patient
/// has 50 of them), and 500 open visits waiting in each stage queue.
enum DataSet {
    /// Bumped when the content changes; a cache file of another version is extended.
    static let version = "2"
    static let visits = 300_000
    static let openPerStage = 500
    static let queueStages: [VisitStage] = [.nursing, .consultation, .counselling, .closure]
    static let stockItems = 2_000
    /// Closed visits arrive every five minutes from here on, so the newest 100,000 start on a
    /// known day.
    static let firstArrival = Date(timeIntervalSince1970: 1_700_000_000)
    static let arrivalStep: TimeInterval = 300

    /// The cached database with `patients` patients and the rest, made or extended on first use.
    static func open(patients: Int, cache: String) throws -> ClinicDatabase {
        let path = "\(cache)/patients-\(patients).sqlite"
        let database: ClinicDatabase
        if FileManager.default.fileExists(atPath: path) {
            database = try ClinicDatabase.open(at: path)
        } else {
            print("Creating \(path) with \(patients) patients (once; later runs reuse it)…")
            let started = Date()
            let partial = try ClinicSetup().demo(at: path + ".partial", password: "bench-password")
            try DemoPatients(database: partial).seed(patients) { done, total in
                if done % 100_000 == 0 || done == total { print("  \(done)/\(total)") }
            }
            // Everything into the main file before it is renamed: a WAL left beside the old name
            // would be lost with the rows in it.
            try partial.pool.writeWithoutTransaction { try $0.checkpoint(.truncate) }
            try partial.pool.close()
            try FileManager.default.moveItem(atPath: path + ".partial", toPath: path)
            for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + ".partial" + suffix) }
            print(String(format: "  seeded in %.1f s", Date().timeIntervalSince(started)))
            database = try ClinicDatabase.open(at: path)
        }
        try extend(database, cache: cache)
        return database
    }

    /// Adds what an older cache file lacks.
    static func extend(_ database: ClinicDatabase, cache: String) throws {
        let current = try database.pool.read {
            try String.fetchOne($0, sql: "SELECT value FROM setting WHERE key = 'bench.dataset'")
        }
        try ICD10Codes.ensure(40_000, in: database, cache: cache)
        guard current != version else { return }
        print("Adding \(stockItems) stock items, \(visits) closed visits and \(openPerStage) open visits per queue…")
        let started = Date()
        try database.pool.write { db in
            try SyncStore.applying(in: db) {
                try addStock(in: db)
                try addVisits(in: db)
            }
            try db.execute(sql: "INSERT OR REPLACE INTO setting(key, value) VALUES ('bench.dataset', ?)", arguments: [version])
        }
        try database.pool.writeWithoutTransaction { try $0.execute(sql: "PRAGMA optimize; PRAGMA wal_checkpoint(TRUNCATE)") }
        print(String(format: "  added in %.1f s", Date().timeIntervalSince(started)))
    }

    private static func addStock(in db: Database) throws {
        let item = try db.makeStatement(
            sql: """
                INSERT OR IGNORE INTO formularyItem(code, genericName, strength, form, route, unit) VALUES (?, ?, '500 mg', 'tablet', 'oral', 'tablet')
                """)
        let stock = try db.makeStatement(sql: "INSERT OR IGNORE INTO stockItem(code, nappi, reorderLevel) VALUES (?, ?, 100)")
        let batch = try db.makeStatement(
            sql: """
                INSERT OR IGNORE INTO batch(itemCode, batchNumber, expiry, supplier, receivedAt) VALUES (?, ?, ?, 'Bench Pharma', '2026-01-05T08:00:00.000Z')
                """)
        let receive = try db.makeStatement(
            sql: """
                INSERT INTO movement(batchId, kind, quantity, reason, actor, at) VALUES (?, 'receive', 500, 'bench', 'bench', '2026-01-05T08:00:00.000Z')
                """)
        try db.execute(sql: "INSERT OR IGNORE INTO supplier(name) VALUES ('Bench Pharma')")
        for index in 0..<stockItems {
            let code = String(format: "BENCH%04d", index)
            try item.execute(arguments: [code, "Bench medicine \(index)"])
            try stock.execute(arguments: [code, String(format: "7%06d", index)])
            for lot in 0..<2 {
                try batch.execute(arguments: [code, "L\(index)-\(lot)", lot == 0 ? "2027-06-30" : "2028-03-31"])
                if db.changesCount > 0 { try receive.execute(arguments: [db.lastInsertedRowID]) }
            }
        }
    }

    private static func addVisits(in db: Database) throws {
        let patients = try String.fetchAll(db, sql: "SELECT id FROM patient ORDER BY rowid")
        let codes = try String.fetchAll(db, sql: "SELECT code FROM icd10 ORDER BY code LIMIT 200")
        let items = try String.fetchAll(
            db, sql: "SELECT code FROM formularyItem WHERE code NOT LIKE 'BENCH%' ORDER BY code LIMIT 50")
        let visit = try db.makeStatement(
            sql: """
                INSERT INTO visit(id, patientId, stage, reason, colourRank, arrivedAt, stageEnteredAt, endedAt, createdBy)
                VALUES (?, ?, ?, 'check-up', ?, ?, ?, ?, 'bench')
                """)
        let event = try db.makeStatement(
            sql: "INSERT INTO visitEvent(visitId, at, fromStage, toStage, action, actor) VALUES (?, ?, ?, ?, ?, 'bench')")
        let vitals = try db.makeStatement(
            sql: """
                INSERT INTO vitalsSet(visitId, recordedAt, recordedBy, vitals, isFull, score, colour) VALUES (?, ?, 'bench', ?, 1, ?, ?)
                """)
        let diagnosis = try db.makeStatement(
            sql: "INSERT INTO diagnosis(visitId, code, isPrimary, addedBy, addedAt) VALUES (?, ?, 1, 'bench', ?)")
        let prescription = try db.makeStatement(
            sql: """
                INSERT INTO prescription(visitId, itemCode, description, dose, frequency, days, quantity, prescribedBy, prescribedAt)
                VALUES (?, ?, '1 tablet three times a day', 1, 'tds', 5, 15, 'bench', ?)
                """)
        for index in 0..<visits {
            // The first 50 visits are the first patient's: the record with a long history.
            let patient = index < 50 ? patients[0] : patients[(index * 7_919) % patients.count]
            let id = String(format: "be000000-0000-4000-8000-%012x", index)
            let at = Timestamp.string(firstArrival.addingTimeInterval(Double(index) * arrivalStep))
            try visit.execute(arguments: [id, patient, "closed", 3, at, at, at])
            try event.execute(arguments: [id, at, nil, "nursing", "start"])
            try event.execute(arguments: [id, at, "closure", "closed", "close"])
            let systolic = 110 + index % 60, weight = 55.0 + Double(index % 40)
            try vitals.execute(arguments: [
                id, at,
                #"{"systolic":\#(systolic),"diastolic":\#(70 + index % 25),"heartRate":\#(60 + index % 40),"respiratoryRate":15,"temperature":36.7,"spO2":98,"weight":\#(weight),"height":168,"glucose":5.6,"mobility":"walking","avpu":"alert","trauma":false}"#,
                1, "green",
            ])
            try diagnosis.execute(arguments: [id, codes[index % codes.count], at])
            try prescription.execute(arguments: [id, items[index % items.count], at])
        }
        let now = Date()
        for index in 0..<(openPerStage * queueStages.count) {
            let stage = queueStages[index % queueStages.count]
            let id = String(format: "be000000-0000-4000-9000-%012x", index)
            let at = Timestamp.string(now.addingTimeInterval(-Double(index) * 7))
            try visit.execute(arguments: [id, patients[patients.count - 1 - index], stage.rawValue, index % 5, at, at, nil])
            try event.execute(arguments: [id, at, nil, stage.rawValue, "start"])
            if stage != .nursing { try vitals.execute(arguments: [id, at, #"{"systolic":128,"diastolic":82}"#, 1, "green"]) }
        }
    }

    /// The day from which the newest `count` closed visits arrived.
    static func dayOfNewest(_ count: Int) -> CalendarDate {
        CalendarDate(firstArrival.addingTimeInterval(Double(visits - count) * arrivalStep))
    }
}

/// Synthetic ICD-10 codes imported through `clinic icd10 import`'s code path.
enum ICD10Codes {
    static func ensure(_ codes: Int, in database: ClinicDatabase, cache: String) throws {
        let count = try database.pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM icd10") ?? 0 }
        guard count < codes else { return }
        let csv = "\(cache)/icd10-\(codes).csv"
        let words = [
            "acute", "chronic", "infection", "fracture", "lower", "upper", "respiratory", "disorder", "injury", "pain",
            "unspecified", "other", "syndrome", "disease", "left", "right", "malignant", "benign", "neoplasm", "ulcer",
        ]
        var lines = ["code,title,valid_primary"]
        var made = 0
        outer: for letter in "ABCDEFGHIJKLMNOPQRSTUVWXYZ" {
            for category in 0..<100 {
                for sub in 0..<16 {
                    let code = String(
                        format: "%@%02d.%@", String(letter), category, sub < 10 ? "\(sub)" : "\(sub - 10)\(sub - 10)")
                    let title = (0..<4).map { words[(made * 7 + $0 * 13 + category) % words.count] }.joined(separator: " ")
                    lines.append("\(code),\(title) \(made),Y")
                    made += 1
                    if made == codes { break outer }
                }
            }
        }
        try (lines.joined(separator: "\n") + "\n").write(toFile: csv, atomically: true, encoding: .utf8)
        _ = try ICD10Import(database: database).run(path: csv, by: .shell(name: "bench"))
    }
}
