/// Where every item stands after an assignment pass: its centre (or none), its similarity there,
/// and bounds that let the next pass skip it (Elkan's bounds, in cosine terms).
///
/// For unit vectors, a centre that moves by distance d changes any similarity to it by at most
/// d. So after the centres move, an item whose lower bound to its own centre, less that
/// centre's move, still beats its bound to every other centre, plus that centre's move, stays
/// where it is without a single comparison. Late rounds of settling move a few hundred of
/// 100,000 items, and compare little more than those.
struct Placement {
    /// Slot of each item's centre; -1 for none.
    var slot: [Int32]
    /// Each item's similarity to its centre (to the nearest centre, for an item in none), as of
    /// the last pass that compared it.
    var similarity: [Float]
    /// At most the item's similarity to its own centre.
    var lower: [Float]
    /// `count × centres`: at least the item's similarity to each centre.
    var upper: [Float]
    /// Centres the bounds in `upper` are for.
    var centres = 0

    init(count: Int) {
        slot = [Int32](repeating: -1, count: count)
        similarity = [Float](repeating: 0, count: count)
        lower = [Float](repeating: 0, count: count)
        upper = []
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
        if placement.centres != count || placement.upper.count != vectors.rowCount * count {
            placement.upper = [Float](repeating: .infinity, count: vectors.rowCount * count)
            placement.centres = count
        }
        guard count > 0, dimension > 0 else {
            for position in 0..<total {
                let row = subset?[position] ?? position
                placement.slot[row] = -1
                placement.similarity[row] = 0
            }
            return
        }
        let floor = settings.outlierSimilarity
        let flat = centroids.flatMap { $0 }
        flat.withUnsafeBufferPointer { centres in
            placement.slot.withUnsafeMutableBufferPointer { slotBuffer in
                placement.similarity.withUnsafeMutableBufferPointer { similarityBuffer in
                    placement.lower.withUnsafeMutableBufferPointer { lowerBuffer in
                        placement.upper.withUnsafeMutableBufferPointer { upperBuffer in
                            guard let centreBase = centres.baseAddress else { return }
                            let outSlot = SharedBuffer(slotBuffer)
                            let outSimilarity = SharedBuffer(similarityBuffer)
                            let outLower = SharedBuffer(lowerBuffer)
                            let outUpper = SharedBuffer(upperBuffer)
                            SimilarityBlocks.forEach(vectors, rows: subset, candidates: centreBase, candidateCount: count,
                                                     block: Self.placementBlock) { row, values in
                                (outUpper.base + row * count).update(from: values, count: count)
                                var best = 0
                                for centre in 1..<max(1, count) where values[centre] > values[best] { best = centre }
                                let bestValue = values[best]
                                if let slot = anchorSlot[row], values[slot] > 0, values[slot] >= floor {
                                    outSlot[row] = Int32(slot)
                                    outSimilarity[row] = values[slot]
                                    outLower[row] = values[slot]
                                } else if bestValue > 0 && bestValue >= floor {
                                    outSlot[row] = Int32(best)
                                    outSimilarity[row] = bestValue
                                    outLower[row] = bestValue
                                } else {
                                    // Below the floor everywhere (a text with no known features has a
                                    // zero vector and matches nothing).
                                    outSlot[row] = -1
                                    outSimilarity[row] = bestValue
                                    outLower[row] = 0
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// After the centres moved from `previous` to `centroids` (same slots), moves every item's
    /// bounds by how far each centre went and places again only the items the bounds no longer
    /// settle: an item in a cluster whose centre may now be beaten by another, an item in none
    /// that may now clear the floor, and any anchored item away from its group.
    func replace(_ vectors: DenseRows, centroids: [[Float]], previous: [[Float]], anchorSlot: [Int?], placement: inout Placement) {
        let count = centroids.count
        guard placement.centres == count, count > 0 else {
            place(vectors, centroids: centroids, anchorSlot: anchorSlot, rows: nil, into: &placement)
            return
        }
        let drift = zip(centroids, previous).map { new, old -> Float in
            let squared = zip(new, old).reduce(0.0) { $0 + (Double($1.0) - Double($1.1)) * (Double($1.0) - Double($1.1)) }
            return Float(squared.squareRoot()) + Self.boundSlack
        }
        let floor = settings.outlierSimilarity
        var unsettled: [Int] = []
        placement.upper.withUnsafeMutableBufferPointer { buffer in
            guard let upper = buffer.baseAddress else { return }
            for row in 0..<vectors.rowCount {
                let bounds = upper + row * count
                var highest = -Float.infinity
                let slot = Int(placement.slot[row])
                for centre in 0..<count {
                    bounds[centre] += drift[centre]
                    if centre != slot { highest = max(highest, bounds[centre]) }
                }
                guard slot >= 0 else {
                    if anchorSlot[row] != nil || (highest >= floor && highest > 0) { unsettled.append(row) }
                    continue
                }
                placement.lower[row] -= drift[slot]
                let lower = placement.lower[row]
                let stays: Bool
                if let anchor = anchorSlot[row] {
                    stays = anchor == slot && lower >= floor && lower > 0
                } else {
                    stays = lower > highest && lower >= floor && lower > 0
                }
                if !stays { unsettled.append(row) }
            }
        }
        place(vectors, centroids: centroids, anchorSlot: anchorSlot, rows: unsettled, into: &placement)
    }

    /// Items compared with every centre in one matrix product.
    static let placementBlock = 512

    /// Added to every centre's move: covers the rounding of single-precision similarities, so
    /// a bound never claims more than the arithmetic can tell.
    static let boundSlack: Float = 1e-4
}

/// Every cluster's member count and the sum of its members' vectors, kept up to date as items
/// move, so a round of settling costs what moved rather than a pass over every vector.
struct ClusterTotals {
    private(set) var counts: [Int]
    private var sums: [Double]
    private let dimension: Int
    /// Whether the sums were added up afresh, in member order, since the last move: then
    /// `centroid` gives exactly the bits `Clusterer.centroid(of:in:)` gives.
    private(set) var fresh = true

    init(_ slots: [Int32], in vectors: DenseRows, count: Int) {
        dimension = vectors.dimension
        counts = [Int](repeating: 0, count: count)
        sums = [Double](repeating: 0, count: count * dimension)
        let dimension = dimension
        vectors.values.withUnsafeBufferPointer { data in
            sums.withUnsafeMutableBufferPointer { total in
                guard let base = data.baseAddress, let total = total.baseAddress else { return }
                for (row, slot) in slots.enumerated() where slot >= 0 && Int(slot) < count {
                    counts[Int(slot)] += 1
                    Kernels.accumulate(base + row * dimension, into: total + Int(slot) * dimension, dimension)
                }
            }
        }
    }

    /// Moves `row` from cluster `from` to `to` (-1 for none).
    mutating func move(_ row: Int, from: Int, to: Int, in vectors: DenseRows) {
        fresh = false
        let dimension = dimension
        vectors.values.withUnsafeBufferPointer { data in
            sums.withUnsafeMutableBufferPointer { total in
                guard let base = data.baseAddress, let total = total.baseAddress else { return }
                let vector = base + row * dimension
                if from >= 0 {
                    counts[from] -= 1
                    for k in 0..<dimension { total[from * dimension + k] -= Double(vector[k]) }
                }
                if to >= 0 {
                    counts[to] += 1
                    Kernels.accumulate(vector, into: total + to * dimension, dimension)
                }
            }
        }
    }

    /// The unit-length mean of cluster `slot`'s members.
    func centroid(_ slot: Int) -> [Float] {
        let sum = sums[(slot * dimension)..<((slot + 1) * dimension)]
        let norm = sum.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return sum.map { norm > 0 ? Float($0 / norm) : 0 }
    }
}
