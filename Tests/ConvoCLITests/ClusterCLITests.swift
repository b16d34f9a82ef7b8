import ConvoBase
import ConvoModel
import ConvoSimulator
import ConvoStore
import ConvoTestSupport
import Foundation
import Testing

/// A repository with the worked example's intent files committed and simulated traffic ingested.
func simulatedRepository(conversations: Int = 1200, seed: UInt64 = 3) throws -> ScratchDirectory {
    let repo = try makeRepository()
    for name in ["webhook-not-firing.intent", "rate-limit-429.intent"] {
        try repo.write("intents/\(name)", try String(contentsOf: ProjectPaths.root.appendingPathComponent("intents/\(name)"), encoding: .utf8))
    }
    try GitCLI.run(["add", "-A"], in: repo.url)
    try GitCLI.run(["commit", "-qm", "intents"], in: repo.url)
    let data = try ScratchDirectory()
    _ = try Simulator(SimulationConfiguration(seed: seed, conversations: conversations)).write(to: data.url)
    for arguments in [["ingest", data.file(SimulatorOutput.conversationsFile).path],
                      ["ingest", "--accounts", data.file(SimulatorOutput.accountsFile).path]] {
        let result = try ConvoBinary.run(arguments, in: repo.url)
        #expect(result.status == 0, "\(result)")
    }
    return repo
}

@Suite(.serialized) struct ClusterCLITests {
    @Test func clusteringTwiceChangesNoByteAndKeepsTheStoreOutOfGit() throws {
        let repo = try simulatedRepository()
        let first = try ConvoBinary.run(["cluster"], in: repo.url)
        #expect(first.status == 0, "\(first)")
        #expect(first.stdout.hasPrefix("clustered 1200 conversations: "), "\(first.stdout)")
        #expect(first.stdout.contains("  updated      webhook-not-firing"))
        #expect(first.stderr.isEmpty, "progress draws only on a terminal")
        try GitCLI.run(["add", "-A"], in: repo.url)
        let staged = try GitCLI.run(["diff", "--cached", "--name-only"], in: repo.url)
        #expect(staged.contains("intents/webhook-not-firing.intent"))
        #expect(!staged.contains(".convo/store") && !staged.contains("cache"), "raw transcripts never enter git: \(staged)")
        try GitCLI.run(["commit", "-qm", "cluster"], in: repo.url)

        let second = try ConvoBinary.run(["cluster"], in: repo.url)
        #expect(second.status == 0)
        #expect(second.stdout.contains("0 conversation assignments changed"), "\(second.stdout)")
        let diff = try GitCLI.result(["diff", "--exit-code"], in: repo.url)
        #expect(diff.status == 0, "a second run changed files:\n\(diff.stdout)")
        #expect(try GitCLI.run(["status", "--porcelain"], in: repo.url).isEmpty)
    }

    @Test func assignmentsAreOneJSONLinePerConversationInStoreOrder() throws {
        let repo = try simulatedRepository()
        #expect(try ConvoBinary.run(["cluster"], in: repo.url).status == 0)
        let result = try ConvoBinary.run(["assignments", "--json"], in: repo.url)
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        let store = try openStore(repo)
        var order: [String] = []
        try store.forEachConversation(matching: .all, includeTurns: false) { order.append($0.id) }
        #expect(lines.count == order.count)
        var intents: [String?] = []
        for (line, id) in zip(lines, order) {
            let value = try JSONParser.parse(line)
            #expect(value.objectValue?.keys.sorted() == ["conversation", "intent"], "\(line)")
            #expect(line.hasPrefix("{\"conversation\":\"\(id)\",\"intent\":"), "\(line)")
            #expect(value["intent"] == .null || value["intent"]?.stringValue != nil)
            intents.append(value["intent"]?.stringValue)
        }
        #expect(intents.contains(nil) && intents.contains("webhook-not-firing"))

        let only = try ConvoBinary.run(["assignments", "--json", "--intent", "webhook-not-firing"], in: repo.url)
        let onlyLines = only.stdout.split(separator: "\n")
        #expect(onlyLines.count == intents.filter { $0 == "webhook-not-firing" }.count)
        #expect(onlyLines.allSatisfy { $0.hasSuffix(#","intent":"webhook-not-firing"}"#) })
        let table = try ConvoBinary.run(["assignments", "--intent", "webhook-not-firing"], in: repo.url)
        #expect(table.stdout.hasPrefix("CONVERSATION") && table.stdout.contains("  webhook-not-firing\n"))
        let typo = try ConvoBinary.run(["assignments", "--intent", "webhook-not-fring"], in: repo.url)
        #expect(typo.status == 2 && typo.stderr.contains("did you mean 'webhook-not-firing'?"), "\(typo)")
    }

