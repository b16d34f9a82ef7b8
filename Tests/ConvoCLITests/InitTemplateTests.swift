import ConvoBase
import ConvoTestSupport
import Foundation
import Testing

/// The config template `convo init` writes: it must be the defaults, in any YAML reader, with
/// every setting present and wired to the parser.
@Suite struct InitTemplateTests {
    @Test func parsesToExactlyTheDefaults() throws {
        #expect(try ConvoConfig.parse(ConfigTemplate.configYAML) == ConvoConfig())
    }

    @Test func showsEverySetting() {
        let keys = ["store:", "governed:", "serve:", "listen:", "token_env:", "max_body_bytes:", "embeddings:",
                    "provider:", "# llm:", "base_url:", "model:", "api_key_env:", "cluster:", "min_size:", "rank:",
                    "plan_weights:", "churn_window_hours:", "churn_multiplier:", "stage_bands_days:", "stage_weights:",
                    "fix_cost:", "propose:", "max_conversation_trailers:", "redaction:", "patterns:", "github:", "api_url:"]
        for key in keys { #expect(ConfigTemplate.configYAML.contains(key), "\(key) is not in the template") }
    }

    /// Every live line of the template reaches the parser: changing its value changes the config.
    @Test(arguments: [
        ("store: sqlite:.convo/store.sqlite", "store: sqlite:other.sqlite"),
        (#"governed: ["prompts/**"]"#, #"governed: ["agent/**"]"#),
        ("listen: 127.0.0.1:4318", "listen: 127.0.0.1:9999"),
        ("token_env: CONVO_INGEST_TOKEN", "token_env: OTHER"),
        ("max_body_bytes: 4194304", "max_body_bytes: 1024"),
        ("min_size: 5", "min_size: 6"),
        ("plan_weights: {free: 1,", "plan_weights: {free: 2,"),
        ("churn_window_hours: 48", "churn_window_hours: 24"),
        ("churn_multiplier: 2", "churn_multiplier: 3"),
        ("{onboarding: 7, activation: 30}", "{onboarding: 3, activation: 30}"),
        ("{onboarding: 3, activation: 2, established: 1}", "{onboarding: 5, activation: 2, established: 1}"),
        ("fix_cost: {prompt: 1,", "fix_cost: {prompt: 2,"),
        ("max_conversation_trailers: 20", "max_conversation_trailers: 5"),
        ("patterns: []", "patterns: ['x+']"),
        ("api_url: https://api.github.com", "api_url: https://ghe.example/api/v3"),
        ("token_env: GITHUB_TOKEN", "token_env: GH"),
    ])
    func everyValueIsLive(original: String, changed: String) throws {
        #expect(ConfigTemplate.configYAML.contains(original))
        let edited = ConfigTemplate.configYAML.replacingOccurrences(of: original, with: changed)
        #expect(try ConvoConfig.parse(edited) != ConvoConfig())
    }

    @Test func theCommentedChatModelIsValidWhenUncommented() throws {
        let text = ConfigTemplate.configYAML
            .replacingOccurrences(of: "# llm:", with: "llm:")
            .replacingOccurrences(of: "#   base_url:", with: "  base_url:")
            .replacingOccurrences(of: "#   model:", with: "  model:")
            .replacingOccurrences(of: "#   api_key_env:", with: "  api_key_env:")
        let config = try ConvoConfig.parse(text)
        #expect(config.llm == LLMSettings(baseURL: "http://127.0.0.1:11434/v1", model: "llama3.1", apiKeyEnv: "OPENAI_API_KEY"))
    }

    @Test func pyYAMLReadsTheSameValues() throws {
        guard let python = ProjectPaths.python ?? ProcessRunner.which("python3") else {
            Issue.record("no Python found; run scripts/test, which prepares .venv with PyYAML")
            return
        }
        let script = "import sys, json, yaml; print(json.dumps(yaml.safe_load(sys.stdin.read()), sort_keys=True))"
        let result = try ProcessRunner.run(python, ["-c", script], stdin: Data(ConfigTemplate.configYAML.utf8))
        try #require(result.status == 0, "PyYAML could not load the template (is PyYAML installed? scripts/test installs it): \(result)")
        guard case .object(let root) = try JSONParser.parse(result.stdout) else {
            Issue.record("not a mapping: \(result.stdout)")
            return
        }
        let defaults = ConvoConfig()
        #expect(root["store"] == .string(defaults.store.description))
        #expect(root["governed"] == .array(defaults.governed.map(JSONValue.string)))
        #expect(root["serve"] == .object(["listen": .string(defaults.serve.listen), "token_env": .string(defaults.serve.tokenEnv),
                                          "max_body_bytes": .int(Int64(defaults.serve.maxBodyBytes))]))
        #expect(root["embeddings"] == .object(["provider": .string("builtin")]))
        #expect(root["llm"] == nil)
        #expect(root["cluster"] == .object(["min_size": .int(Int64(defaults.cluster.minSize))]))
        func numbers(_ map: [String: Double]) -> JSONValue { .object(map.mapValues { .int(Int64($0)) }) }
        #expect(root["rank"] == .object([
            "plan_weights": numbers(defaults.rank.planWeights),
            "churn_window_hours": .int(Int64(defaults.rank.churnWindowHours)),
            "churn_multiplier": .int(Int64(defaults.rank.churnMultiplier)),
            "stage_bands_days": numbers(defaults.rank.stageBandsDays.mapValues(Double.init)),
            "stage_weights": numbers(defaults.rank.stageWeights),
            "fix_cost": numbers(defaults.rank.fixCost),
        ]))
        #expect(root["propose"] == .object(["max_conversation_trailers": .int(Int64(defaults.propose.maxConversationTrailers))]))
        #expect(root["redaction"] == .object(["patterns": .array([])]))
        #expect(root["github"] == .object(["api_url": .string(defaults.github.apiURL), "token_env": .string(defaults.github.tokenEnv)]))
    }

    /// The worked example at the top of the project is what `convo init` writes.
    @Test func theWorkedExampleMatchesTheTemplate() throws {
        let root = ProjectPaths.root
        #expect(try String(contentsOf: root.appendingPathComponent(".convo/config.yaml"), encoding: .utf8) == ConfigTemplate.configYAML)
        #expect(try String(contentsOf: root.appendingPathComponent(".convo/.gitignore"), encoding: .utf8) == ConfigTemplate.gitignore)
    }
}
