/// Where every item stands after an assignment pass: its centre (or none), its similarity there,
/// and bounds that let the next pass skip it (Hamerly's bounds, in cosine terms).
///
/// For unit vectors, a centre that moves by distance d changes any similarity to it by at most
/// d. So after the centres move, an item whose lower bound to its own centre, less that
/// centre's move, still beats its upper bound to every other centre, plus the largest move,
/// stays where it is without a single comparison. Late rounds of settling move a few hundred of
/// 100,000 items, and compare little more than those.
struct Placement {
    /// Slot of each item's centre; -1 for none.
    var slot: [Int32]
    /// Each item's similarity to its centre (to the nearest centre, for an item in none), as of
    /// the last pass that compared it.
    var similarity: [Float]
    /// At most the item's similarity to its own centre.
    var lower: [Float]
    /// At least its similarity to every other centre (to every centre, for an item in none).
    var upper: [Float]

    init(count: Int) {
        slot = [Int32](repeating: -1, count: count)
        similarity = [Float](repeating: 0, count: count)
        lower = [Float](repeating: 0, count: count)
        upper = [Float](repeating: 0, count: count)
    }

    var assignment: [Int?] { slot.map { $0 >= 0 ? Int($0) : nil } }
}

extension Clusterer {
    /// Places `rows` (every item when nil) by comparing them with every centre: the nearest,
    /// or none below the outlier floor; an anchored item stays with its group's centre as long
    /// as it clears the floor there. Similarities come a block of items at a time from one
    /// matrix product (BLAS); blocks are fixed by position, so results never depend on timing.
    func place(_ vectors: DenseRows, centroids: [[Float]], anchorSlot: [Int?], rows subset: [Int]?, into placement: inout Placement) {
        let dimension = vectors.dimension
        let count = centroids.count
        let total = subset?.count ?? vectors.rowCount
        guard count > 0, dimension > 0 else {
            for position in 0..<total {
                let row = subset?[position] ?? position
                placement.slot[row] = -1
                placement.similarity[row] = 0
                placement.upper[row] = 0
            }
            return
        }
        guard total > 0 else { return }
        let floor = settings.outlierSimilarity
        let flat = centroids.flatMap { $0 }
        let block = Self.placementBlock
        let blocks = (total + block - 1) / block
        vectors.values.withUnsafeBufferPointer { data in
            flat.withUnsafeBufferPointer { centres in
                placement.slot.withUnsafeMutableBufferPointer { slotBuffer in
                    placement.similarity.withUnsafeMutableBufferPointer { similarityBuffer in
                        placement.lower.withUnsafeMutableBufferPointer { lowerBuffer in
                            placement.upper.withUnsafeMutableBufferPointer { upperBuffer in
                                let data = UnsafeSendable(data)
                                let centres = UnsafeSendable(centres)
                                let outSlot = SharedBuffer(slotBuffer)
                                let outSimilarity = SharedBuffer(similarityBuffer)
                                let outLower = SharedBuffer(lowerBuffer)
                                let outUpper = SharedBuffer(upperBuffer)
                                Parallel.forEach(blocks, grain: 1) { blockRange in
                                    guard let base = data.value.baseAddress, let centreBase = centres.value.baseAddress else { return }
                                    var gathered = [Float](repeating: 0, count: subset == nil ? 0 : block * dimension)
                                    var scores = [Float](repeating: 0, count: block * count)
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
                                                BLAS.similarities(queries, count: positions.count, centreBase, candidateCount: count,
                                                                  dimension: dimension, into: line)
                                                for (local, position) in positions.enumerated() {
                                                    let row = subset?[position] ?? position
                                                    let values = line + local * count
                                                    var best = 0
                                                    var bestValue = values[0]
                                                    var second = -Float.infinity
                                                    for centre in 1..<max(1, count) {
                                                        let value = values[centre]
                                                        if value > bestValue {
                                                            second = bestValue
                                                            bestValue = value
                                                            best = centre
                                                        } else if value > second {
                                                            second = value
                                                        }
                                                    }
                                                    if let slot = anchorSlot[row], values[slot] > 0, values[slot] >= floor {
                                                        outSlot[row] = Int32(slot)
                                                        outSimilarity[row] = values[slot]
                                                        outLower[row] = values[slot]
                                                        outUpper[row] = slot == best ? second : bestValue
                                                    } else if bestValue > 0 && bestValue >= floor {
                                                        outSlot[row] = Int32(best)
                                                        outSimilarity[row] = bestValue
                                                        outLower[row] = bestValue
                                                        outUpper[row] = second
                                                    } else {
                                                        // Below the floor everywhere (a text with no known features has a
                                                        // zero vector and matches nothing).
                                                        outSlot[row] = -1
                                                        outSimilarity[row] = bestValue
                                                        outLower[row] = 0
                                                        outUpper[row] = bestValue
                                                    }
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// After the centres moved from `previous` to `centroids` (same slots), moves every item's
    /// bounds by how far the centres went and places again only the items the bounds no longer
    /// settle: an item in a cluster whose centre may now be beaten by another, an item in none
    /// that may now clear the floor, and any anchored item away from its group.
    func replace(_ vectors: DenseRows, centroids: [[Float]], previous: [[Float]], anchorSlot: [Int?], placement: inout Placement) {
        let drift = zip(centroids, previous).map { new, old -> Float in
            let squared = zip(new, old).reduce(0.0) { $0 + (Double($1.0) - Double($1.1)) * (Double($1.0) - Double($1.1)) }
            return Float(squared.squareRoot()) + Self.boundSlack
        }
        let largest = drift.max() ?? 0
        let floor = settings.outlierSimilarity
        var unsettled: [Int] = []
        for row in 0..<vectors.rowCount {
            placement.upper[row] += largest
            let slot = Int(placement.slot[row])
            guard slot >= 0 else {
                if anchorSlot[row] != nil || (placement.upper[row] >= floor && placement.upper[row] > 0) { unsettled.append(row) }
                continue
            }
            placement.lower[row] -= drift[slot]
            let lower = placement.lower[row]
            let stays: Bool
            if let anchor = anchorSlot[row] {
                stays = anchor == slot && lower >= floor && lower > 0
            } else {
                stays = lower > placement.upper[row] && lower >= floor && lower > 0
            }
            if !stays { unsettled.append(row) }
        }
        place(vectors, centroids: centroids, anchorSlot: anchorSlot, rows: unsettled, into: &placement)
    }

    /// Items compared with every centre in one matrix product.
    static let placementBlock = 512

    /// Added to every centre's move: covers the rounding of single-precision similarities, so
    /// a bound never claims more than the arithmetic can tell.
    static let boundSlack: Float = 1e-4
}
