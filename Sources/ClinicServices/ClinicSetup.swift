import ClinicDomain
package import ClinicStore
import Foundation
internal import GRDB

/// Creating databases: a real one with its first administrator, or a demo one.
public struct ClinicSetup: Sendable {
    let hasher: PasswordHasher
    let clock: any Clock

    public init(hasher: PasswordHasher = .owasp, clock: any Clock = SystemClock()) {
        self.hasher = hasher
        self.clock = clock
    }

    /// One demo account per role: (username, full name, role).
    public static let demoStaff: [(String, String, Role)] = [
        ("admin", "Thandi Administrator", .admin),
        ("doctor", "Dr Sipho Ndlovu", .doctor),
        ("nurse", "Sr Lerato Mokoena", .nurse),
        ("clerk", "Johan van der Merwe", .clerk),
        ("social", "Naledi Khumalo", .social),
        ("stock", "Pieter Botha", .stock),
        ("finance", "Ayesha Patel", .finance),
        ("viewer", "Kagiso Molefe", .viewer),
    ]

    /// The password every demo account gets unless another is given.
    public static let defaultDemoPassword = "clinic-demo"

    /// Creates a real clinic database at `path` whose only account is the given
    /// administrator. Nothing is left behind if any step fails.
    public func initialize(
        at path: String, siteName: String, siteCode: String,
        adminUsername: String, adminFullName: String, adminPassword: String
    ) throws {
        if let problem = CredentialRules.problem(withUsername: adminUsername) { throw UserAdminError(problem) }
        if let problem = CredentialRules.problem(withPassword: adminPassword, username: adminUsername) {
            throw UserAdminError(problem)
        }
        try Self.checkSite(name: siteName, code: siteCode)
        let database = try ClinicDatabase.create(at: path)
        do {
            try database.pool.write { db in
                try SettingsRepository.save(SiteSettings(siteName: siteName, siteCode: siteCode, isDemo: false), in: db)
                try AuditLog.append(actor: "shell", action: .databaseInit, detail: siteName, at: clock.now(), in: db)
            }
            try UserAdministration(database: database, hasher: hasher, clock: clock)
                .add(
                    username: adminUsername, fullName: adminFullName, role: .admin,
                    password: adminPassword, by: .shell(name: "init"))
        } catch {
            try? database.pool.close()
            Self.remove(path)
            throw error
        }
    }

    /// Creates a demo database, or refreshes the accounts of an existing demo database,
    /// with one account per role, all with `password`.
    package func demo(at path: String, password: String) throws -> ClinicDatabase {
        // A demo's accounts share one password meant to be printed and guessed (clinic-demo).
        if let problem = CredentialRules.problem(withPassword: password, username: "", allowingGuessable: true) {
            throw UserAdminError(problem)
        }
        let exists = FileManager.default.fileExists(atPath: path)
        let database = exists ? try ClinicDatabase.open(at: path) : try ClinicDatabase.create(at: path)
        if exists, try !SettingsRepository(database: database).load().isDemo {
            throw UserAdminError("\(path) is a real clinic database, not a demo one; refusing to change it")
        }
        let now = clock.now()
        let hash = hasher.hash(password)
        try database.pool.write { db in
            try SettingsRepository.save(
                SiteSettings(
                    siteName: "Demo truck", siteCode: "DEMO",
                    isDemo: true), in: db)
            for (username, name, role) in Self.demoStaff {
                if var user = try UserRepository.find(username: username, in: db) {
                    user.passwordHash = hash
                    user.role = role
                    user.failedAttempts = 0
                    user.lockedUntil = nil
                    user.disabled = false
                    user.sessionEpoch += 1
                    try UserRepository.update(user, in: db)
                } else {
                    _ = try UserRepository.insert(
                        UserRecord(
                            username: username, fullName: name, role: role,
                            passwordHash: hash, createdAt: now), in: db)
                }
            }
            try AuditLog.append(
                actor: "shell", action: exists ? .demoRefresh : .demoCreate,
                detail: "\(Self.demoStaff.count) demo accounts", at: now, in: db)
        }
        return database
    }

    static func checkSite(name: String, code: String) throws {
        if name.trimmingCharacters(in: .whitespaces).isEmpty { throw UserAdminError("site name must not be empty") }
        let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".unicodeScalars)
        guard (2...6).contains(code.count), code.unicodeScalars.allSatisfy(allowed.contains) else {
            throw UserAdminError("site code must be 2 to 6 capital letters or digits, e.g. T03")
        }
    }

    static func remove(_ path: String) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }
}
