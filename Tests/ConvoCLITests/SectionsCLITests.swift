import ConvoBase
import ConvoTestSupport
import Foundation
import Testing

/// A scratch git repository holding a copy of the worked example (prompts/ and intents/).
struct ExampleRepository {
    let scratch: ScratchDirectory
    var url: URL { scratch.url }

    init() throws {
        scratch = try ScratchDirectory(prefix: "convo-cli")
        for directory in ["prompts", "intents"] {
            try FileManager.default.copyItem(at: ProjectPaths.root.appendingPathComponent(directory),
                                             to: scratch.file(directory))
        }
        try GitCLI.initRepository(at: scratch.url)
        try GitCLI.run(["add", "-A"], in: scratch.url)
        try GitCLI.run(["commit", "-q", "-m", "Example"], in: scratch.url)
    }

    @discardableResult
    func convo(_ arguments: [String], in subdirectory: String? = nil, stdin: String? = nil) throws -> ProcessResult {
        try ConvoBinary.run(arguments, in: subdirectory.map(scratch.file) ?? scratch.url, home: scratch.url, stdin: stdin)
    }

    func read(_ path: String) throws -> String { try scratch.read(path) }

    /// The 1-based line of the first line equal to `text`.
    func line(of text: String, in path: String) throws -> Int? {
        try read(path).components(separatedBy: "\n").firstIndex(of: text).map { $0 + 1 }
    }
}

@Suite("convo sections")
struct SectionsCLITests {
    @Test func listsEveryGovernedFileAsJSON() throws {
        let repo = try ExampleRepository()
        let result = try repo.convo(["sections", "--json"])
        #expect(result.status == 0, "\(result)")
        let parsed = try JSONParser.parse(result.stdout)
        let rows = try #require(parsed.arrayValue)
        var byAddress: [String: JSONValue] = [:]
        for row in rows { byAddress[row["address"]?.stringValue ?? ""] = row }
        for address in ["prompts/support.md", "prompts/support.md#webhooks", "prompts/support.md#setup/api-keys",
                        "prompts/harness.yaml#tools.get_rate_limit_usage.description",
                        "prompts/wandb/config-defaults.yaml#retrieval_top_k"] {
            #expect(byAddress[address] != nil, "\(address)")
        }
        let webhooks = try #require(byAddress["prompts/support.md#webhooks"])
        #expect(webhooks["kind"]?.stringValue == "markdown-heading")
        let headingLine = try #require(try repo.line(of: "# Webhooks", in: "prompts/support.md"))
        let nextLine = try #require(try repo.line(of: "# Billing and plans", in: "prompts/support.md"))
        #expect(webhooks["start_line"]?.intValue == Int64(headingLine))
        #expect(webhooks["end_line"]?.intValue == Int64(nextLine - 2))  // the blank line before is not part of it
        #expect(byAddress["prompts/wandb/config-defaults.yaml#retrieval_top_k"]?["kind"]?.stringValue == "yaml-key")
        // Intent files are not governed.
        #expect(!rows.contains { $0["path"]?.stringValue?.hasPrefix("intents/") == true })
    }

    @Test func tableForOneFileFromASubdirectory() throws {
        let repo = try ExampleRepository()
        let result = try repo.convo(["sections", "support.md"], in: "prompts")
        #expect(result.status == 0, "\(result)")
        let lines = result.stdout.components(separatedBy: "\n")
        #expect(lines.first?.hasPrefix("ADDRESS") == true)
        let row = try #require(lines.first { $0.hasPrefix("prompts/support.md#setup/api-keys ") })
        let start = try #require(try repo.line(of: "## API keys", in: "prompts/support.md"))
        #expect(row.contains("markdown-heading"))
        let next = try #require(try repo.line(of: "## SDK installation", in: "prompts/support.md"))
        #expect(row.hasSuffix("  \(start)-\(next - 2)"))
        #expect(!result.stdout.contains("harness.yaml"))
    }

    @Test func governedGlobsComeFromTheConfig() throws {
        let repo = try ExampleRepository()
        try repo.scratch.write(".convo/config.yaml", "governed: [\"agents/*.prompt\", \"configs/**\"]\n")
        try repo.scratch.write("agents/triage.prompt", "---\nmodel: small\n---\n# Triage\nSort tickets.\n")
        try repo.scratch.write("configs/tools.json", "{\n  \"search\": {\"limit\": 5}\n}\n")
        try repo.scratch.write("configs/README.txt", "notes\n")
        let result = try repo.convo(["sections"])
        #expect(result.status == 0, "\(result)")
        let addresses = result.stdout.components(separatedBy: "\n").dropFirst().compactMap { $0.split(separator: " ").first.map(String.init) }
        #expect(addresses == ["agents/triage.prompt", "agents/triage.prompt#triage", "configs/README.txt",
                              "configs/tools.json", "configs/tools.json#search", "configs/tools.json#search.limit"])
    }

    @Test func errorsNameTheFile() throws {
        let repo = try ExampleRepository()
        let missing = try repo.convo(["sections", "prompts/nope.md"])
        #expect(missing.status == 2)
        #expect(missing.stderr.hasPrefix("error: prompts/nope.md: no such file 'prompts/nope.md'"), "\(missing)")
        let unknown = try repo.convo(["sections", "intents/rate-limit-429.intent"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("error: intents/rate-limit-429.intent: cannot find sections"), "\(unknown)")
        try repo.scratch.write("prompts/broken.yaml", "a: 1\nb: [1,\nc: 2\n")
        let broken = try repo.convo(["sections"])
        #expect(broken.status == 2)
        #expect(broken.stderr.contains("error: prompts/broken.yaml:"), "\(broken)")
        try repo.scratch.write("prompts/region.md", "# A\n<!-- convo:section refunds -->\ntext\n")
        let region = try repo.convo(["sections", "prompts/region.md"])
        #expect(region.status == 2)
        #expect(region.stderr.contains("error: prompts/region.md:2: region 'refunds' is never closed"), "\(region)")
    }

    @Test func outsideARepositoryIsAUsageError() throws {
        let scratch = try ScratchDirectory()
        let result = try ConvoBinary.run(["sections"], in: scratch.url)
        #expect(result.status == 2)
        #expect(result.stderr.contains("not inside a git repository"))
    }
}
