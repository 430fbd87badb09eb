import ClinicDomain
package import ClinicStore
import Foundation
internal import GRDB

/// Realistic synthetic patients for demos and benchmarks: South African names, valid SA
/// IDs (unique, with correct check digits), phones, provinces and memberships. The same
/// seed always gives the same people.
public struct DemoPatients: Sendable {
    static let surnames = [
        "Ndlovu", "Dlamini", "Nkosi", "Mokoena", "Khumalo", "Mahlangu", "Naidoo", "Botha", "Van der Merwe",
        "Pillay", "Mthembu", "Zulu", "Sithole", "Mabena", "Molefe", "Baloyi", "Maluleke", "Nel", "Pretorius",
        "Mkhize", "Ngcobo", "Radebe", "Shabalala", "Tshabalala", "Mokwena", "Masondo", "Hlongwane", "Govender",
        "Jacobs", "Smith", "Williams", "Petersen", "Adams", "Mabuza", "Nxumalo", "Cele", "Mnguni", "Moloi",
        "Sibiya", "Ntuli", "Buthelezi", "Xaba", "Zwane", "Mazibuko", "Majola", "Mofokeng", "Modise", "Letsoalo",
        "Mathebula", "Chauke", "Ramaphosa", "Kekana", "Magagula", "Mdlalose", "Makhanya", "Ndaba", "Fourie",
        "Du Plessis", "Coetzee", "Cloete",
    ]
    static let femaleNames = [
        "Thandi", "Lerato", "Nomvula", "Zanele", "Naledi", "Palesa", "Ayanda", "Busisiwe", "Lindiwe",
        "Mpho", "Nokuthula", "Precious", "Refilwe", "Sibongile", "Thuli", "Zodwa", "Ayesha", "Priya",
        "Anele", "Karabo", "Dineo", "Kholofelo", "Lwazi", "Nandi", "Zoë", "Annelie", "Marié", "Chantelle",
    ]
    static let maleNames = [
        "Sipho", "Thabo", "Bongani", "Mandla", "Sibusiso", "Themba", "Tshepo", "Kagiso", "Lungelo", "Mpho",
        "Neo", "Sizwe", "Tumelo", "Vusi", "Xolani", "Jabulani", "Johan", "Pieter", "Riaan", "Rajesh",
        "Kabelo", "Lwandle", "Musa", "Siyabonga", "Andile", "Gert", "Hendrik", "Dumisani",
    ]
    static let languages = ["isiZulu", "isiXhosa", "Afrikaans", "English", "Sepedi", "Setswana", "Sesotho", "Xitsonga"]

    let database: ClinicDatabase
    let clock: any Clock

    package init(database: ClinicDatabase, clock: any Clock = SystemClock()) {
        self.database = database
        self.clock = clock
    }

    /// Adds `count` patients in batches; `progress` gets (done, count). People are numbered
    /// from `firstPerson` (default: after those already here), so trucks given different
    /// ranges get different people.
    public func seed(_ count: Int, seed: UInt64 = 2026, firstPerson: Int? = nil, progress: ImportProgress = { _, _ in }) throws {
        var random = SplitMix(seed: seed)
        let now = clock.now()
        let siteCode = try SettingsRepository(database: database).load().siteCode
        let start = try firstPerson ?? database.pool.read { try PatientRecord.fetchCount($0) }
        var done = 0
        while done < count {
            let batch = min(5000, count - done)
            try database.pool.write { db in
                for offset in 0..<batch {
                    let index = start + done + offset
                    let details = Self.person(index, &random)
                    let folder = try PatientRepository.nextFolderNumber(siteCode: siteCode, in: db)
                    let id = String(format: "%08x-0000-4000-8000-%012llx", UInt32(truncatingIfNeeded: seed), UInt64(index))
                    try PatientRepository.insert(
                        PatientRecord(id: id, folderNumber: folder, details: details, at: now, by: "demo"),
                        in: db)
                }
            }
            done += batch
            progress(done, count)
        }
        try database.pool.write { db in
            _ = try AuditLog.append(actor: "shell", action: .demoPatients, detail: "\(count) synthetic patients", at: now, in: db)
        }
    }

    /// Person number `index`: date of birth and ID serial are derived from the index, so
    /// every ID is distinct (29,200 birth dates × 5,000 serials per sex).
    static func person(_ index: Int, _ random: inout SplitMix) -> PatientDetails {
        let female = index % 2 == 0
        let birth = Calendar(identifier: .gregorian).date(
            byAdding: .day, value: (index / 2) % 29_200,
            to: DateComponents(
                calendar: Calendar(identifier: .gregorian),
                timeZone: ClinicTime.zone, year: 1945, month: 1, day: 1
            ).date!)!
        let dob = CalendarDate(birth)
        let serial = (index / 2 / 29_200) % 5000 + (female ? 0 : 5000)
        let body = String(format: "%02d%02d%02d%04d08", dob.year % 100, dob.month, dob.day, serial)
        let check = (0...9).first { SAIDNumber.luhnValid((body + "\($0)").map { Int(String($0))! }) }!
        let first = female ? femaleNames[random.next(femaleNames.count)] : maleNames[random.next(maleNames.count)]
        let member = random.next(10) < 7
        return PatientDetails(
            surname: surnames[random.next(surnames.count)], firstNames: first, sex: female ? .female : .male,
            dateOfBirth: dob, documentType: .saID, documentNumber: body + "\(check)",
            phone: String(format: "+278%d%07d", 1 + random.next(4), random.next(10_000_000)),
            address: "\(1 + random.next(400)) Main Road", province: Province.allCases[random.next(9)],
            language: languages[random.next(languages.count)], nextOfKin: "", nextOfKinPhone: nil,
            membershipNumber: member ? String(format: "%09d", index) : nil, dependantCode: member ? "00" : nil)
    }
}
