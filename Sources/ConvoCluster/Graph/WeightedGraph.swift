/// An undirected weighted graph in compressed adjacency form. A self-loop is stored once, with
/// twice its edge weight, so every node's degree is simply the sum of its row.
struct WeightedGraph: Sendable {
    var offsets: [Int]
    var targets: [Int32]
    var weights: [Double]

    var nodeCount: Int { offsets.count - 1 }

    /// The symmetric k-nearest-neighbour graph: an edge wherever either end lists the other,
    /// weighted by their (non-negative) cosine similarity.
    ///
    /// Near-duplicates (similarity ≥ `duplicateSimilarity`) are linked but not counted among the
    /// `k`: otherwise a text typed the same way a hundred times links only to its own copies,
    /// and every wording of an intent becomes a cluster of its own.
    init(neighbors: NeighborLists, nodeCount: Int, k: Int, duplicateSimilarity: Float) {
        var edges: [(UInt64, Double)] = []
        edges.reserveCapacity(nodeCount * k * 2)
        for node in 0..<nodeCount {
            var counted = 0
            for slot in 0..<neighbors.k where counted < k {
                let other = Int(neighbors.indices[node * neighbors.k + slot])
                guard other >= 0 else { continue }
                let similarity = neighbors.similarities[node * neighbors.k + slot]
                if similarity < duplicateSimilarity { counted += 1 }
                let weight = Double(max(similarity, 0))
                guard weight > 0 else { continue }
                edges.append((UInt64(node) << 32 | UInt64(other), weight))
                edges.append((UInt64(other) << 32 | UInt64(node), weight))
            }
        }
        edges.sort { $0.0 < $1.0 }
        offsets = [Int](repeating: 0, count: nodeCount + 1)
        targets = []
        weights = []
        var previous: UInt64?
        for (key, weight) in edges {
            if key == previous {
                weights[weights.count - 1] = max(weights[weights.count - 1], weight)
                continue
            }
            previous = key
            offsets[Int(key >> 32) + 1] += 1
            targets.append(Int32(truncatingIfNeeded: key & 0xFFFF_FFFF))
            weights.append(weight)
        }
        for node in 0..<nodeCount { offsets[node + 1] += offsets[node] }
    }

    init(offsets: [Int], targets: [Int32], weights: [Double]) {
        self.offsets = offsets
        self.targets = targets
        self.weights = weights
    }

    func degree(_ node: Int) -> Double {
        var total = 0.0
        for entry in offsets[node]..<offsets[node + 1] { total += weights[entry] }
        return total
    }
}
