/// Community detection by modularity with a resolution parameter (Blondel et al. 2008):
/// nodes move to the neighbouring community that raises modularity most, communities are
/// collapsed into nodes, and that repeats until nothing moves. The number of communities comes
/// out of the graph; the resolution sets how large a group must be, relative to the links
/// between groups, to stand on its own. Nodes are visited in index order and ties go to the
/// lower community, so the result is deterministic.
enum Louvain {
    /// The community of every node, numbered from 0 in order of first appearance.
    static func communities(of graph: WeightedGraph, resolution: Double, maxLevels: Int = 20) -> [Int] {
        var membership = Array(0..<graph.nodeCount)
        var current = graph
        for _ in 0..<maxLevels {
            let (local, moved) = moveNodes(current, resolution: resolution)
            let (renumbered, communityCount) = renumber(local)
            for node in membership.indices { membership[node] = renumbered[membership[node]] }
            if !moved || communityCount == current.nodeCount { break }
            current = aggregate(current, membership: renumbered, communityCount: communityCount)
        }
        return renumber(membership).0
    }

    /// One level of local moving. Returns each node's community and whether any node moved.
    private static func moveNodes(_ graph: WeightedGraph, resolution: Double) -> ([Int], Bool) {
        let count = graph.nodeCount
        let degrees = (0..<count).map { graph.degree($0) }
        let totalWeight = degrees.reduce(0, +)  // 2m
        guard totalWeight > 0 else { return (Array(0..<count), false) }
        var community = Array(0..<count)
        var communityDegree = degrees
        var linkWeight = [Double](repeating: 0, count: count)
        var linked: [Int] = []
        var movedAny = false
        for _ in 0..<100 {
            var moves = 0
            for node in 0..<count {
                let own = community[node]
                let degree = degrees[node]
                // Weights from this node to each neighbouring community (self-loops excluded).
                for entry in graph.offsets[node]..<graph.offsets[node + 1] {
                    let other = Int(graph.targets[entry])
                    guard other != node else { continue }
                    let target = community[other]
                    if linkWeight[target] == 0 { linked.append(target) }
                    linkWeight[target] += graph.weights[entry]
                }
                communityDegree[own] -= degree
                let scale = resolution * degree / totalWeight
                var best = own
                var bestGain = linkWeight[own] - scale * communityDegree[own]
                for target in linked where target != own {
                    let gain = linkWeight[target] - scale * communityDegree[target]
                    if gain > bestGain + 1e-12 || (abs(gain - bestGain) <= 1e-12 && target < best && best != own) {
                        best = target
                        bestGain = gain
                    }
                }
                communityDegree[best] += degree
                if best != own {
                    community[node] = best
                    moves += 1
                }
                for target in linked { linkWeight[target] = 0 }
                linkWeight[own] = 0
                linked.removeAll(keepingCapacity: true)
            }
            if moves == 0 { break }
            movedAny = true
        }
        return (community, movedAny)
    }

    private static func renumber(_ labels: [Int]) -> ([Int], Int) {
        var map: [Int: Int] = [:]
        var output = [Int](repeating: 0, count: labels.count)
        for (index, label) in labels.enumerated() {
            if let known = map[label] {
                output[index] = known
            } else {
                map[label] = map.count
                output[index] = map.count - 1
            }
        }
        return (output, map.count)
    }

    /// Collapses each community into one node; links between communities become edges with the
    /// summed weight, links inside become a self-loop.
    private static func aggregate(_ graph: WeightedGraph, membership: [Int], communityCount: Int) -> WeightedGraph {
        var rows = [[Int: Double]](repeating: [:], count: communityCount)
        for node in 0..<graph.nodeCount {
            let from = membership[node]
            for entry in graph.offsets[node]..<graph.offsets[node + 1] {
                rows[from][membership[Int(graph.targets[entry])], default: 0] += graph.weights[entry]
            }
        }
        var offsets = [0]
        var targets: [Int32] = []
        var weights: [Double] = []
        for row in rows {
            for key in row.keys.sorted() {
                targets.append(Int32(key))
                weights.append(row[key] ?? 0)
            }
            offsets.append(targets.count)
        }
        return WeightedGraph(offsets: offsets, targets: targets, weights: weights)
    }

    /// Merges every community smaller than `minimumSize` into the community it is most strongly
    /// linked to (relative to that community's size), smallest first, so a fine resolution cannot
    /// leave only fragments below the minimum. Communities with no links stay as they are.
    static func absorbSmallCommunities(_ membership: [Int], graph: WeightedGraph, minimumSize: Int) -> [Int] {
        var label = membership
        let count = (label.max() ?? -1) + 1
        guard count > 1 else { return label }
        var sizes = [Int](repeating: 0, count: count)
        for community in label { sizes[community] += 1 }
        // Union-find over communities, so merges chain.
        var parent = Array(0..<count)
        func root(_ x: Int) -> Int {
            var x = x
            while parent[x] != x {
                parent[x] = parent[parent[x]]
                x = parent[x]
            }
            return x
        }
        while true {
            var links: [Int: [Int: Double]] = [:]
            for node in 0..<graph.nodeCount {
                let from = root(label[node])
                guard sizes[from] < minimumSize else { continue }
                for entry in graph.offsets[node]..<graph.offsets[node + 1] {
                    let to = root(label[Int(graph.targets[entry])])
                    if to != from { links[from, default: [:]][to, default: 0] += graph.weights[entry] }
                }
            }
            let small = links.keys.sorted { sizes[$0] < sizes[$1] || (sizes[$0] == sizes[$1] && $0 < $1) }
            guard let from = small.first, let targets = links[from] else { break }
            let best = targets.keys.max { a, b in
                let left = (targets[a] ?? 0) / Double(sizes[a]).squareRoot()
                let right = (targets[b] ?? 0) / Double(sizes[b]).squareRoot()
                return left < right || (left == right && a > b)
            }
            guard let best else { break }
            parent[from] = best
            sizes[best] += sizes[from]
            sizes[from] = 0
        }
        for node in label.indices { label[node] = root(label[node]) }
        return renumber(label).0
    }
}
