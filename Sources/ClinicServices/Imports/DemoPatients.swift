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
    /// With `background`, some people get an allergy, a chronic condition and its long-term
    /// medicine, as a clinic's patients have. With `roster`, the scheme's roster lists the
    /// members among them (`rosterEntry`), so their membership shows as the scheme has it.
    public func seed(
        _ count: Int, seed: UInt64 = 2026, firstPerson: Int? = nil, background: Bool = false, roster: Bool = false,
        progress: ImportProgress = { _, _ in }
    ) throws {
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
                    if roster, let entry = Self.rosterEntry(index, details, at: Timestamp(now)) {
                        try PatientRepository.upsertRoster([entry], in: db)
                    }
                    guard background else { continue }
                    let age = details.dateOfBirth.age(on: CalendarDate(now))
                    for (kind, text) in Self.background(age: age, &random) {
                        _ = try PatientRepository.addBackground(
                            BackgroundItem(patientId: id, kind: kind, text: text, note: "", at: now, by: "demo"), in: db)
                    }
                }
            }
            done += batch
            progress(done, count)
        }
        try database.pool.write { db in
            _ = try AuditLog.append(actor: "shell", action: .demoPatients, detail: "\(count) synthetic patients", at: now, in: db)
        }
    }

    /// Chronic conditions common at the clinic, each with a long-term medicine for it, and
    /// the age from which the demo gives it.
    static let conditions: [(condition: String, medicine: String, fromAge: Int, code: String)] = [
        ("Hypertension", "Amlodipine 5 mg once a day", 35, "I10"),
        ("Type 2 diabetes", "Metformin 500 mg twice a day", 40, "E11.9"),
        ("Asthma", "Salbutamol inhaler when needed", 5, "J45.9"),
        ("HIV, on ART", "Tenofovir/lamivudine/dolutegravir once a day", 18, "B24"),
    ]
    static let allergies = ["Penicillin", "Sulfonamides", "Aspirin"]

    /// About one person in eight has an allergy; about one in four of those old enough has a condition.
    static func background(age: Int, _ random: inout SplitMix) -> [(BackgroundKind, String)] {
        var items: [(BackgroundKind, String)] = []
        if random.next(8) == 0 { items.append((.allergy, allergies[random.next(allergies.count)])) }
        let condition = conditions[random.next(conditions.count)]
        if age >= condition.fromAge, random.next(4) == 0 {
            items += [(.condition, condition.condition), (.medication, condition.medicine)]
        }
        return items
    }

    /// The roster's line for person `index`, when a member: most active, on one of the
    /// scheme's two options (POLMED Marine and Aquarium); one household in thirteen
    /// suspended, and one member in twenty-five missing from the roster (joined since it was sent).
    static func rosterEntry(_ index: Int, _ details: PatientDetails, at time: Timestamp) -> RosterMember? {
        guard let membership = details.membershipNumber, let dependant = details.dependantCode, index % 25 != 24 else {
            return nil
        }
        let household = index / 3
        return RosterMember(
            membershipNumber: membership, dependantCode: dependant, surname: details.surname,
            firstNames: details.firstNames, dateOfBirth: details.dateOfBirth.description, saID: details.documentNumber,
            status: household % 13 == 5 ? "suspended" : "active", option: household % 2 == 0 ? "Marine" : "Aquarium",
            importedAt: time)
    }

    /// Days of birth dates the demo spreads people over: 1936-01-01 to 2026-05-09, infants to the very old.
    static let birthDays = 33_000
    /// Steps through the birth days in an order that visits each once (coprime with `birthDays`),
    /// so consecutive people are of all ages rather than all born the same season.
    static let birthStride = 7_919

    /// Person number `index`: date of birth and ID serial are derived from the index, so
    /// every ID is distinct (33,000 birth dates × 5,000 serials per sex, no two people born the same day
    /// in the first 33,000).
    static func person(_ index: Int, _ random: inout SplitMix) -> PatientDetails {
        let female = index % 2 == 0
        let birth = Calendar(identifier: .gregorian).date(
            byAdding: .day, value: (index % birthDays) * birthStride % birthDays,
            to: DateComponents(
                calendar: Calendar(identifier: .gregorian),
                timeZone: ClinicTime.zone, year: 1936, month: 1, day: 1
            ).date!)!
        let dob = CalendarDate(birth)
        let serial = (index / birthDays) % 5000 + (female ? 0 : 5000)
        let body = String(format: "%02d%02d%02d%04d08", dob.year % 100, dob.month, dob.day, serial)
        let check = (0...9).first { SAIDNumber.luhnValid((body + "\($0)").map { Int(String($0))! }) }!
        let first = female ? femaleNames[random.next(femaleNames.count)] : maleNames[random.next(maleNames.count)]
        // Seven households in ten are members: the main member (00), an adult, and two
        // dependants; a household shares its surname.
        let household = index / 3, dependant = String(format: "%02d", index % 3)
        let member = household * 7 % 10 < 7 && (index % 3 != 0 || dob.age(on: CalendarDate(year: 2026, month: 1, day: 1)!) >= 18)
        return PatientDetails(
            surname: surnames[household * 17 % surnames.count], firstNames: first, sex: female ? .female : .male,
            dateOfBirth: dob, documentType: .saID, documentNumber: body + "\(check)",
            phone: String(format: "+278%d%07d", 1 + random.next(4), random.next(10_000_000)),
            address: "\(1 + random.next(400)) Main Road", province: Province.allCases[random.next(9)],
            language: languages[random.next(languages.count)], nextOfKin: "", nextOfKinPhone: nil,
            membershipNumber: member ? String(format: "%09d", 300_000_000 + household) : nil,
            dependantCode: member ? dependant : nil)
    }
}
