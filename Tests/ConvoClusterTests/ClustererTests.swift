import ConvoBase
@testable import ConvoCluster
import ConvoModel
import ConvoTestSupport
import Testing

@Suite struct ClustererTests {
    private func items(_ rows: [SyntheticIntents.Row]) -> [ClusteringItem] {
        rows.map { ClusteringItem(id: $0.id, text: $0.text) }
    }

    @Test func findsTheIntentsWithoutBeingToldHowMany() {
        let rows = SyntheticIntents.rows(perIntent: 40)
        let result = Clusterer().cluster(items(rows))
        let scores = ClusterScores(gold: rows.map(\.label), predicted: result.assignments)
        // Lexical features split an intent by wording when its wordings share few words, so
        // expect pure clusters, a handful per intent at most, and nearly everything assigned.
        #expect((8...40).contains(result.clusters.count), "\(scores.summary)")
        #expect(scores.purity >= 0.95, "\(scores.summary)")
        #expect(scores.ari >= 0.4, "\(scores.summary)")
        #expect(scores.coverage >= 0.95, "\(scores.summary)")
    }

    @Test func noClusterIsSmallerThanTheMinimum() {
        // Three intents are common, one appears only three times: it must not become a cluster.
        var rows = SyntheticIntents.rows(perIntent: 30, intents: ["refund", "webhook", "invoice"])
        let rare = SyntheticIntents.rows(perIntent: 3, seed: 99, intents: ["export"])
        rows += rare.map { SyntheticIntents.Row(id: "rare-\($0.id)", text: $0.text, label: $0.label) }
        for minimum in [5, 20] {
            var settings = ClusteringSettings()
            settings.minClusterSize = minimum
            let result = Clusterer(settings: settings).cluster(items(rows))
            #expect(!result.clusters.isEmpty)
            for cluster in result.clusters { #expect(cluster.size >= minimum) }
            let counts = Dictionary(grouping: result.assignments.compactMap { $0 }, by: { $0 }).mapValues(\.count)
            #expect(counts.values.allSatisfy { $0 >= minimum })
        }
    }

    @Test func emptyAndUnknownTextsStayUnassigned() {
        var input = items(SyntheticIntents.rows(perIntent: 20))
        input.append(ClusteringItem(id: "empty", text: ""))
        input.append(ClusteringItem(id: "noise", text: "zxqv plorth"))
        input.append(ClusteringItem(id: "punctuation", text: "?!?! ..."))
        let result = Clusterer().cluster(input)
        let byID = result.assignmentsByID()
        #expect(byID["empty"] == nil)
        #expect(byID["noise"] == nil)
        #expect(byID["punctuation"] == nil)
    }

    @Test func tinyInputsGiveNoClustersAndNoCrash() {
        #expect(Clusterer().cluster([]).clusters.isEmpty)
        let few = Clusterer().cluster([ClusteringItem(id: "a", text: "refund please"), ClusteringItem(id: "b", text: "refund")])
        #expect(few.clusters.isEmpty)
        #expect(few.assignments == [nil, nil])
    }

    @Test func sameInputSameResult() {
        let input = items(SyntheticIntents.rows(perIntent: 25))
        let first = Clusterer().cluster(input)
        let second = Clusterer().cluster(input)
        #expect(first.assignments == second.assignments)
        #expect(first.clusters == second.clusters)
    }

    @Test func inputOrderDoesNotChangeTheGrouping() {
        let input = items(SyntheticIntents.rows(perIntent: 25))
        var random = SplitMix64(seed: 5)
        let shuffled = input.shuffled(using: &random)
        func partition(_ result: ClusteringResult) -> Set<Set<String>> {
            Set(result.clusters.map { Set($0.members.map { result.ids[$0] }) })
        }
        #expect(partition(Clusterer().cluster(input)) == partition(Clusterer().cluster(shuffled)))
    }

    @Test func clustersAreOrderedAndDescribed() throws {
        let rows = SyntheticIntents.rows(perIntent: 30)
        let result = Clusterer().cluster(items(rows))
        #expect(result.clusters.map(\.size) == result.clusters.map(\.size).sorted(by: >))
        for (index, cluster) in result.clusters.enumerated() {
            #expect(cluster.index == index)
            #expect(!cluster.topTerms.isEmpty)
            #expect(cluster.cohesion > 0 && cluster.cohesion <= 1.0001)
            for member in cluster.members { #expect(result.assignments[member] == index) }
        }
        // The webhook cluster is described by its own word.
        let labels = rows.map(\.label)
        let webhook = try #require(result.clusters.max { a, b in
            a.members.filter { labels[$0] == "webhook" }.count < b.members.filter { labels[$0] == "webhook" }.count
        })
        #expect(webhook.topTerms.prefix(3).contains("webhook"))
        // New text lands in the same space, nearest to the cluster it belongs to.
        let space = try #require(result.space)
        let probe = space.vectors(for: [ClusteringItem(id: "new", text: "webhok is not firing at all")])
        let similarities = result.clusters.map { cluster in zip(cluster.centroid, probe.row(0)).reduce(Float(0)) { $0 + $1.0 * $1.1 } }
        let nearest = try #require(similarities.indices.max { similarities[$0] < similarities[$1] })
        #expect(result.clusters[nearest].members.allSatisfy { labels[$0] == "webhook" })
    }

