import ConvoBase
import ConvoCluster
import ConvoEmbeddingCache
import ConvoEncoder
import Foundation

/// The embedder `embeddings:` in the config asks for, behind the embedding cache at
/// `.convo/cache/embeddings.sqlite`, so clustering again embeds only texts never embedded
/// before; nil for the built-in representation.
enum EmbeddingSetup {
    /// Tokens the local encoder reads per text. Users state their problem early: 128 tokens
    /// keep nearly every first message whole and halve the cost of the few long pastes.
    static let localMaxTokens = 128

    static func embedder(_ settings: EmbeddingSettings, workspace: Workspace,
                         environment: [String: String]) async throws -> CachedEmbedder? {
        let base: any TextEmbedder
        switch settings.provider {
        case .builtin:
            return nil
        case .openai:
            let configuration = try OpenAIEmbeddingClient.Configuration(settings: settings, environment: environment)
            base = try await OpenAIEmbeddingClient.connect(configuration)
        case .local:
            guard let model = settings.model, !model.isEmpty else {
                throw EmbeddingError.invalidSetting(key: "model", problem: "is required for provider local (a model directory)")
            }
            let directory = model.hasPrefix("/") ? URL(fileURLWithPath: model) : workspace.root.appendingPathComponent(model)
            base = try LocalEncoder(modelDirectory: directory, options: LocalEncoder.Options(maxSequenceLength: localMaxTokens))
        }
        return try CachedEmbedder(base: base, cacheURL: workspace.cacheDirectory.appendingPathComponent("embeddings.sqlite"))
    }
}
