import Foundation

extension ConvoConfig {
    /// The path of the config file relative to the repository root.
    public static let relativePath = ".convo/config.yaml"

    /// Reads the config file; a missing file gives the defaults.
    /// - Parameter displayPath: how the file is named in error messages.
    public static func load(from url: URL, displayPath: String = ConvoConfig.relativePath) throws(YAMLFileError) -> ConvoConfig {
        guard FileManager.default.fileExists(atPath: url.path) else { return ConvoConfig() }
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw YAMLFileError("cannot read the config file: \(error.localizedDescription)", file: displayPath, line: nil)
        }
        return try parse(text, file: displayPath)
    }

    public static func parse(_ text: String, file: String = ConvoConfig.relativePath) throws(YAMLFileError) -> ConvoConfig {
        let root = try YAMLMap.parse(text, file: file)
        try root.rejectUnknownKeys(allowed: ["store", "governed", "serve", "embeddings", "llm", "cluster", "rank",
                                             "propose", "redaction", "github"])
        var config = ConvoConfig()
        if let store = try root.string("store") {
            guard let location = StoreLocation(store) else {
                throw YAMLFileError("field 'store' must be 'sqlite:PATH' or a postgres:// URL, found '\(store)'",
                                    file: file, line: root.line(of: "store"))
            }
            config.store = location
        }
        if let governed = try root.stringList("governed") { config.governed = governed }

        if let serve = try root.map("serve") {
            try serve.rejectUnknownKeys(allowed: ["listen", "token_env", "max_body_bytes"])
            if let listen = try serve.string("listen") { config.serve.listen = listen }
            if let tokenEnv = try serve.string("token_env") { config.serve.tokenEnv = tokenEnv }
            if let max = try serve.int("max_body_bytes") {
                guard max > 0 else {
                    throw YAMLFileError("field 'serve.max_body_bytes' must be positive", file: file, line: serve.line(of: "max_body_bytes"))
                }
                config.serve.maxBodyBytes = max
            }
        }

        if let embeddings = try root.map("embeddings") {
            try embeddings.rejectUnknownKeys(allowed: ["provider", "model", "base_url", "api_key_env"])
            if let provider = try embeddings.string("provider") {
                guard let value = EmbeddingSettings.Provider(rawValue: provider) else {
                    throw YAMLFileError("field 'embeddings.provider' must be builtin, local or openai, found '\(provider)'",
                                        file: file, line: embeddings.line(of: "provider"))
                }
                config.embeddings.provider = value
            }
            config.embeddings.model = try embeddings.string("model")
            config.embeddings.baseURL = try embeddings.string("base_url")
            config.embeddings.apiKeyEnv = try embeddings.string("api_key_env")
            if config.embeddings.provider != .builtin && config.embeddings.model == nil {
                throw YAMLFileError("field 'embeddings.model' is required when the provider is \(config.embeddings.provider.rawValue)",
                                    file: file, line: embeddings.line(of: "provider"),
                                    hints: config.embeddings.provider == .local
                                        ? ["set it to a model directory, e.g. model: /path/to/all-MiniLM-L6-v2"]
                                        : ["set it to the embedding model's name, e.g. model: text-embedding-3-small"])
            }
            if config.embeddings.provider == .openai && config.embeddings.baseURL == nil {
                throw YAMLFileError("field 'embeddings.base_url' is required when the provider is openai",
                                    file: file, line: embeddings.line(of: "provider"),
                                    hints: ["e.g. base_url: https://api.openai.com/v1"])
            }
        }

        if let llm = try root.map("llm") {
            try llm.rejectUnknownKeys(allowed: ["base_url", "model", "api_key_env"])
            guard let baseURL = try llm.string("base_url"), let model = try llm.string("model") else {
                throw YAMLFileError("the 'llm' block needs both 'base_url' and 'model'", file: file, line: root.line(of: "llm"))
            }
            config.llm = LLMSettings(baseURL: baseURL, model: model, apiKeyEnv: try llm.string("api_key_env"))
        }

        if let cluster = try root.map("cluster") {
            try cluster.rejectUnknownKeys(allowed: ["min_size"])
            if let minSize = try cluster.int("min_size") {
                guard minSize >= 2 else {
                    throw YAMLFileError("field 'cluster.min_size' must be at least 2", file: file, line: cluster.line(of: "min_size"))
                }
                config.cluster.minSize = minSize
            }
        }

        if let rank = try root.map("rank") {
            try rank.rejectUnknownKeys(allowed: ["plan_weights", "churn_window_hours", "churn_multiplier", "stage_bands_days",
                                                 "stage_weights", "fix_cost"])
            if let weights = try rank.numberMap("plan_weights") { config.rank.planWeights = weights }
            if let hours = try rank.int("churn_window_hours") {
                guard hours >= 0 else {
                    throw YAMLFileError("field 'rank.churn_window_hours' must not be negative", file: file, line: rank.line(of: "churn_window_hours"))
                }
                config.rank.churnWindowHours = hours
            }
            if let multiplier = try rank.double("churn_multiplier") {
                guard multiplier >= 1 else {
                    throw YAMLFileError("field 'rank.churn_multiplier' must be at least 1 (1 turns the churn raise off)",
                                        file: file, line: rank.line(of: "churn_multiplier"))
                }
                config.rank.churnMultiplier = multiplier
            }
            if let bands = try rank.numberMap("stage_bands_days") {
                config.rank.stageBandsDays = bands.mapValues { Int($0) }
            }
            if let weights = try rank.numberMap("stage_weights") { config.rank.stageWeights = weights }
            if let costs = try rank.numberMap("fix_cost") {
                for (kind, cost) in costs where cost <= 0 {
                    throw YAMLFileError("field 'rank.fix_cost.\(kind)' must be greater than 0", file: file, line: rank.line(of: "fix_cost"))
                }
                config.rank.fixCost = costs
            }
        }

        if let propose = try root.map("propose") {
            try propose.rejectUnknownKeys(allowed: ["max_conversation_trailers"])
            if let max = try propose.int("max_conversation_trailers") {
                guard max >= 1 else {
                    throw YAMLFileError("field 'propose.max_conversation_trailers' must be at least 1",
                                        file: file, line: propose.line(of: "max_conversation_trailers"))
                }
                config.propose.maxConversationTrailers = max
            }
        }

        if let redaction = try root.map("redaction") {
            try redaction.rejectUnknownKeys(allowed: ["patterns"])
            if let patterns = try redaction.stringList("patterns") {
                for pattern in patterns {
                    do {
                        _ = try NSRegularExpression(pattern: pattern)
                    } catch {
                        throw YAMLFileError("redaction pattern '\(pattern)' is not a valid regular expression",
                                            file: file, line: redaction.line(of: "patterns"))
                    }
                }
                config.redaction.patterns = patterns
            }
        }

        if let github = try root.map("github") {
            try github.rejectUnknownKeys(allowed: ["api_url", "token_env"])
            if let url = try github.string("api_url") { config.github.apiURL = url }
            if let env = try github.string("token_env") { config.github.tokenEnv = env }
        }
        return config
    }
}
