// swift-tools-version: 6.2
import PackageDescription

/// Settings shared by every target of the project's own code.
let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "convo",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "convo", targets: ["convo"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // MARK: C libraries from the system
        .systemLibrary(name: "CLibgit2", pkgConfig: "libgit2", providers: [.apt(["libgit2-dev"]), .brew(["libgit2"])]),
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"]), .brew(["sqlite"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),

        // MARK: Libraries, one job each
        .target(name: "ConvoBase", dependencies: ["CZlib", "Yams"], swiftSettings: strict),
        .target(name: "ConvoModel", dependencies: ["ConvoBase"], swiftSettings: strict),
        .target(name: "ConvoStore", dependencies: ["ConvoBase", "ConvoModel", "CSQLite"], swiftSettings: strict),
        // Numeric code: optimised even in debug builds, where `swift test` runs it (unoptimised
        // SIMD loops are ~100× slower and would turn a 3,000-text clustering test into minutes).
        .target(name: "ConvoCluster", dependencies: ["ConvoBase", "ConvoModel"],
                swiftSettings: strict + [.unsafeFlags(["-O"], .when(configuration: .debug))]),

        // MARK: The command-line tool
        .executableTarget(
            name: "convo",
            dependencies: [
                "ConvoBase", "ConvoModel", "ConvoStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),

        // MARK: Developer tools (not products)
        /// Clusters a JSONL file of texts and writes assignments, for tuning and `bench/cluster/run`.
        .executableTarget(name: "convo-cluster-lab", dependencies: ["ConvoCluster", "ConvoBase", "ConvoModel"],
                          path: "bench/cluster/lab", swiftSettings: strict),

        // MARK: Tests
        .target(name: "ConvoTestSupport", dependencies: ["ConvoBase"], swiftSettings: strict),
        .testTarget(name: "ConvoBaseTests", dependencies: ["ConvoBase", "ConvoModel", "ConvoTestSupport"], swiftSettings: strict),
        .testTarget(name: "ConvoClusterTests", dependencies: ["ConvoCluster", "ConvoBase", "ConvoModel", "ConvoTestSupport"], swiftSettings: strict),
    ]
)
