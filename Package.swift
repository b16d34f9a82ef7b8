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
        .executable(name: "convo-sim", targets: ["convo-sim"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        // The capture server. No default traits: swift-configuration is not needed.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        // Runtime only: the OTLP messages are generated once with protoc and committed.
        .package(url: "https://github.com/apple/swift-protobuf", from: "1.39.0"),
        // Graceful shutdown on SIGTERM/SIGINT (Hummingbird depends on it already).
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        // MARK: C libraries from the system
        .systemLibrary(name: "CLibgit2", pkgConfig: "libgit2", providers: [.apt(["libgit2-dev"]), .brew(["libgit2"])]),
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"]), .brew(["sqlite"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // BLAS for the local sentence encoder; macOS uses Accelerate instead.
        .systemLibrary(name: "CBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),

        // Element-wise vector loops, one version per x86-64 vector width, chosen at load time.
        // Optimised in every configuration; no fused multiply-add, so every version gives the
        // same bits.
        .target(name: "CVectorKernels", cSettings: [.unsafeFlags(["-O3", "-ffp-contract=off"])]),

        // MARK: Libraries, one job each
        .target(name: "ConvoBase", dependencies: ["CZlib", "Yams"], swiftSettings: strict),
        .target(name: "ConvoModel", dependencies: ["ConvoBase"], swiftSettings: strict),
        .target(name: "ConvoStore", dependencies: ["ConvoBase", "ConvoModel", "CSQLite"], swiftSettings: strict),
        .target(name: "ConvoRank", dependencies: ["ConvoBase", "ConvoModel"], swiftSettings: strict),
        // The only module that imports CLibgit2: safe Swift values out, libgit2 handles stay inside.
        .target(name: "ConvoGit", dependencies: ["CLibgit2", "ConvoBase"], swiftSettings: strict),
        .target(name: "ConvoSections", dependencies: ["ConvoBase", "Yams"], swiftSettings: strict),
        .target(name: "ConvoIntents", dependencies: ["ConvoBase", "ConvoSections", "Yams"], swiftSettings: strict),
        // Synthetic traffic for the worked example: tests, the demo and the benchmarks.
        .target(name: "ConvoSimulator", dependencies: ["ConvoBase", "ConvoModel"], swiftSettings: strict),
        // Governance: which sections commits changed, the pre-push rules, `convo check`, hook installation.
        .target(name: "ConvoHooks", dependencies: ["ConvoBase", "ConvoGit", "ConvoSections", "ConvoIntents"], swiftSettings: strict),
        // The HTTP transport the API clients share, and the OpenAI-compatible chat client
        // (`propose --draft`, naming intents in `convo cluster`).
        .target(name: "ConvoLLM", dependencies: ["ConvoBase"], swiftSettings: strict),
        // From intent to reviewable change: propose, PR bodies, GitHub, `--draft`, blame.
        .target(name: "ConvoPropose",
                dependencies: ["ConvoBase", "ConvoModel", "ConvoStore", "ConvoGit", "ConvoSections", "ConvoIntents", "ConvoHooks",
                               "ConvoLLM"],
                swiftSettings: strict),
        // Whether an intent's share of conversations dropped after its change merged.
        .target(name: "ConvoWatch", dependencies: ["ConvoBase", "ConvoStore", "ConvoGit", "ConvoIntents"],
                swiftSettings: strict),
        // `convo demo`: the worked example (embedded), its scratch repository and simulated traffic.
        .target(name: "ConvoDemo", dependencies: ["ConvoBase", "ConvoModel", "ConvoGit", "ConvoSimulator"], swiftSettings: strict),
        // Transcript files (convo JSONL, OpenAI, Anthropic, LangSmith, Langfuse, Agnost dumps, OTLP JSON exports) → the store;
        // also the server's body reader and the one `.convo/rejected/` writer.
        .target(name: "ConvoIngest", dependencies: ["ConvoBase", "ConvoModel", "ConvoStore", "ConvoOTLP", "ConvoAgnost"],
                swiftSettings: strict),
        // OTLP (protobuf and JSON) decoding and the OpenTelemetry GenAI → conversation assembler.
        .target(
            name: "ConvoOTLP",
            dependencies: ["ConvoBase", "ConvoModel", "ConvoStore", .product(name: "SwiftProtobuf", package: "swift-protobuf")],
            exclude: ["Protos"],
            swiftSettings: strict
        ),
        // Agnost SDK wire payloads → conversation fragments (server and `convo ingest` share it).
        .target(name: "ConvoAgnost", dependencies: ["ConvoBase", "ConvoModel", "ConvoStore"], swiftSettings: strict),
        // `convo serve`: the HTTP capture receiver.
        .target(
            name: "ConvoServer",
            dependencies: [
                "ConvoBase", "ConvoModel", "ConvoStore", "ConvoOTLP", "ConvoAgnost", "ConvoIngest",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        // `convo report`: one self-contained HTML page of the ranked intents, their weekly volume and exemplars.
        .target(name: "ConvoReport", dependencies: ["ConvoBase", "ConvoModel", "ConvoStore", "ConvoIntents", "ConvoRank", "ConvoWatch"],
                swiftSettings: strict),
        // Sentence embeddings from a local BERT model (all-MiniLM-L6-v2), in Swift with BLAS.
        .target(name: "ConvoEncoder", dependencies: ["ConvoBase", .target(name: "CBLAS", condition: .when(platforms: [.linux]))],
                swiftSettings: strict),
        // Vectors already computed, by embedder and text, for any TextEmbedder.
        .target(name: "ConvoEmbeddingCache", dependencies: ["ConvoBase", "CSQLite"], swiftSettings: strict),
        // Numeric code: optimised even in debug builds, where `swift test` runs it (unoptimised
        // SIMD loops are ~100× slower and would turn a 3,000-text clustering test into minutes).
        // Its hot loops write to locals from closures, which costs a runtime exclusivity check
        // per access (7% of `convo cluster`); the compile-time checks still apply.
        .target(name: "ConvoCluster", dependencies: ["ConvoBase", "ConvoModel", "CVectorKernels",
                                                   .target(name: "CBLAS", condition: .when(platforms: [.linux]))],
                swiftSettings: strict + [.unsafeFlags(["-O"], .when(configuration: .debug)),
                                         .unsafeFlags(["-enforce-exclusivity=unchecked"])]),
        // `convo cluster` and `convo rank` over the store: conversations → intents (matched to the
        // intent files first, new ones named), the files' evidence and impact, the assignments.
        .target(name: "ConvoDiscovery",
                dependencies: ["ConvoBase", "ConvoModel", "ConvoStore", "ConvoIntents", "ConvoCluster", "ConvoRank", "ConvoLLM",
                               "ConvoEncoder", "ConvoEmbeddingCache"],
                swiftSettings: strict),

        // MARK: The command-line tool
        .executableTarget(
            name: "convo",
            dependencies: [
                "ConvoBase", "ConvoModel", "ConvoStore", "ConvoIngest", "ConvoSections", "ConvoIntents", "ConvoGit",
                "ConvoHooks", "ConvoPropose", "ConvoWatch", "ConvoServer", "ConvoDemo", "ConvoReport", "ConvoLLM", "ConvoDiscovery",
                "ConvoRank",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "convo-sim",
            dependencies: [
                "ConvoBase", "ConvoModel", "ConvoSimulator",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),

        // MARK: Benchmarks (bench/*/run builds them in release mode)
        .executableTarget(name: "convo-redact-bench", dependencies: ["ConvoBase"], path: "bench/redact/swift", swiftSettings: strict),
        .executableTarget(name: "GitLayerBench", dependencies: ["ConvoGit"], path: "bench/GitLayerBench", swiftSettings: strict),
        .executableTarget(name: "convo-sections-bench", dependencies: ["ConvoSections", "Yams"], path: "bench/sections/swift",
                          swiftSettings: strict),
        .executableTarget(name: "convo-git-bench", dependencies: ["ConvoBase", "ConvoGit", "ConvoHooks", "ConvoPropose"],
                          path: "bench/git/swift", swiftSettings: strict),
        .executableTarget(name: "convo-encoder-bench", dependencies: ["ConvoBase", "ConvoEncoder"], path: "bench/encoder/swift",
                          swiftSettings: strict),
        // MARK: Developer tools (not products)
        /// Clusters a JSONL file of texts and writes assignments, for tuning and `bench/cluster/run`.
        .executableTarget(name: "convo-cluster-lab", dependencies: ["ConvoCluster", "ConvoBase", "ConvoModel"],
                          path: "bench/cluster/lab", swiftSettings: strict),

        // MARK: Tests
        .target(name: "ConvoTestSupport", dependencies: ["ConvoBase"], swiftSettings: strict),
        .testTarget(name: "ConvoBaseTests", dependencies: ["ConvoBase", "ConvoModel", "ConvoTestSupport"], swiftSettings: strict),
        .testTarget(name: "ConvoRedactionTests", dependencies: ["ConvoBase"], resources: [.copy("Fixtures")], swiftSettings: strict),
        .testTarget(name: "ConvoRankTests", dependencies: ["ConvoRank", "ConvoBase", "ConvoModel"], swiftSettings: strict),
        .testTarget(name: "ConvoGitTests", dependencies: ["ConvoGit", "ConvoBase", "ConvoTestSupport"], swiftSettings: strict),
        .testTarget(name: "ConvoSectionsTests", dependencies: ["ConvoBase", "ConvoSections", "ConvoTestSupport"], swiftSettings: strict),
        .testTarget(name: "ConvoIntentsTests", dependencies: ["ConvoIntents", "ConvoSections", "ConvoTestSupport"], swiftSettings: strict),
        .testTarget(name: "ConvoDemoTests", dependencies: ["ConvoDemo", "ConvoBase", "ConvoGit", "ConvoTestSupport"], swiftSettings: strict),
        .testTarget(name: "ConvoSimulatorTests", dependencies: ["ConvoBase", "ConvoModel", "ConvoSimulator", "ConvoTestSupport"], swiftSettings: strict),
        .testTarget(name: "ConvoHooksTests",
                    dependencies: ["ConvoHooks", "ConvoBase", "ConvoGit", "ConvoIntents", "ConvoSections", "ConvoTestSupport"],
                    swiftSettings: strict),
        .testTarget(name: "ConvoProposeTests",
                    dependencies: ["ConvoPropose", "ConvoHooks", "ConvoBase", "ConvoGit", "ConvoIntents", "ConvoSections",
                                   "ConvoTestSupport", "ConvoLLM"],
                    swiftSettings: strict),
        .testTarget(name: "ConvoLLMTests", dependencies: ["ConvoLLM", "ConvoBase", "ConvoTestSupport"], swiftSettings: strict),
        .testTarget(name: "ConvoWatchTests", dependencies: ["ConvoWatch", "ConvoBase", "ConvoIntents", "ConvoTestSupport"],
                    swiftSettings: strict),
        .testTarget(name: "ConvoReportTests",
                    dependencies: ["ConvoReport", "ConvoBase", "ConvoModel", "ConvoStore", "ConvoIntents", "ConvoRank", "ConvoSimulator",
                                   "ConvoTestSupport"],
                    swiftSettings: strict),
        .testTarget(name: "ConvoStoreTests", dependencies: ["ConvoStore", "ConvoModel", "ConvoTestSupport", "CSQLite"], swiftSettings: strict),
        .testTarget(name: "ConvoIngestTests", dependencies: ["ConvoIngest", "ConvoStore", "ConvoModel", "ConvoTestSupport"],
                    exclude: ["Fixtures"], swiftSettings: strict),
        // Runs the built `convo` binary; every command group adds its own `<Group>*Tests.swift` here.
        .testTarget(name: "ConvoCLITests", dependencies: ["ConvoTestSupport", "ConvoBase", "ConvoModel", "ConvoStore", "ConvoSimulator",
                                                          "ConvoRank"],
                    swiftSettings: strict),
        .testTarget(name: "ConvoOTLPTests", dependencies: ["ConvoOTLP", "ConvoModel", "ConvoStore", "ConvoTestSupport"], swiftSettings: strict),
        .testTarget(name: "ConvoAgnostTests", dependencies: ["ConvoAgnost", "ConvoBase", "ConvoModel", "ConvoStore", "ConvoTestSupport"],
                    swiftSettings: strict),
        .testTarget(
            name: "ConvoServerTests",
            dependencies: ["ConvoServer", "ConvoStore", "ConvoOTLP", "ConvoModel", "ConvoTestSupport"],
            exclude: ["Clients"],
            swiftSettings: strict
        ),
        .testTarget(name: "ConvoEncoderTests", dependencies: ["ConvoEncoder", "ConvoEmbeddingCache", "ConvoBase", "ConvoTestSupport"],
                    swiftSettings: strict),
        .testTarget(name: "ConvoClusterTests", dependencies: ["ConvoCluster", "ConvoBase", "ConvoModel", "ConvoTestSupport"], swiftSettings: strict),
        .testTarget(name: "ConvoDiscoveryTests",
                    dependencies: ["ConvoDiscovery", "ConvoCluster", "ConvoIntents", "ConvoStore", "ConvoModel", "ConvoBase", "ConvoRank",
                                   "ConvoSimulator", "ConvoTestSupport"],
                    swiftSettings: strict),
    ]
)
