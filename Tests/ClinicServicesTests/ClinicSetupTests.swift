import ClinicDomain
import ClinicServices
import ClinicStore
import TestSupport
import XCTest

final class ClinicSetupTests: XCTestCase {
    let folder = TemporaryFolder()

    func testInitCreatesOnlyTheFirstAdministrator() throws {
        let path = folder.file("real.sqlite")
        try ClinicSetup().initialize(
            at: path, siteName: "POLMED Truck 3", siteCode: "T03",
            adminUsername: "thandi", adminFullName: "Thandi M", adminPassword: "long-enough")
        let database = try ClinicDatabase.open(at: path)
        let users = try UserAdministration(database: database).list(by: .shell(name: "t"))
        XCTAssertEqual(users.map(\.username), ["thandi"])
        XCTAssertEqual(users.first?.role, .admin)
        XCTAssertEqual(
            try SettingsRepository(database: database).load(),
            SiteSettings(siteName: "POLMED Truck 3", siteCode: "T03", isDemo: false))
        XCTAssertThrowsError(
            try AuthService(database: database).login(username: "admin", password: "clinic-demo", terminal: "t"),
            "no default account")
    }

    func testInitWithBadInputLeavesNoFile() throws {
        let path = folder.file("bad.sqlite")
        XCTAssertThrowsError(
            try ClinicSetup().initialize(
                at: path, siteName: "Truck", siteCode: "t3",
                adminUsername: "thandi", adminFullName: "T", adminPassword: "long-enough")
        ) {
            XCTAssertTrue("\($0)".contains("site code"), "\($0)")
        }
        XCTAssertThrowsError(
            try ClinicSetup().initialize(
                at: path, siteName: "Truck", siteCode: "T3",
                adminUsername: "thandi", adminFullName: "T", adminPassword: "short"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: path))
    }

    func testDemoRefreshesADemoDatabaseButNeverTouchesARealOne() throws {
        let demo = folder.file("demo.sqlite")
        _ = try ClinicSetup().demo(at: demo, password: "first-pass")
        _ = try ClinicSetup().demo(at: demo, password: "second-pass")
        let database = try ClinicDatabase.open(at: demo)
        XCTAssertNoThrow(try AuthService(database: database).login(username: "clerk", password: "second-pass", terminal: "t"))
        XCTAssertEqual(try UserAdministration(database: database).list(by: .shell(name: "t")).count, 8)

        let real = folder.file("real.sqlite")
        try ClinicSetup().initialize(
            at: real, siteName: "Truck", siteCode: "T3", adminUsername: "thandi",
            adminFullName: "T", adminPassword: "long-enough")
        XCTAssertThrowsError(try ClinicSetup().demo(at: real, password: "clinic-demo")) {
            XCTAssertTrue("\($0)".contains("real clinic database"), "\($0)")
        }
    }
}
