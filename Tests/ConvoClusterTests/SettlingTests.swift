import ConvoBase
@testable import ConvoCluster
import Testing

/// The mechanisms behind clustering more items than the discovery sample holds: settling with
/// bounds, the blocked sparse product, and the allocation-free word scan. Each is checked
/// against the plain computation it stands in for.
@Suite struct SettlingTests {
    private func items(_ rows: [SyntheticIntents.Row]) -> [ClusteringItem] {
        rows.map { ClusteringItem(id: $0.id, text: $0.text) }
    }

    /// Unit vectors around `intents` random centres, with noise: dense data whose clusters
    /// overlap at the edges, so settling has items to move.
    private func noisyVectors(count: Int, intents: Int, dimension: Int, seed: UInt64) -> DenseRows {
        var random = SplitMix64(seed: seed)
        let centres = (0..<intents).map { _ in (0..<dimension).map { _ in Float(random.nextGaussian()) } }
        var values: [Float] = []
        for row in 0..<count {
            let centre = centres[row % intents]
            values += centre.map { $0 + 1.2 * Float(random.nextGaussian()) }
        }
        var rows = DenseRows(rowCount: count, dimension: dimension, values: values)
        rows.normalizeRows()
        return rows
    }

    /// Items without text for `vectors`, and settings that discover on `sample` of them.
    private func sampled(_ vectors: DenseRows, sample: Int) -> (items: [ClusteringItem], settings: ClusteringSettings) {
        var settings = ClusteringSettings.denseEmbeddings
        settings.discoveryLimit = sample
        settings.outlierSimilarity = 0.1
        return ((0..<vectors.rowCount).map { ClusteringItem(id: "v\($0)", text: "") }, settings)
    }

    @Test func beyondTheSampleTheResultIsAFixedPointOfAssigningEveryItem() throws {
        let raw = noisyVectors(count: 3000, intents: 6, dimension: 24, seed: 5)
        let (items, settings) = sampled(raw, sample: 500)
        let clusterer = Clusterer(settings: settings)
        let result = try clusterer.cluster(items, vectors: raw)
        #expect(result.clusters.count >= 3, "\(result.clusters.count) clusters")
        // Clustering works on the rows scaled to unit length (again, for these).
        var vectors = raw
        vectors.normalizeRows()
        // Each centre is the mean of its members, and every item is at its nearest centre (or in
        // none below the floor): assigning everything again moves nothing.
        let (again, similarity) = clusterer.assign(vectors, to: result.clusters.map(\.centroid), anchorSlot: Array(repeating: nil, count: items.count))
        #expect(again == result.assignments)
        for cluster in result.clusters {
            #expect(cluster.centroid == Clusterer.centroid(of: cluster.members.sorted(), in: vectors))
            let first = try #require(cluster.members.first)
            #expect(similarity[first] == cluster.members.map { similarity[$0] }.max(), "members are most central first")
        }
    }

    @Test func unchangedDataBeyondTheSampleClustersTheSameAgainFromItsOwnGroups() throws {
        let vectors = noisyVectors(count: 2400, intents: 5, dimension: 16, seed: 11)
        let (items, settings) = sampled(vectors, sample: 400)
        let first = try Clusterer(settings: settings).cluster(items, vectors: vectors)
        var anchors: [String: String] = [:]
        for (index, cluster) in first.assignments.enumerated() {
            if let cluster { anchors[items[index].id] = "g\(cluster)" }
        }
        let second = try Clusterer(settings: settings, anchors: anchors).cluster(items, vectors: vectors)
        let keyOf = second.clusters.map { $0.anchor }
        let moved = zip(first.assignments, second.assignments).filter { old, new in
            old.map { "g\($0)" } != new.flatMap { keyOf[$0] }
        }
        #expect(moved.isEmpty, "\(moved.count) items changed group")
        #expect(second.clusters.allSatisfy { $0.anchor != nil }, "no new group")
    }

    @Test func theBlockedSparseProductHasTheBitsOfTheRowByRowOne() {
        var random = SplitMix64(seed: 3)
        let columns = 300
        let width = 200  // 491 rows per block: 1,200 rows make three blocks
        var rows: [(columns: [Int32], values: [Float])] = []
        for _ in 0..<1200 {
            let picked = Set((0..<(Int(random.next() % 40) + 1)).map { _ in Int32(random.next() % UInt64(columns)) })
            let ordered = picked.shuffled(using: &random)  // products must not depend on entry order
            rows.append((ordered, ordered.map { _ in Float(random.nextGaussian()) }))
        }
        let matrix = SparseRows(columnCount: columns, rows: rows)
        let dense = (0..<(columns * width)).map { _ in Float(random.nextGaussian()) }
        var blocked = [Float](repeating: 0, count: matrix.rowCount * width)
        blocked.withUnsafeMutableBufferPointer { out in dense.withUnsafeBufferPointer { matrix.multiply($0, width: width, into: out) } }
        var plain = [Float](repeating: 0, count: matrix.rowCount * width)
        for (row, entries) in rows.enumerated() {
            for (column, value) in zip(entries.columns, entries.values).sorted(by: { $0.0 < $1.0 }) {
                for k in 0..<width { plain[row * width + k] += value * dense[Int(column) * width + k] }
            }
        }
        #expect(blocked == plain)
    }

    @Test func theWordScanGivesExactlyTheContentWords() {
        let texts = [
            "Hi team, my WEBHOOK isn't firing since 2026-11-03 ... don't know why!!",
            "Café déjà-vu: naïve façade — résumé’s pages", "   ", "", "ok ok ok", "a b c 12 345 x1 1x",
            "the studies failed; replies ignored; quickly tried re-deploying", "ÉCOLE ÜBER straße ǅemal",
            "emoji 🎉 party 🎉🎉 works", String(repeating: "verylongword", count: 40),
        ]
        for text in texts {
            var scanned: [[UInt8]] = []
            TextAnalyzer.forEachContentWord(text) { scanned.append(Array($0)) }
            #expect(scanned == TextAnalyzer.contentWords(text), "\(text)")
        }
    }
}
