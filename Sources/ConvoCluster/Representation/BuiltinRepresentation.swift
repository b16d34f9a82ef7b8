import Foundation
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
        if ProcessInfo.processInfo.environment["DEBUG_NNZ"] != nil { FileHandle.standardError.write(Data("columns \(matrix.columnCount) rows \(matrix.rowCount) nnz \(matrix.values.count) words \(vocabulary.isWordColumn.filter { $0 }.count)\n".utf8)) }
        progress.finish("building the vocabulary")
        progress.update("latent semantic analysis", completed: 0, total: nil, unit: "items")
        let projection = LatentProjection(fitting: matrix, dimension: dimensions, powerIterations: powerIterations, seed: seed)
        progress.finish("latent semantic analysis")
        return LexicalSpace(vocabulary: vocabulary, projection: projection, wordShare: wordShare)
    }
}

/// A fitted built-in representation: maps any text into the space the clusters live in, so
/// later steps (matching new conversations, or an intent's exemplars, to clusters) compare like
/// with like.
public struct LexicalSpace: Sendable {
    let vocabulary: LexicalVocabulary
    let projection: LatentProjection?
    let wordShare: Float

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

    /// Vocabulary only, for describing clusters found in some other vector space.
    init(describing items: [ClusteringItem], minDocumentFrequency: Int, wordShare: Float) {
        vocabulary = LexicalVocabulary(fitting: items, minDocumentFrequency: minDocumentFrequency)
        projection = nil
        self.wordShare = wordShare
    }

    init(vocabulary: LexicalVocabulary, projection: LatentProjection, wordShare: Float) {
        self.vocabulary = vocabulary
        self.projection = projection
        self.wordShare = wordShare
    }
}
