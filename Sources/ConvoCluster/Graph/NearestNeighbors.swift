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
                        var floors = [Float](repeating: -.infinity, count: queryBlock)
                        for block in blockRange {
                            let queries = (block * queryBlock)..<min((block + 1) * queryBlock, count)
                            for slot in floors.indices { floors[slot] = -.infinity }
                            for tileStart in stride(from: 0, to: count, by: candidateBlock) {
                                let tile = tileStart..<min(tileStart + candidateBlock, count)
                                var query = queries.lowerBound
                                while query < queries.upperBound {
                                    let lanes = min(4, queries.upperBound - query)
                                    let q0 = base + query * dimension
                                    let q1 = base + (query + min(1, lanes - 1)) * dimension
                                    let q2 = base + (query + min(2, lanes - 1)) * dimension
                                    let q3 = base + (query + min(3, lanes - 1)) * dimension
                                    for candidate in tile {
                                        let scores = dot4(q0, q1, q2, q3, base + candidate * dimension, dimension)
                                        for lane in 0..<lanes {
                                            let row = query + lane
                                            let similarity = scores[lane]
                                            let local = row - queries.lowerBound
                                            guard similarity > floors[local], candidate != row else { continue }
                                            floors[local] = Self.insert(similarity, Int32(candidate),
                                                                        into: outSim.base + row * k, outIndex.base + row * k, k: k)
                                        }
                                    }
                                    query += lanes
                                }
                            }
                        }
                    }
                }
            }
        }
        self.k = k
        self.indices = indices
        self.similarities = similarities
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

/// Four dot products against one candidate, sharing each load of the candidate.
@inline(__always)
private func dot4(_ q0: UnsafePointer<Float>, _ q1: UnsafePointer<Float>, _ q2: UnsafePointer<Float>,
                  _ q3: UnsafePointer<Float>, _ c: UnsafePointer<Float>, _ count: Int) -> SIMD4<Float> {
    var a0 = SIMD8<Float>(repeating: 0)
    var a1 = SIMD8<Float>(repeating: 0)
    var a2 = SIMD8<Float>(repeating: 0)
    var a3 = SIMD8<Float>(repeating: 0)
    var k = 0
    while k + 8 <= count {
        let x = UnsafeRawPointer(c + k).loadUnaligned(as: SIMD8<Float>.self)
        a0 += UnsafeRawPointer(q0 + k).loadUnaligned(as: SIMD8<Float>.self) * x
        a1 += UnsafeRawPointer(q1 + k).loadUnaligned(as: SIMD8<Float>.self) * x
        a2 += UnsafeRawPointer(q2 + k).loadUnaligned(as: SIMD8<Float>.self) * x
        a3 += UnsafeRawPointer(q3 + k).loadUnaligned(as: SIMD8<Float>.self) * x
        k += 8
    }
    var result = SIMD4<Float>(a0.sum(), a1.sum(), a2.sum(), a3.sum())
    while k < count {
        result += SIMD4<Float>(q0[k], q1[k], q2[k], q3[k]) * c[k]
        k += 1
    }
    return result
}
