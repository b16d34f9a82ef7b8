import ConvoBase

/// The representation that needs no network and no model files: TF-IDF over stemmed words,
/// word pairs and in-word character 3–5-grams, reduced by latent semantic analysis to short
/// dense vectors. Robust to typos (character grams) and to some paraphrase (LSA links words
/// that occur in the same contexts).
public struct BuiltinRepresentation: Sendable, Hashable {
    /// Share of the vector's energy given to word features; the rest goes to character grams.
    public var wordShare: Float = 0.5
    /// Features seen in fewer fitting items than this are ignored (typos, ids, names).
    public var minDocumentFrequency = 2
    /// Dimensions kept by latent semantic analysis.
    public var dimensions = 200
    /// Power iterations of the randomized SVD; more is slower and closer to the exact SVD.
    public var powerIterations = 1
    /// Seed of the random projection that starts the SVD; fixed so runs repeat exactly.
    public var seed: UInt64 = 0x636F_6E76_6F00

    public init() {}

    /// Fits the vocabulary and the latent space on `fitting` (the discovery sample).
    func fit(_ fitting: [ClusteringItem], progress: any ProgressObserver) -> LexicalSpace {
        progress.update("building the vocabulary", completed: 0, total: nil, unit: "items")
        let vocabulary = LexicalVocabulary(fitting: fitting, minDocumentFrequency: minDocumentFrequency)
        let matrix = vocabulary.transform(fitting, wordShare: wordShare)
        progress.finish("building the vocabulary")
        progress.update("latent semantic analysis", completed: 0, total: nil, unit: "items")
        let projection = LatentProjection(fitting: matrix, dimension: dimensions, powerIterations: powerIterations, seed: seed)
        progress.finish("latent semantic analysis")
        return LexicalSpace(vocabulary: vocabulary, projection: projection, wordShare: wordShare, fitted: matrix)
    }
}

/// A fitted built-in representation: maps any text into the space the clusters live in, so
/// later steps (matching new conversations, or an intent's exemplars, to clusters) compare like
/// with like.
public struct LexicalSpace: Sendable {
    let vocabulary: LexicalVocabulary
    let projection: LatentProjection?
    let wordShare: Float
    /// The TF-IDF rows of the items the space was fitted on, in order: the same rows
    /// `sparseRows(for:)` would give them, kept so they are not computed twice.
    let fitted: SparseRows?

    /// Dimension of the vectors `vectors(for:)` returns.
    public var dimension: Int { projection?.dimension ?? 0 }

    /// Unit vectors for `items`, in order.
    public func vectors(for items: [ClusteringItem]) -> DenseRows {
        let sparse = vocabulary.transform(items, wordShare: wordShare)
        return projection?.project(sparse) ?? DenseRows(rowCount: items.count, dimension: 0)
    }

    func sparseRows(for items: [ClusteringItem]) -> SparseRows {
        vocabulary.transform(items, wordShare: wordShare)
    }

    /// `vectors(for:)` of the items the space was fitted on, from their kept rows.
    func fittedVectors() -> DenseRows? {
        guard let fitted, let projection else { return nil }
        return projection.project(fitted)
    }

    /// Vocabulary only, for describing clusters found in some other vector space.
    init(describing items: [ClusteringItem], minDocumentFrequency: Int, wordShare: Float) {
        vocabulary = LexicalVocabulary(fitting: items, minDocumentFrequency: minDocumentFrequency)
        projection = nil
        self.wordShare = wordShare
        fitted = nil
    }

    init(vocabulary: LexicalVocabulary, projection: LatentProjection, wordShare: Float, fitted: SparseRows) {
        self.vocabulary = vocabulary
        self.projection = projection
        self.wordShare = wordShare
        self.fitted = fitted
    }
}