    @Test func aDryRunWritesNothingAndTheSummaryIsJSON() throws {
        let repo = try simulatedRepository(conversations: 800)
        let dry = try ConvoBinary.run(["cluster", "--dry-run", "--json"], in: repo.url)
        #expect(dry.status == 0, "\(dry)")
        let summary = try JSONParser.parse(dry.stdout)
        #expect(summary["dry_run"] == .bool(true))
        #expect(summary["conversations"] == .int(800))
        let created = summary["intents"]?.arrayValue?.filter { $0["change"]?.stringValue == "created" } ?? []
        #expect(!created.isEmpty && created.allSatisfy { ($0["file"]?.stringValue ?? "").hasPrefix("intents/") })
        #expect(try GitCLI.run(["status", "--porcelain", "--", "intents"], in: repo.url).isEmpty, "no intent file written")
        #expect(try openStore(repo).assignedIntents().isEmpty, "no assignment stored")
        let text = try ConvoBinary.run(["cluster", "--dry-run", "--since", "2026-11-20"], in: repo.url)
        #expect(text.stdout.contains("would create") && text.stdout.contains("would change"), "\(text.stdout)")
        let bad = try ConvoBinary.run(["cluster", "--until", "someday"], in: repo.url)
        #expect(bad.status == 2)
    }

    @Test func timingsGoToStderrPhaseByPhaseAndLeaveTheSummaryAlone() throws {
        let repo = try simulatedRepository(conversations: 400)
        let run = try ConvoBinary.run(["cluster", "--dry-run", "--json", "--timings"], in: repo.url)
        #expect(run.status == 0, "\(run)")
        #expect(try JSONParser.parse(run.stdout)["dry_run"] == .bool(true), "stdout is the summary alone")
        // "    0.12 s  reading conversations": seconds, then the phase.
        let phases = run.stderr.split(separator: "\n").compactMap { line -> String? in
            let words = line.split(separator: " ")
            guard words.count >= 3, let seconds = Double(words[0]), seconds >= 0, words[1] == "s" else { return nil }
            return words.dropFirst(2).joined(separator: " ")
        }
        #expect(Array(phases.prefix(3)) == ["reading conversations", "building the vocabulary", "latent semantic analysis"], "\(run.stderr)")
        #expect(Array(phases.suffix(2)) == ["naming intents", "updating intent files"], "\(run.stderr)")
        let quiet = try ConvoBinary.run(["cluster", "--dry-run", "--json"], in: repo.url)
        #expect(!quiet.stderr.contains(" s  reading conversations"), "no timings unless asked")
    }

    @Test func aBrokenIntentFileStopsTheRunAndNamesTheLine() throws {
        let repo = try simulatedRepository(conversations: 300)
        try repo.write("intents/broken.intent", "id: broken\ntitle: Broken\nkind: complaint\n")
        let result = try ConvoBinary.run(["cluster"], in: repo.url)
        #expect(result.status == 2)
        #expect(result.stderr.contains("error: intents/broken.intent:3: field 'kind' must be one of"), "\(result.stderr)")
    }
}

/// Issue 4's and issue 7's BANKING77 acceptance, run exactly as
/// ../shared/data/banking77/README.md describes: one-turn conversations ingested into a scratch
/// workspace, `convo cluster` (the number of intents not given), `convo assignments --json` with
/// its keys renamed, scored by score_clusters.py.
@Suite(.serialized) struct Banking77CLITests {
    static let testFile = ProjectPaths.shared?.appendingPathComponent("data/banking77/banking77.test.jsonl")
    static var available: Bool {
        testFile.map { FileManager.default.fileExists(atPath: $0.path) } == true && ScoreClustersTool.unavailableReason == nil
    }

