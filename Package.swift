// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "MobileClinic",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "clinic", targets: ["clinic"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
    ],
    targets: [
        .systemLibrary(name: "CNCursesW", pkgConfig: "ncursesw",
                       providers: [.apt(["libncursesw5-dev"])]),
        .systemLibrary(name: "CArgon2", pkgConfig: "libargon2",
                       providers: [.apt(["libargon2-dev"])]),
        .target(name: "ClinicDomain"),
        .target(name: "ClinicStore", dependencies: [
            "ClinicDomain",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "CSV", package: "CSV.swift"),
        ], resources: [.copy("Resources/icd10-primary-care.csv"), .copy("Resources/formulary-phc.csv")]),
        .target(name: "ClinicServices", dependencies: [
            "ClinicDomain", "ClinicStore", "CArgon2",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "CSV", package: "CSV.swift"),
        ]),
        .target(name: "ClinicSync", dependencies: [
            "ClinicDomain", "ClinicStore", "ClinicServices",
            .product(name: "PostgresNIO", package: "postgres-nio"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .target(name: "CCrashRestore"),
        .target(name: "TerminalKit", dependencies: ["CNCursesW", "CCrashRestore"]),
        // The screens see services and domain values only: never the store or GRDB (LayeringTests).
        .target(name: "ClinicTUI", dependencies: [
            "ClinicDomain", "ClinicServices", "TerminalKit",
            .product(name: "Yams", package: "Yams"),
        ]),
        .executableTarget(name: "clinic", dependencies: [
            "ClinicDomain", "ClinicTUI", "ClinicServices", "ClinicStore", "ClinicSync", "TerminalKit",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .executableTarget(name: "clinic-bench", dependencies: [
            "ClinicServices", "ClinicStore", "ClinicDomain", "ClinicSync", "ClinicTUI", "TerminalKit", "CNCursesW",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // Drives real operations for the reliability suite's crash and concurrency tests.
        .executableTarget(name: "clinic-worker", dependencies: ["ClinicServices", "ClinicStore", "ClinicDomain",
                                                               .product(name: "GRDB", package: "GRDB.swift"),
                                                               .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        .target(name: "TestSupport", dependencies: ["ClinicServices", "ClinicStore", "ClinicDomain"], path: "Tests/TestSupport"),
        .testTarget(name: "ClinicDomainTests", dependencies: ["ClinicDomain"]),
        .testTarget(name: "ClinicStoreTests", dependencies: ["ClinicDomain", "ClinicStore", "TestSupport", .product(name: "GRDB", package: "GRDB.swift")],
                    exclude: ["Fixtures"]),
        .testTarget(name: "ClinicServicesTests", dependencies: ["ClinicDomain", "ClinicServices", "ClinicStore", "TestSupport", "CArgon2",
                                                             .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "TerminalKitTests", dependencies: ["TerminalKit"]),
        .testTarget(name: "ClinicTUITests", dependencies: ["ClinicDomain", "ClinicTUI", "ClinicServices", "ClinicStore", "TerminalKit", "TestSupport",
                                                         .product(name: "GRDB", package: "GRDB.swift")],
                    exclude: ["Snapshots"]),
        .testTarget(name: "EndToEndTests", dependencies: ["clinic", "clinic-worker", "ClinicServices", "ClinicStore", "ClinicSync", "ClinicDomain", "TestSupport",
                                                       .product(name: "GRDB", package: "GRDB.swift")]),
    ]
)