    @Test func conversationTextIsChieflyTheUsersFirstTurn() throws {
        let conversation = Conversation(id: "c1", turns: [
            Turn(role: .user, content: "my webhook is not firing"),
            Turn(role: .assistant, content: String(repeating: "Please check the invoice settings page. ", count: 20)),
            Turn(role: .user, content: "still not firing"),
            Turn(role: .tool, content: "search results"),
        ])
        let item = ConversationTextPolicy().item(for: conversation)
        #expect(item.id == "c1")
        #expect(item.parts.map(\.text) == ["my webhook is not firing", "still not firing", conversation.turns[1].content])
        #expect(item.parts.map(\.weight) == [1, 0.5, 0.1])
        // Clustered among webhook and invoice questions, it joins the webhook questions despite
        // the assistant's long talk about invoices.
        let rows = SyntheticIntents.rows(perIntent: 30, intents: ["webhook", "invoice"])
        let result = Clusterer().cluster(items(rows) + [item])
        let joined = try #require(result.assignmentsByID()["c1"])
        let labels = result.clusters[joined].members.compactMap { $0 < rows.count ? rows[$0].label : nil }
        #expect(labels.filter { $0 == "webhook" }.count > labels.count / 2, "\(labels)")
    }

    @Test func denseVectorsFromAnEmbedderCluster() async throws {
        let rows = SyntheticIntents.rows(perIntent: 30)
        let embedder = LabelEmbedder(labels: Dictionary(rows.map { ($0.text, $0.label) }, uniquingKeysWith: { first, _ in first }))
        let source = EmbeddingSource.embedder(embedder)
        let result = try await Clusterer(settings: source.suggestedSettings).cluster(items(rows), source: source)
        let scores = ClusterScores(gold: rows.map(\.label), predicted: result.assignments)
        #expect(result.clusters.count == 8, "\(scores.summary)")
        #expect(scores.ari > 0.95, "\(scores.summary)")
        #expect(result.clusters.allSatisfy { !$0.topTerms.isEmpty })
        #expect(result.space == nil)
    }

    @Test func embeddedItemsAreTheWeightedMeanOfTheirParts() async throws {
        let embedder = LabelEmbedder(labels: [:], dimension: 8)
        let single = try await Clusterer.embed([ClusteringItem(id: "a", text: "first")], with: embedder)
        let other = try await Clusterer.embed([ClusteringItem(id: "b", text: "second")], with: embedder)
        let mixed = try await Clusterer.embed([ClusteringItem(id: "c", parts: [WeightedText("first", weight: 1),
                                                                                 WeightedText("second", weight: 0.1)])], with: embedder)
        func cosine(_ a: DenseRows, _ b: DenseRows) -> Float { zip(a.row(0), b.row(0)).reduce(Float(0)) { $0 + $1.0 * $1.1 } }
        #expect(cosine(mixed, single) > cosine(mixed, other))
        #expect(abs(mixed.row(0).reduce(Float(0)) { $0 + $1 * $1 } - 1) < 1e-4)
    }

