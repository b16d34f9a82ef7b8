/// `.convo/config.yaml`: every key optional, every default documented in DESIGN.md "Configuration".
public struct ConvoConfig: Sendable, Equatable {
    public var store: StoreLocation = .sqlite(path: ".convo/store.sqlite")
    /// Globs of files whose sections need an intent to change.
    public var governed: [String] = ["prompts/**"]
    public var serve = ServeSettings()
    public var embeddings = EmbeddingSettings()
    /// The chat model used for naming, kinds and `propose --draft`; nil when not configured.
    public var llm: LLMSettings?
    public var cluster = ClusterSettings()
    public var rank = RankSettings()
    public var propose = ProposeSettings()
    public var redaction = RedactionSettings()
    public var github = GitHubSettings()

    public init() {}
}

/// Where captured conversations live.
public enum StoreLocation: Sendable, Equatable, CustomStringConvertible {
    /// A SQLite file, relative to the repository root unless absolute.
    case sqlite(path: String)
    /// A PostgreSQL connection URL.
    case postgres(url: String)

    public init?(_ text: String) {
        if text.hasPrefix("sqlite:") {
            let path = String(text.dropFirst("sqlite:".count))
            guard !path.isEmpty else { return nil }
            self = .sqlite(path: path)
        } else if text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") {
            self = .postgres(url: text)
        } else {
            return nil
        }
    }

    public var description: String {
        switch self {
        case .sqlite(let path): return "sqlite:\(path)"
        case .postgres(let url): return url
        }
    }
}

public struct ServeSettings: Sendable, Equatable {
    public var listen = "127.0.0.1:4318"
    /// Name of the environment variable that holds the capture token.
    public var tokenEnv = "CONVO_INGEST_TOKEN"
    public var maxBodyBytes = 4_194_304
    public init() {}
}

public struct EmbeddingSettings: Sendable, Equatable {
    public enum Provider: String, Sendable, Equatable, CaseIterable {
        case builtin
        case local
        case openai
    }

    public var provider: Provider = .builtin
    /// `local`: the model directory; `openai`: the model name.
    public var model: String?
    /// `openai`: the base URL of an OpenAI-compatible API (`…/v1`).
    public var baseURL: String?
    /// `openai`: name of the environment variable that holds the API key.
    public var apiKeyEnv: String?
    public init() {}
}

public struct LLMSettings: Sendable, Equatable {
    public var baseURL: String
    public var model: String
    public var apiKeyEnv: String?

    public init(baseURL: String, model: String, apiKeyEnv: String? = nil) {
        self.baseURL = baseURL
        self.model = model
        self.apiKeyEnv = apiKeyEnv
    }
}

public struct ClusterSettings: Sendable, Equatable {
    /// No cluster smaller than this becomes an intent.
    public var minSize = 5
    public init() {}
}

public struct RankSettings: Sendable, Equatable {
    public var planWeights: [String: Double] = ["free": 1, "trial": 3, "pro": 4, "enterprise": 8]
    /// A churn within this many hours after a conversation raises its revenue exposure.
    public var churnWindowHours = 48
    /// How much such a churn raises it: the conversation's weight is multiplied by this.
    public var churnMultiplier: Double = 2
    /// Upper bounds of account age, in days, for each stage; older accounts are "established".
    public var stageBandsDays: [String: Int] = ["onboarding": 7, "activation": 30]
    public var stageWeights: [String: Double] = ["onboarding": 3, "activation": 2, "established": 1]
    public var fixCost: [String: Double] = ["prompt": 1, "config": 2, "harness": 3]
    public init() {}
}

public struct ProposeSettings: Sendable, Equatable {
    public var maxConversationTrailers = 20
    public init() {}
}

public struct RedactionSettings: Sendable, Equatable {
    /// Extra regular expressions whose matches are redacted as `<redacted>`.
    public var patterns: [String] = []
    public init() {}
}

public struct GitHubSettings: Sendable, Equatable {
    /// The REST API base URL; GitHub Enterprise uses `https://HOST/api/v3`.
    public var apiURL = "https://api.github.com"
    public var tokenEnv = "GITHUB_TOKEN"
    public init() {}
}
