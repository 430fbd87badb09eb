import Foundation
import TestSupport
import XCTest

@testable import ClinicTUI

final class ResourceLocatorTests: XCTestCase {
    let folder = TemporaryFolder()

    func makeShare(_ path: String) throws {
        try FileManager.default.createDirectory(atPath: path + "/Screens", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: path + "/Keymaps", withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: path + "/Keymaps/default.yaml", contents: Data("global: {}\n".utf8))
    }

    func testInstalledShareFolderBesideTheBinary() throws {
        let prefix = folder.file("prefix")
        try makeShare(prefix + "/share/mobile-clinic")
        try FileManager.default.createDirectory(atPath: prefix + "/bin", withIntermediateDirectories: true)
        XCTAssertEqual(
            ResourceLocator.shareFolder(
                override: nil, executablePath: prefix + "/bin/clinic",
                currentDirectory: "/"), prefix + "/share/mobile-clinic")
    }

    func testWorkingTreeAboveTheBuildFolder() {
        XCTAssertEqual(
            ResourceLocator.shareFolder(
                override: nil, executablePath: repositoryRoot + "/.build/x86_64-unknown-linux-gnu/debug/clinic",
                currentDirectory: "/"), repositoryRoot)
    }

    func testOverrideWinsAndNothingFoundIsNil() {
        XCTAssertEqual(ResourceLocator.shareFolder(override: "/somewhere", executablePath: "/bin/clinic"), "/somewhere")
        XCTAssertNil(
            ResourceLocator.shareFolder(override: nil, executablePath: folder.file("bin/clinic"), currentDirectory: folder.path))
    }
}