    @Test func anEmbedderReturningTheWrongShapeIsAnError() async {
        let broken = LabelEmbedder(labels: [:], dimension: 4, wrongLength: true)
        await #expect(throws: ConvoError.self) {
            _ = try await Clusterer().cluster([ClusteringItem(id: "a", text: "x")], embedder: broken)
        }
    }
}

/// A test double for a sentence encoder: texts of the same intent land near the same random
/// direction, with noise, the way a good encoder places paraphrases.
struct LabelEmbedder: TextEmbedder {
    var labels: [String: String]
    var dimension = 32
    var wrongLength = false
    var identifier: String { "test:labels" }

    func embed(_ texts: [String]) async throws -> [[Float]] {
        texts.map { text in
            var centre = SplitMix64(seed: TextAnalyzer.hash(Array((labels[text] ?? text).utf8), kind: .word))
            var noise = SplitMix64(seed: TextAnalyzer.hash(Array(text.utf8), kind: .chars))
            let length = wrongLength ? dimension + 1 : dimension
            return (0..<length).map { _ in Float(centre.nextGaussian() + 0.25 * noise.nextGaussian()) }
        }
    }
}

@Suite struct PrecomputedVectorTests {
    @Test func aVectorCountThatDoesNotMatchIsAnError() throws {
        let items = [ClusteringItem(id: "a", text: "x"), ClusteringItem(id: "b", text: "y")]
        #expect(throws: ConvoError.self) { _ = try Clusterer().cluster(items, vectors: DenseRows(rowCount: 3, dimension: 4)) }
        let result = try Clusterer().cluster(items, vectors: DenseRows(rowCount: 2, dimension: 4))
        #expect(result.assignments == [nil, nil])
    }
}

@Suite struct AnchoredClusteringTests {
    @Test func growingDataKeepsEarlierGroupsAndFindsNewOnes() throws {
        let known = ["refund", "webhook", "invoice", "api-key", "cancel"]
        let before = SyntheticIntents.rows(perIntent: 40, seed: 1, intents: known)
        // 10% more of the same, plus an intent never seen before.
        let more = SyntheticIntents.rows(perIntent: 4, seed: 2, intents: known).map { SyntheticIntents.Row(id: "more-\($0.id)", text: $0.text, label: $0.label) }
        let novel = SyntheticIntents.rows(perIntent: 25, seed: 3, intents: ["export"]).map { SyntheticIntents.Row(id: "new-\($0.id)", text: $0.text, label: $0.label) }
        let first = Clusterer().cluster(before.map { ClusteringItem(id: $0.id, text: $0.text) })
        var anchors: [String: String] = [:]
        for (id, cluster) in first.assignmentsByID() { anchors[id] = "intent-\(cluster)" }

        let after = before + more + novel
        let second = Clusterer(anchors: anchors).cluster(after.map { ClusteringItem(id: $0.id, text: $0.text) })
        let keyOf = Dictionary(uniqueKeysWithValues: second.clusters.map { ($0.index, $0.anchor) })
        let now = second.assignmentsByID()
        let kept = anchors.filter { id, key in now[id].flatMap { keyOf[$0] ?? nil } == key }.count
        #expect(Double(kept) >= 0.95 * Double(anchors.count), "\(kept) of \(anchors.count)")
        // Every earlier group is still there, under its key.
        #expect(Set(second.clusters.compactMap(\.anchor)) == Set(anchors.values))
        // The new intent forms clusters of its own, without a key.
        let inNewClusters = novel.filter { row in now[row.id].map { keyOf[$0] == .some(nil) } ?? false }
        #expect(inNewClusters.count * 10 >= novel.count * 8, "\(inNewClusters.count) of \(novel.count)")
        for cluster in second.clusters where cluster.anchor == nil { #expect(cluster.size >= 5) }
    }
}
