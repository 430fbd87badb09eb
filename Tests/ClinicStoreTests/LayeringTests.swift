import Foundation
import XCTest

/// The module boundaries of README "Layout", checked on the source tree itself so a new file
/// is covered without anyone listing it: the screens never see the store, SQLite SQL is
/// written only in ClinicStore, the domain needs nothing but Foundation, and the services
/// keep the store's types out of their public API.
final class LayeringTests: XCTestCase {
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Sources")

    /// ClinicSync's statements for the central PostgreSQL database: the one place outside
    /// ClinicStore where SQL is written, and not SQLite's.
    static let centralDatabaseFiles: Set = [
        "CentralDatabase.swift", "CentralExchange.swift", "CentralRoles.swift",
        "CentralWitness.swift", "CentralChain.swift",
    ]

    /// The measuring and crash-test tools, which (like the tests) fill or poke a database
    /// with statements of their own to set up what they measure; they are not the product.
    static let tools: Set = ["clinic-bench", "clinic-worker"]

    /// Each Swift file under `Sources/<module>` with its text.
    func files(in module: String? = nil) throws -> [(module: String, name: String, text: String)] {
        let root = Self.sources.path
        let paths = try XCTUnwrap(FileManager.default.subpaths(atPath: root)).filter { $0.hasSuffix(".swift") }
        return try paths.compactMap { path in
            let owner = String(path.split(separator: "/")[0])
            guard module == nil || owner == module else { return nil }
            return (owner, (path as NSString).lastPathComponent, try String(contentsOfFile: root + "/" + path, encoding: .utf8))
        }
    }

    func imports(_ text: String) -> [String] {
        text.split(separator: "\n").compactMap { line in
            let words = line.split(separator: " ")
            guard let index = words.firstIndex(of: "import"), index <= 1, index + 1 < words.count else { return nil }
            return words[..<index].joined(separator: " ") + (index == 0 ? "" : " ") + "import " + words[index + 1]
        }
    }

    func testTheScreensImportNeitherTheStoreNorGRDB() throws {
        let tui = try files(in: "ClinicTUI")
        XCTAssertGreaterThan(tui.count, 40, "the screens' sources were found")
        let leaks = tui.filter { imports($0.text).contains { $0.hasSuffix("import ClinicStore") || $0.hasSuffix("import GRDB") } }
        XCTAssertEqual(leaks.map(\.name), [])
    }

    func testTheDomainNeedsOnlyFoundation() throws {
        let domain = try files(in: "ClinicDomain")
        XCTAssertGreaterThan(domain.count, 20)
        let others = domain.flatMap { file in
            imports(file.text).filter { $0 != "import Foundation" }.map { "\(file.name): \($0)" }
        }
        XCTAssertEqual(others, [])
    }

    /// `package import` lets the services' own package code use the store while the compiler
    /// refuses any public API that shows one of its types; a plain import would not. GRDB is
    /// imported internally only.
    func testTheServicesImportTheStoreOnlyForThePackage() throws {
        let services = try files(in: "ClinicServices")
        XCTAssertEqual(services.filter { imports($0.text).contains("import ClinicStore") }.map(\.name), [])
        // GRDB is the services' own business (transactions): not even the package sees it from them.
        XCTAssertEqual(
            services.filter { imports($0.text).contains { $0.hasSuffix("import GRDB") && $0 != "internal import GRDB" } }
                .map(\.name), [])
    }

    func testSQLiteStatementsAreWrittenOnlyInTheStore() throws {
        // A statement keyword at the start of a string, or GRDB's `sql:` argument.
        let statement = try NSRegularExpression(
            pattern: #"\bsql:|"(SELECT|INSERT|UPDATE|DELETE|CREATE|DROP|ALTER|PRAGMA|WITH) "#
                + #"|^\s*(SELECT|INSERT INTO|UPDATE \w+ SET|DELETE FROM|CREATE (TABLE|INDEX|TRIGGER)) "#,
            options: [.anchorsMatchLines])
        let outside = try files().filter {
            $0.module != "ClinicStore" && !Self.tools.contains($0.module) && !Self.centralDatabaseFiles.contains($0.name)
        }
        XCTAssertGreaterThan(outside.count, 100)
        let found = outside.filter { file in
            statement.firstMatch(in: file.text, range: NSRange(file.text.startIndex..., in: file.text)) != nil
        }
        XCTAssertEqual(found.map { "\($0.module)/\($0.name)" }, [])
    }
}
