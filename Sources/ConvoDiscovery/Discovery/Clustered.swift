import ConvoBase
import ConvoCluster
import ConvoEmbeddingCache

/// The clustering of one run, with what naming needs to compare members in the same space.
struct Clustered: Sendable {
    let items: [ClusteringItem]
    let result: ClusteringResult
    /// The items' vectors when an embedder made them; the built-in representation recomputes
    /// the few it needs from `result.space`.
    let vectors: DenseRows?
    let embedding: DiscoveryReport.EmbeddingUse?

    /// With the built-in representation.
    init(_ items: [ClusteringItem], clusterer: Clusterer, progress: any ProgressObserver) {
        self.items = items
        result = clusterer.cluster(items, representation: BuiltinRepresentation(), progress: progress)
        vectors = nil
        embedding = nil
    }

    /// With an embedder behind the cache; signals are embedded (and cached) like conversations.
    init(_ items: [ClusteringItem], clusterer: Clusterer, embedder: CachedEmbedder, progress: any ProgressObserver) async throws {
        self.items = items
        let before = try embedder.cache.count(embedder: embedder.identifier)
        let vectors = try await Clusterer.embed(items, with: embedder, progress: progress)
        var signalVectors: [String: DenseRows] = [:]
        for key in clusterer.signals.keys.sorted() {
            signalVectors[key] = try await Clusterer.embed(clusterer.signals[key] ?? [], with: embedder)
        }
        let texts = items.reduce(0) { $0 + $1.parts.filter { $0.weight > 0 && !$0.text.isEmpty }.count }
            + clusterer.signals.values.reduce(0) { $0 + $1.count }
        embedding = DiscoveryReport.EmbeddingUse(embedder: embedder.identifier, texts: texts,
                                                 computed: try embedder.cache.count(embedder: embedder.identifier) - before)
        result = try clusterer.cluster(items, vectors: vectors, signalVectors: signalVectors, progress: progress)
        self.vectors = vectors
    }

    /// Cosine similarity between items, by position in `positions`, in the clustering space.
    func similarity(among positions: [Int]) -> (Int, Int) -> Float {
        let rows: [[Float]]
        if let vectors {
            rows = positions.map { Array(vectors.row($0)) }
        } else if let space = result.space {
            let placed = space.vectors(for: positions.map { items[$0] })
            rows = (0..<placed.rowCount).map { Array(placed.row($0)) }
        } else {
            return { _, _ in 0 }
        }
        return { a, b in
            guard a < rows.count, b < rows.count else { return 0 }
            return zip(rows[a], rows[b]).reduce(Float(0)) { $0 + $1.0 * $1.1 }
        }
    }
}
