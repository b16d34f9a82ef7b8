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
        var q = DenseMath.orthonormalizeColumns(matrix.multiply(omega, width: width), rows: rows, width: width, passes: 1)
        for _ in 0..<powerIterations {
            let back = DenseMath.orthonormalizeColumns(transpose.multiply(q, width: width), rows: inputDimension, width: width)
            q = DenseMath.orthonormalizeColumns(matrix.multiply(back, width: width), rows: rows, width: width)
        }
        // B = Qᵀ X, kept as W = Xᵀ Q (inputDimension × width). B Bᵀ = Wᵀ W.
        let w = transpose.multiply(q, width: width)
        let (values, vectors) = SymmetricEigen.decompose(DenseMath.gram(w, rows: inputDimension, width: width), size: width)
        // Right singular vector j = W u_j / σ_j; projecting x onto it gives (U Σ)_j.
        let directions = DenseMath.multiply(w, rows: inputDimension, width: width, by: vectors, outWidth: width)
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

    /// Projects every row and scales it to unit length.
    func project(_ matrix: SparseRows) -> DenseRows {
        let dimension = dimension
        var output = DenseRows(rowCount: matrix.rowCount, dimension: dimension)
        output.values.withUnsafeMutableBufferPointer { buffer in
            let shared = SharedBuffer(buffer)
            byFeature.withUnsafeBufferPointer { features in
                let features = UnsafeSendable(features)
                Parallel.forEach(matrix.rowCount, grain: 256) { range in
                    for row in range {
                        let target = shared.base + row * dimension
                        for entry in matrix.rowRange(row) {
                            let source = features.value.baseAddress! + Int(matrix.columns[entry]) * dimension
                            Kernels.axpy(matrix.values[entry], source, target, dimension)
                        }
                    }
                }
            }
        }
        output.normalizeRows()
        return output
    }
}
