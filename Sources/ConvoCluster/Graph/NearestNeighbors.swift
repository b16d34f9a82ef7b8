/// The `k` most similar rows of every row (cosine, rows are unit vectors), by exhaustive
/// comparison. Only ever run on the discovery sample, whose size is capped, so the quadratic
/// cost stays bounded however much data there is. Work is tiled (a block of queries against a
/// cache-sized block of candidates, four queries per pass) to keep memory traffic low.
struct NeighborLists: Sendable {
    let k: Int
    /// `rowCount × k`: neighbour indices, most similar first (-1 pads rows with fewer).
    let indices: [Int32]
    let similarities: [Float]

    init(rows: DenseRows, k requested: Int) {
        let count = rows.rowCount
        let dimension = rows.dimension
        let k = max(1, min(requested, count - 1))
        var indices = [Int32](repeating: -1, count: count * k)
        var similarities = [Float](repeating: -.infinity, count: count * k)
        let queryBlock = 64
        let candidateBlock = 256
        let blocks = (count + queryBlock - 1) / queryBlock
        rows.values.withUnsafeBufferPointer { data in
            let data = UnsafeSendable(data)
            indices.withUnsafeMutableBufferPointer { indexBuffer in
                similarities.withUnsafeMutableBufferPointer { simBuffer in
                    let outIndex = SharedBuffer(indexBuffer)
                    let outSim = SharedBuffer(simBuffer)
                    Parallel.forEach(blocks, grain: 1) { blockRange in
                        guard let base = data.value.baseAddress else { return }
                        for block in blockRange {
                            Self.scan(queries: (block * queryBlock)..<min((block + 1) * queryBlock, count), base: base,
                                      count: count, dimension: dimension, k: k, tileSize: candidateBlock,
                                      similarities: outSim.base, indices: outIndex.base)
                        }
                    }
                }
            }
        }
        self.k = k
        self.indices = indices
        self.similarities = similarities
    }

    /// Compares a block of queries with every row, a cache-sized tile of candidates at a time,
    /// four queries per pass, keeping each query's best `k`.
    private static func scan(queries: Range<Int>, base: UnsafePointer<Float>, count: Int, dimension: Int, k: Int,
                             tileSize: Int, similarities: UnsafeMutablePointer<Float>, indices: UnsafeMutablePointer<Int32>) {
        var floors = [Float](repeating: -.infinity, count: queries.count)
        for tileStart in stride(from: 0, to: count, by: tileSize) {
            let tile = tileStart..<min(tileStart + tileSize, count)
            var query = queries.lowerBound
            while query < queries.upperBound {
                let lanes = min(4, queries.upperBound - query)
                let q0 = base + query * dimension
                let q1 = base + (query + min(1, lanes - 1)) * dimension
                let q2 = base + (query + min(2, lanes - 1)) * dimension
                let q3 = base + (query + min(3, lanes - 1)) * dimension
                for candidate in tile {
                    let scores = Kernels.dot4(q0, q1, q2, q3, base + candidate * dimension, dimension)
                    for lane in 0..<lanes {
                        let row = query + lane
                        let similarity = scores[lane]
                        let local = row - queries.lowerBound
                        guard similarity > floors[local], candidate != row else { continue }
                        floors[local] = insert(similarity, Int32(candidate), into: similarities + row * k, indices + row * k, k: k)
                    }
                }
                query += lanes
            }
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