    /// Clusters BANKING77's test split in a fresh repository with `config` and scores it.
    static func clusterAndScore(config: String?, in repo: ScratchDirectory) throws -> (ScoreClustersTool.Scores, JSONValue) {
        let gold = try #require(testFile)
        var conversations = ""
        for line in try String(contentsOf: gold, encoding: .utf8).split(separator: "\n") {
            let row = try JSONParser.parse(String(line))
            conversations += JSONValue.object(["id": row["id"] ?? .null, "turns": .array([
                .object(["role": .string("user"), "content": row["text"] ?? .null]),
            ])]).jsonText + "\n"
        }
        try repo.write("banking77.jsonl", conversations)
        if let config { try repo.write(".convo/config.yaml", config) }
        #expect(try ConvoBinary.run(["ingest", "banking77.jsonl"], in: repo.url).status == 0)
        let cluster = try ConvoBinary.run(["cluster", "--json"], in: repo.url)
        #expect(cluster.status == 0, "\(cluster)")
        let assignments = try ConvoBinary.run(["assignments", "--json"], in: repo.url)
        var predictions = ""
        for line in assignments.stdout.split(separator: "\n") {
            let value = try JSONParser.parse(String(line))
            predictions += JSONValue.object(["id": value["conversation"] ?? .null, "cluster": value["intent"] ?? .null]).jsonText + "\n"
        }
        let file = try repo.write("pred.jsonl", predictions)
        return (try ScoreClustersTool.score(gold: gold, predictions: file), try JSONParser.parse(cluster.stdout))
    }

    @Test(.enabled(if: available, Comment(rawValue: ScoreClustersTool.unavailableReason ?? "../shared/data/banking77 is not present")))
    func theBuiltInRepresentationBeatsBothTFIDFBaselines() throws {
        let (scores, _) = try Self.clusterAndScore(config: nil, in: try makeRepository())
        print("BANKING77 test through the CLI, built-in: \(scores)")
        #expect((40...160).contains(scores.clusters), "\(scores)")
        // TF-IDF + KMeans told k: 52.5 / 13.5 / 31.8; TF-IDF + agglomerative: 60.5 / 21.6 / 33.3.
        #expect(scores.nmi > 0.605 && scores.ari > 0.216 && scores.acc > 0.333, "\(scores)")
    }

    @Test(.enabled(if: available && MiniLMFiles.shouldRun, Comment(rawValue: MiniLMFiles.directory == nil ? MiniLMFiles.skipReason
                                                                        : ScoreClustersTool.unavailableReason ?? "")))
    func theLocalEncoderReachesMiniLMQualityAndItsCacheServesTheNextRun() throws {
        let model = try #require(MiniLMFiles.directory, "CONVO_REQUIRE_MINILM=1 but all-MiniLM-L6-v2 is missing")
        let repo = try makeRepository()
        let config = "embeddings:\n  provider: local\n  model: \(model.path)\n"
        let (scores, summary) = try Self.clusterAndScore(config: config, in: repo)
        print("BANKING77 test through the CLI, local all-MiniLM-L6-v2: \(scores)")
        #expect(scores.nmi >= 0.80 && scores.ari >= 0.50 && scores.acc >= 0.60, "\(scores)")
        #expect((40...160).contains(scores.clusters), "\(scores)")
        #expect(summary["embeddings"]?["embedder"]?.stringValue?.hasPrefix("local/") == true)
        #expect((summary["embeddings"]?["computed"]?.intValue ?? 0) > 3000)
        #expect(FileManager.default.fileExists(atPath: repo.file(".convo/cache/embeddings.sqlite").path))
        // Unchanged data: every vector comes from the cache, nothing changes.
        let again = try ConvoBinary.run(["cluster", "--json"], in: repo.url)
        let second = try JSONParser.parse(again.stdout)
        #expect(second["embeddings"]?["computed"] == .int(0), "\(again.stdout)")
        #expect(second["assignments_changed"] == .int(0))
    }
}
