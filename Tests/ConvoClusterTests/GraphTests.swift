@testable import ConvoCluster
import Testing

@Suite struct GraphTests {
    /// Unit vectors around a few well-separated directions.
    private func blobs(_ centres: Int, each: Int, dimension: Int = 16, noise: Float = 0.15) -> DenseRows {
        var random = SplitMix64(seed: 11)
        var values: [Float] = []
        for _ in 0..<each {
            for centre in 0..<centres {
                for k in 0..<dimension {
                    values.append((k == centre ? 1 : 0) + noise * Float(random.nextGaussian()))
                }
            }
        }
        var rows = DenseRows(rowCount: centres * each, dimension: dimension, values: values)
        rows.normalizeRows()
        return rows
    }

    @Test func nearestNeighboursMatchBruteForce() {
        let rows = blobs(3, each: 30)
        let lists = NeighborLists(rows: rows, k: 5)
        for row in [0, 17, 89] {
            var scored: [(index: Int, similarity: Float)] = []
            for other in 0..<rows.rowCount where other != row {
                var similarity: Float = 0
                for (a, b) in zip(rows.row(row), rows.row(other)) { similarity += a * b }
                scored.append((other, similarity))
            }
            scored.sort { $0.similarity > $1.similarity || ($0.similarity == $1.similarity && $0.index < $1.index) }
            let expected = scored.prefix(5).map { Int32($0.index) }
            #expect(Array(lists.indices[(row * 5)..<(row * 5 + 5)]) == expected)
        }
    }

    @Test func louvainSplitsTwoCliquesJoinedByOneEdge() {
        // Nodes 0–4 and 5–9 are cliques; one weak edge 4–5 joins them.
        var entries: [(Int, Int, Double)] = []
        for group in [0, 5] {
            for a in group..<(group + 5) {
                for b in (a + 1)..<(group + 5) { entries.append((a, b, 1)) }
            }
        }
        entries.append((4, 5, 0.1))
        let graph = makeGraph(nodes: 10, entries)
        let communities = Louvain.communities(of: graph, resolution: 1)
        #expect(communities == [0, 0, 0, 0, 0, 1, 1, 1, 1, 1])
    }

    @Test func higherResolutionFindsSmallerCommunities() {
        // A ring of eight 4-cliques: low resolution merges neighbours, high keeps each clique.
        var entries: [(Int, Int, Double)] = []
        for clique in 0..<8 {
            let base = clique * 4
            for a in base..<(base + 4) {
                for b in (a + 1)..<(base + 4) { entries.append((a, b, 1)) }
            }
            entries.append((base + 3, ((clique + 1) % 8) * 4, 1))
        }
        let graph = makeGraph(nodes: 32, entries)
        let coarse = Set(Louvain.communities(of: graph, resolution: 0.3)).count
        let fine = Set(Louvain.communities(of: graph, resolution: 1.5)).count
        #expect(fine == 8)
        #expect(coarse < fine)
    }

    @Test func knnGraphRecoversBlobs() {
        let rows = blobs(4, each: 25)
        let graph = WeightedGraph(neighbors: NeighborLists(rows: rows, k: 8), nodeCount: rows.rowCount, k: 8, duplicateSimilarity: 1.1)
        let communities = Louvain.communities(of: graph, resolution: 1)
        #expect(Set(communities).count == 4)
        for index in 0..<rows.rowCount {
            #expect(communities[index] == communities[index % 4])
        }
    }

    private func makeGraph(nodes: Int, _ entries: [(Int, Int, Double)]) -> WeightedGraph {
        var rows = [[(Int32, Double)]](repeating: [], count: nodes)
        for (a, b, w) in entries {
            rows[a].append((Int32(b), w))
            rows[b].append((Int32(a), w))
        }
        var offsets = [0]
        var targets: [Int32] = []
        var weights: [Double] = []
        for row in rows {
            for (target, weight) in row.sorted(by: { $0.0 < $1.0 }) {
                targets.append(target)
                weights.append(weight)
            }
            offsets.append(targets.count)
        }
        return WeightedGraph(offsets: offsets, targets: targets, weights: weights)
    }
}
