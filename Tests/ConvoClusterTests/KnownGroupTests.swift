import ConvoBase
@testable import ConvoCluster
import Testing

/// Clustering that continues from known groups: anchored items, signals, merges and splits.
@Suite struct KnownGroupTests {
    func items(_ rows: [SyntheticIntents.Row]) -> [ClusteringItem] {
        rows.map { ClusteringItem(id: $0.id, text: $0.text) }
    }

    /// The key each item ends up under (nil for a new cluster or none), by id.
    func keys(_ result: ClusteringResult) -> [String: String?] {
        var keys: [String: String?] = [:]
        for (index, cluster) in result.assignments.enumerated() {
            keys[result.ids[index]] = cluster.map { result.clusters[$0].anchor }
        }
        return keys
    }

    @Test func signalsClaimTheirIntentBeforeAnyItemIsAnchored() throws {
        let rows = SyntheticIntents.rows(perIntent: 30)
        let signals = ["webhook-not-firing": [ClusteringItem(id: "e1", text: "my webhook is not firing"),
                                              ClusteringItem(id: "e2", text: "webhook events never delivered"),
                                              ClusteringItem(id: "k", text: "webhook trigger")]]
        let result = Clusterer(signals: signals).cluster(items(rows))
        let keys = keys(result)
        let webhook = rows.filter { $0.label == "webhook" }
        let claimed = webhook.filter { keys[$0.id] == .some("webhook-not-firing") }
        #expect(claimed.count * 10 >= webhook.count * 8, "\(claimed.count) of \(webhook.count) webhook questions under the key")
        let strays = rows.filter { $0.label != "webhook" && keys[$0.id] == .some("webhook-not-firing") }
        #expect(strays.count * 20 <= webhook.count, "\(strays.count) other questions joined it")
        #expect(result.clusters.filter { $0.anchor == nil }.allSatisfy { $0.size >= 5 })
    }

    @Test func aKeyWithSignalsButNoClusterStillGathersItsItems() throws {
        // Too few rows of its own for a cluster of their own (min size 5 is met only together).
        var rows = SyntheticIntents.rows(perIntent: 30, intents: ["refund", "invoice", "cancel"])
        rows += SyntheticIntents.rows(perIntent: 6, seed: 3, intents: ["webhook"]).map {
            SyntheticIntents.Row(id: "w-\($0.id)", text: $0.text, label: $0.label)
        }
        let signals = ["webhooks": [ClusteringItem(id: "e", text: "webhook not firing"), ClusteringItem(id: "k", text: "webhook")]]
        let result = Clusterer(signals: signals).cluster(items(rows))
        let keys = keys(result)
        let joined = rows.filter { $0.label == "webhook" && keys[$0.id] == .some("webhooks") }
        #expect(joined.count >= 5, "\(joined.count) of 6")
    }

