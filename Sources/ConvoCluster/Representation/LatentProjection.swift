/// Latent semantic analysis: the top singular directions of the TF-IDF matrix, found by a
/// randomized SVD with power iterations (Halko, Martinsson & Tropp 2011). Projecting onto them
/// lets words that occur in the same contexts ("refund", "money back") pull texts together, and
/// turns sparse rows into short dense vectors that are cheap to compare.
struct LatentProjection: Sendable {
    /// `inputDimension × dimension`, row-major: for each input feature, its contribution to
    /// every output coordinate (the right singular vectors, scaled so that projecting gives
    /// `U Σ` coordinates). One contiguous vector per feature makes projecting a sparse row a few
    /// vector additions.
    let byFeature: [Float]
    let dimension: Int
    let inputDimension: Int

    init(fitting matrix: SparseRows, dimension requested: Int, powerIterations: Int, seed: UInt64) {
        let inputDimension = matrix.columnCount
        let rows = matrix.rowCount
        let dimension = max(1, min(requested, inputDimension, max(1, rows - 1)))
        let width = min(dimension + 10, max(dimension, min(inputDimension, rows)))
        // Random signs span a random subspace as well as Gaussians do, at a fraction of the cost.
        var random = SplitMix64(seed: seed)
        var omega = [Double](repeating: 0, count: inputDimension * width)
        var bits: UInt64 = 0
        for index in omega.indices {
            if index % 64 == 0 { bits = random.next() }
            omega[index] = (bits >> UInt64(index % 64)) & 1 == 0 ? -1 : 1
        }

        let transpose = matrix.transposed()
        // X Ω is well conditioned, so one Cholesky QR pass suffices; later ones get two.
        var q = DenseMath.orthonormalizeColumns(Self.product(matrix, omega, width: width), rows: rows, width: width, passes: 1)
        for _ in 0..<powerIterations {
            let back = DenseMath.orthonormalizeColumns(Self.product(transpose, q, width: width), rows: inputDimension, width: width)
            q = DenseMath.orthonormalizeColumns(Self.product(matrix, back, width: width), rows: rows, width: width)
        }
        // B = Qᵀ X, kept as W = Xᵀ Q (inputDimension × width). B Bᵀ = Wᵀ W.
        let w = Self.product(transpose, q, width: width)
        let (values, vectors) = SymmetricEigen.decompose(BLAS.gram(w, rows: inputDimension, width: width), size: width)
        // Right singular vector j = W u_j / σ_j; projecting x onto it gives (U Σ)_j.
        let directions = BLAS.multiply(w, rows: inputDimension, width: width, by: vectors, outWidth: width)
        var byFeature = [Float](repeating: 0, count: inputDimension * dimension)
        let top = values.first ?? 0
        for j in 0..<dimension where values[j] > top * 1e-12 && values[j] > 0 {
            let scale = 1 / values[j].squareRoot()
            for column in 0..<inputDimension {
                byFeature[column * dimension + j] = Float(directions[column * width + j] * scale)
            }
        }
        self.byFeature = byFeature
        self.dimension = dimension
        self.inputDimension = inputDimension
    }

    /// `sparse × dense` in single precision, as scikit-learn's randomized SVD computes it for
    /// float input: these are the large products, and the subspace they find needs no more.
    /// The small dense algebra around them (orthonormalizing, the eigenproblem) stays double.
    private static func product(_ sparse: SparseRows, _ dense: [Double], width: Int) -> [Double] {
        let input = dense.map { Float($0) }
        var output = [Float](repeating: 0, count: sparse.rowCount * width)
        output.withUnsafeMutableBufferPointer { result in
            input.withUnsafeBufferPointer { sparse.multiply($0, width: width, into: result) }
        }
        return output.map { Double($0) }
    }

    /// Projects every row and scales it to unit length.
    func project(_ matrix: SparseRows) -> DenseRows {
        var output = DenseRows(rowCount: matrix.rowCount, dimension: dimension)
        output.values.withUnsafeMutableBufferPointer { out in
            byFeature.withUnsafeBufferPointer { matrix.multiply($0, width: dimension, into: out) }
        }
        output.normalizeRows()
        return output
    }
}
