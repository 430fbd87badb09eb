import Foundation
import XCTest

/// `clinic stock import` is all or nothing, even when killed, and never applies a file twice.
final class ImportSafetyEndToEndTests: XCTestCase {
    var folder = ""
    var database: String { folder + "/clinic.sqlite" }

    override func setUpWithError() throws { folder = try ClinicBinary.demoFolder() }
    override func tearDown() { try? FileManager.default.removeItem(atPath: folder) }

    private func count(_ sql: String) throws -> Int {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [database, sql]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }

    func testAKilledImportLeavesNothingAndARerunAppliesTheFileOnceOnly() throws {
        let rows = 2_000
        let path = folder + "/stock.csv"
        var text = "item_code,gtin,batch,expiry,quantity\n"
        for number in 1...rows { text += "PARA500T,09506000134352,B\(number),2030-12-31,10\n" }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let receipts = "SELECT count(*) FROM movement WHERE kind = 'receive'"
        let before = try count(receipts)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: ClinicBinary.path)
        process.arguments = ["stock", "import", path, "--db", database]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        Thread.sleep(forTimeInterval: 1.5)
        XCTAssertTrue(process.isRunning, "the import of \(rows) rows is still going after 1.5 s, so the kill lands midway")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        XCTAssertEqual(try count(receipts), before, "nothing of the killed import was received")
        XCTAssertEqual(try count("SELECT count(*) FROM importedFile"), 0)

        let first = try ClinicBinary.run(["stock", "import", path, "--db", database])
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertTrue(first.stdout.contains("\(rows) imported"), first.stdout)
        XCTAssertEqual(try count(receipts), before + rows)

        let second = try ClinicBinary.run(["stock", "import", path, "--db", database])
        XCTAssertEqual(second.status, 1)
        XCTAssertTrue(second.stderr.contains("\(path) was imported already (\(rows) rows, "), second.stderr)
        XCTAssertTrue(second.stderr.contains("the same file is never applied twice. Nothing was changed."), second.stderr)
        XCTAssertEqual(try count(receipts), before + rows, "the second run received nothing")
    }
}