    @Test func twoKeysOverTheSameIntentAreMergedAndReported() throws {
        let rows = SyntheticIntents.rows(perIntent: 40, intents: ["card-arrival", "webhook", "invoice", "cancel"])
        var anchors: [String: String] = [:]
        for (count, row) in rows.filter({ $0.label == "webhook" }).enumerated() { anchors[row.id] = count % 2 == 0 ? "webhooks-a" : "webhooks-b" }
        for row in rows where row.label == "cancel" { anchors[row.id] = "cancellations" }
        let result = Clusterer(anchors: anchors).cluster(items(rows))
        #expect(result.merged == ["webhooks-b": "webhooks-a"], "\(result.merged)")
        let keys = keys(result)
        #expect(rows.filter { $0.label == "webhook" }.allSatisfy { keys[$0.id] == .some("webhooks-a") })
        // Other known groups stay (or, with no signals to hold their wordings together, split).
        let splitOff = Set(result.clusters.filter { $0.splitFrom == "cancellations" }.map(\.index))
        #expect(rows.indices.filter { rows[$0].label == "cancel" }.allSatisfy { index in
            keys[rows[index].id] == .some("cancellations") || result.assignments[index].map(splitOff.contains) ?? true
        })
        #expect(!result.clusters.contains { $0.anchor == "webhooks-b" })
    }

    @Test func aGroupsOwnSignalsKeepItsWordingsTogether() throws {
        // "I want my money back" shares no word with "refund": lexically the two halves of the
        // group share nothing, but the group's signals name both.
        let rows = SyntheticIntents.rows(perIntent: 40, intents: ["refund", "invoice", "cancel"])
        var anchors: [String: String] = [:]
        for row in rows where row.label == "refund" { anchors[row.id] = "refunds" }
        let signals = ["refunds": [ClusteringItem(id: "e1", text: "how do I get a refund"), ClusteringItem(id: "e2", text: "I want my money back")]]
        let kept = Clusterer(anchors: anchors, signals: signals).cluster(items(rows))
        #expect(kept.clusters.allSatisfy { $0.splitFrom == nil })
        let keys = keys(kept)
        let refunds = rows.filter { $0.label == "refund" }
        // An anchored item leaves only when it no longer resembles its group at all (here a
        // typo-only question, left in no group).
        let stayed = refunds.filter { keys[$0.id] == .some("refunds") }
        #expect(stayed.count * 20 >= refunds.count * 19, "\(stayed.count) of \(refunds.count)")
        #expect(refunds.allSatisfy { keys[$0.id] == .some("refunds") || keys[$0.id] == nil })
    }

    @Test func aKeyHoldingTwoUnrelatedIntentsIsSplit() throws {
        let rows = SyntheticIntents.rows(perIntent: 40, intents: ["password-reset", "export", "refund"])
        var anchors: [String: String] = [:]
        for row in rows where row.label != "refund" { anchors[row.id] = "account-things" }
        let result = Clusterer(anchors: anchors).cluster(items(rows))
        let split = try #require(result.clusters.first { $0.splitFrom == "account-things" }, "\(result.clusters.map(\.splitFrom))")
        #expect(split.anchor == nil)
        let labels = Set(split.members.map { rows[$0].label })
        #expect(labels.count == 1 && !labels.contains("refund"), "\(labels)")
        let kept = try #require(result.clusters.first { $0.anchor == "account-things" })
        #expect(Set(kept.members.map { rows[$0].label }).isDisjoint(with: labels))
        #expect(result.merged.isEmpty)
    }

    @Test func oneIntentIsNotSplitForUsingDifferentWords() throws {
        let rows = SyntheticIntents.rows(perIntent: 60, intents: ["card-arrival", "refund", "webhook"])
        var anchors: [String: String] = [:]
        for row in rows { anchors[row.id] = row.label }
        let result = Clusterer(anchors: anchors).cluster(items(rows))
        #expect(result.clusters.allSatisfy { $0.splitFrom == nil })
        #expect(result.merged.isEmpty)
    }

    @Test func clusteringAgainFromTheResultGivesTheResultBack() throws {
        let rows = SyntheticIntents.rows(perIntent: 35)
        let signals = ["webhooks": [ClusteringItem(id: "e", text: "webhook not firing")]]
        let first = Clusterer(signals: signals).cluster(items(rows))
        var anchors: [String: String] = [:]
        for (index, cluster) in first.assignments.enumerated() {
            if let cluster { anchors[first.ids[index]] = first.clusters[cluster].anchor ?? "new-\(cluster)" }
        }
        let second = Clusterer(anchors: anchors, signals: signals).cluster(items(rows))
        for (index, cluster) in second.assignments.enumerated() {
            let expected = first.assignments[index].map { first.clusters[$0].anchor ?? "new-\($0)" }
            #expect(cluster.flatMap { second.clusters[$0].anchor } == expected, "\(rows[index].text)")
        }
        #expect(second.clusters.allSatisfy { $0.anchor != nil }, "no new cluster on the same data")
    }

    @Test func bisectionSeparatesTwoDirections() throws {
        let vectors = try #require(DenseRows(rows: [[1, 0], [0.9, 0.1], [0.95, 0.05], [0, 1], [0.1, 0.9]], dimension: 2))
        var normalized = vectors
        normalized.normalizeRows()
        let halves = try #require(Clusterer.bisect([0, 1, 2, 3, 4], in: normalized))
        #expect(Set(halves.larger) == [0, 1, 2])
        #expect(Set(halves.smaller) == [3, 4])
        #expect(halves.similarity < 0.3)
    }

    @Test func readableTermsUseThePeoplesSpelling() {
        let texts = ["my webhook is not firing", "webhooks not firing again", "Webhook firing problems", "firing? no. fireing"]
        #expect(ReadableTerms.surfaceForms(of: ["fir", "webhook", "webhook fir", "absent"], in: texts)
                == ["firing", "webhook", "webhook firing", "absent"])
        #expect(ReadableTerms.contentWords(of: "Hi, why is my Webhook not firing?") == ["webhook", "not", "firing"])
    }
}
