/// Similarities of many rows to a set of candidate rows, a block of rows at a time: one BLAS
/// product per block, the blocks spread across cores. Blocks are fixed by position, so the
/// results never depend on timing or on the number of cores.
enum SimilarityBlocks {
    /// Calls `body(row, similarities)` for each of `rows` (every row of `vectors` when nil), with
    /// its similarity to each of the `candidateCount` rows at `candidates` (row-major, the
    /// vectors' dimension). `body` runs concurrently for rows of different blocks.
    static func forEach(_ vectors: DenseRows, rows subset: [Int]? = nil, candidates: UnsafePointer<Float>, candidateCount: Int,
                        block: Int, _ body: @Sendable (_ row: Int, _ similarities: UnsafePointer<Float>) -> Void) {
        let dimension = vectors.dimension
        let total = subset?.count ?? vectors.rowCount
        guard total > 0, candidateCount > 0, dimension > 0, block > 0 else { return }
        let blocks = (total + block - 1) / block
        let candidates = UnsafeSendable(candidates)
        BLAS.singleThreaded()
        vectors.values.withUnsafeBufferPointer { data in
            let data = UnsafeSendable(data)
            Parallel.forEach(blocks, grain: 1) { blockRange in
                guard let base = data.value.baseAddress else { return }
                // Rows picked out of order are copied together, so one product covers them.
                var gathered = [Float](repeating: 0, count: subset == nil ? 0 : block * dimension)
                var scores = [Float](repeating: 0, count: block * candidateCount)
                for blockIndex in blockRange {
                    let positions = (blockIndex * block)..<min((blockIndex + 1) * block, total)
                    scores.withUnsafeMutableBufferPointer { scoreBuffer in
                        gathered.withUnsafeMutableBufferPointer { gatherBuffer in
                            guard let line = scoreBuffer.baseAddress else { return }
                            var queries = base + positions.lowerBound * dimension
                            if let subset, let target = gatherBuffer.baseAddress {
                                for (local, position) in positions.enumerated() {
                                    (target + local * dimension).update(from: base + subset[position] * dimension, count: dimension)
                                }
                                queries = UnsafePointer(target)
                            }
                            BLAS.similarities(queries, count: positions.count, candidates.value, candidateCount: candidateCount,
                                              dimension: dimension, into: line)
                            for (local, position) in positions.enumerated() {
                                body(subset?[position] ?? position, line + local * candidateCount)
                            }
                        }
                    }
                }
            }
        }
    }
}
