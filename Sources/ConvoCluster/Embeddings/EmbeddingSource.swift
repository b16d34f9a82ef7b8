import ConvoBase
import Foundation

/// Where clustering gets its vectors: the built-in lexical representation, or an embedder
/// (the OpenAI-compatible client, or the local encoder once it exists) whose dense vectors
/// replace the lexical ones. Each comes with clustering settings suited to its vectors.
public enum EmbeddingSource: Sendable {
    case builtin(BuiltinRepresentation)
    case embedder(any TextEmbedder)

    /// The source `.convo/config.yaml` asks for. `local` needs the encoder, which lives in its
    /// own module: the caller passes a factory for it (model directory → embedder).
    public static func configured(
        _ settings: EmbeddingSettings,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        localEncoder: (@Sendable (String) throws -> any TextEmbedder)? = nil
    ) async throws -> EmbeddingSource {
        switch settings.provider {
        case .builtin:
            return .builtin(BuiltinRepresentation())
        case .openai:
            let configuration = try OpenAIEmbeddingClient.Configuration(settings: settings, environment: environment)
            return .embedder(try await OpenAIEmbeddingClient.connect(configuration))
        case .local:
            guard let model = settings.model, !model.isEmpty else {
                throw EmbeddingError.invalidSetting(key: "model", problem: "is required for provider local (a model directory)")
            }
            guard let localEncoder else {
                throw EmbeddingError.invalidSetting(key: "provider", problem: "local encoding is not available in this build")
            }
            return .embedder(try localEncoder(model))
        }
    }

    /// Clustering settings that suit this source's vectors.
    public var suggestedSettings: ClusteringSettings {
        switch self {
        case .builtin: return .lexical
        case .embedder: return .denseEmbeddings
        }
    }
}

extension Clusterer {
    /// Clusters with whichever source is configured.
    public func cluster(_ items: [ClusteringItem], source: EmbeddingSource,
                        progress: any ProgressObserver = SilentProgress()) async throws -> ClusteringResult {
        switch source {
        case .builtin(let representation): return cluster(items, representation: representation, progress: progress)
        case .embedder(let embedder): return try await cluster(items, embedder: embedder, progress: progress)
        }
    }
}
