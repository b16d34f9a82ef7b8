import ConvoBase

/// Why embedding texts through a configured provider failed, with what to do about it.
public enum EmbeddingError: UserFacingError, Equatable, CustomStringConvertible {
    /// A required key of `embeddings:` in `.convo/config.yaml` is missing or malformed.
    case invalidSetting(key: String, problem: String)
    /// The environment variable named by `embeddings.api_key_env` is not set.
    case missingAPIKey(variable: String)
    /// The server could not be reached at all (after retries).
    case unreachable(url: String, reason: String)
    /// The server answered with an error status (after retries, for transient ones).
    case httpStatus(url: String, status: Int, detail: String)
    /// The server answered 200 with something that is not a valid embeddings response.
    case badResponse(url: String, problem: String)

    public var location: SourceLocation? {
        if case .invalidSetting = self { return SourceLocation(file: ".convo/config.yaml") }
        return nil
    }

    public var message: String {
        switch self {
        case .invalidSetting(let key, let problem): return "embeddings.\(key): \(problem)"
        case .missingAPIKey(let variable): return "the embeddings API key variable \(variable) is not set"
        case .unreachable(let url, let reason): return "cannot reach the embeddings endpoint \(url): \(reason)"
        case .httpStatus(let url, let status, let detail):
            return "the embeddings endpoint \(url) answered HTTP \(status)" + (detail.isEmpty ? "" : ": \(detail)")
        case .badResponse(let url, let problem): return "unexpected answer from the embeddings endpoint \(url): \(problem)"
        }
    }

    public var hints: [String] {
        switch self {
        case .invalidSetting:
            return ["set embeddings.provider: openai with base_url (e.g. http://127.0.0.1:11434/v1) and model, or use provider: builtin"]
        case .missingAPIKey(let variable):
            return ["export \(variable)=… before running convo, or remove embeddings.api_key_env for a server that needs no key"]
        case .unreachable:
            return ["check embeddings.base_url and that the server is running", "provider: builtin works offline"]
        case .httpStatus(_, let status, _) where status == 401 || status == 403:
            return ["check the API key in the variable named by embeddings.api_key_env"]
        case .httpStatus(_, let status, _) where status == 404:
            return ["embeddings.base_url should end in /v1 (the client appends /embeddings); check embeddings.model"]
        case .httpStatus, .badResponse:
            return ["check that the server implements the OpenAI /v1/embeddings API and that embeddings.model is an embedding model"]
        }
    }

    public var exitStatus: ExitStatus {
        if case .invalidSetting = self { return .usage }
        return .finding
    }

    public var description: String { message }
}
