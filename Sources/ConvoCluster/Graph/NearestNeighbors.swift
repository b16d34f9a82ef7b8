/// The `k` most similar rows of every row (cosine, rows are unit vectors), by exhaustive
/// comparison. Only ever run on the discovery sample, whose size is capped, so the quadratic
/// cost stays bounded however much data there is. A block of queries is compared with every
/// row in one matrix product (BLAS), then each query keeps its best `k`.
struct NeighborLists: Sendable {
    let k: Int
    /// `rowCount × k`: neighbour indices, most similar first (-1 pads rows with fewer).
    let indices: [Int32]
    let similarities: [Float]

    init(rows: DenseRows, k requested: Int) {
        let count = rows.rowCount
        let k = max(1, min(requested, count - 1))
        var indices = [Int32](repeating: -1, count: count * k)
        var similarities = [Float](repeating: -.infinity, count: count * k)
        rows.values.withUnsafeBufferPointer { data in
            indices.withUnsafeMutableBufferPointer { indexBuffer in
                similarities.withUnsafeMutableBufferPointer { simBuffer in
                    guard let base = data.baseAddress else { return }
                    let outIndex = SharedBuffer(indexBuffer)
                    let outSim = SharedBuffer(simBuffer)
                    SimilarityBlocks.forEach(rows, candidates: base, candidateCount: count, block: Self.queryBlock) { row, scores in
                        Self.keepBest(scores, count: count, row: row, k: k, similarities: outSim.base + row * k, indices: outIndex.base + row * k)
                    }
                }
            }
        }
        self.k = k
        self.indices = indices
        self.similarities = similarities
    }

    /// Queries compared with every row in one matrix product.
    static let queryBlock = 128

    /// Keeps the best `k` of one query's similarities to every row, itself excluded.
    private static func keepBest(_ scores: UnsafePointer<Float>, count: Int, row: Int, k: Int,
                                 similarities: UnsafeMutablePointer<Float>, indices: UnsafeMutablePointer<Int32>) {
        var floor = -Float.infinity
        for candidate in 0..<count where candidate != row {
            let similarity = scores[candidate]
            guard similarity > floor else { continue }
            floor = insert(similarity, Int32(candidate), into: similarities, indices, k: k)
        }
    }

    /// Inserts keeping (similarity desc, index asc); candidates arrive in ascending index order,
    /// so an equal similarity goes after those already there. Returns the new k-th similarity.
    @inline(__always)
    private static func insert(_ similarity: Float, _ index: Int32, into sims: UnsafeMutablePointer<Float>,
                               _ indices: UnsafeMutablePointer<Int32>, k: Int) -> Float {
        var slot = k - 1
        while slot > 0 && sims[slot - 1] < similarity {
            sims[slot] = sims[slot - 1]
            indices[slot] = indices[slot - 1]
            slot -= 1
        }
        sims[slot] = similarity
        indices[slot] = index
        return sims[k - 1]
    }
}
