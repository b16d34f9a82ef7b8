import ConvoBase
import Foundation

/// Any `TextEmbedder` with a persistent cache in front: only texts never embedded before by the
/// same embedder (same identifier) reach it, so clustering again after new data costs only the
/// new texts.
///
/// ```swift
/// let embedder = try CachedEmbedder(base: encoder, cacheURL: workspace.cacheDirectory.appendingPathComponent("embeddings.sqlite"))
/// ```
public struct CachedEmbedder: TextEmbedder {
    public let base: any TextEmbedder
    public let cache: EmbeddingCache
    /// Texts sent to the base embedder per call; each chunk is stored as soon as it is done, so
    /// an interrupted run keeps what it computed.
    public var chunkSize: Int

    public init(base: any TextEmbedder, cacheURL: URL, chunkSize: Int = 4096) throws(EmbeddingCacheError) {
        self.base = base
        cache = try EmbeddingCache(url: cacheURL)
        self.chunkSize = max(1, chunkSize)
    }

    public var identifier: String { base.identifier }
    public var dimension: Int { base.dimension }

    public func embed(_ texts: [String]) async throws -> [[Float]] {
        let keys = texts.map(EmbeddingCache.key(for:))
        var vectors = try cache.vectors(forKeys: keys, embedder: identifier, dimension: dimension)
        // Each distinct missing text once, in first-seen order.
        var firstIndex: [[UInt8]: Int] = [:]
        var missing: [Int] = []
        for (index, vector) in vectors.enumerated() where vector == nil && firstIndex[keys[index]] == nil {
            firstIndex[keys[index]] = index
            missing.append(index)
        }
        var start = 0
        while start < missing.count {
            let chunk = Array(missing[start..<min(start + chunkSize, missing.count)])
            let computed = try await base.embed(chunk.map { texts[$0] })
            guard computed.count == chunk.count, computed.allSatisfy({ $0.count == dimension }) else {
                throw ConvoError("embedder \(identifier) returned \(computed.count) vectors for \(chunk.count) texts, or vectors not of dimension \(dimension)",
                                 exitStatus: .internalFailure)
            }
            try cache.store(zip(chunk, computed).map { (key: keys[$0], vector: $1) }, embedder: identifier, dimension: dimension)
            for (index, vector) in zip(chunk, computed) { vectors[index] = vector }
            start += chunkSize
        }
        return vectors.enumerated().map { index, vector in
            vector ?? vectors[firstIndex[keys[index]] ?? index] ?? []
        }
    }
}
