/// Anything that turns texts into vectors for clustering: the OpenAI-compatible client, the
/// local MiniLM encoder, or a test double. The built-in lexical representation does not use it.
public protocol TextEmbedder: Sendable {
    /// Identifies the model in cache keys: two embedders with the same identifier must give the
    /// same vector for the same text.
    var identifier: String { get }
    /// Length of every vector returned.
    var dimension: Int { get }
    /// One L2-normalised vector per text, in order.
    func embed(_ texts: [String]) async throws -> [[Float]]
}
