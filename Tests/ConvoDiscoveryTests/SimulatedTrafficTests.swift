import ConvoBase
import ConvoDiscovery
import ConvoIntents
import ConvoModel
import ConvoSimulator
import ConvoStore
import ConvoTestSupport
import Foundation
import Testing

/// Issue 4's acceptance on simulated traffic with ground truth: the worked example's two intent
/// files present, the built-in representation, nothing told about the number of intents.
@Suite(.serialized) struct SimulatedTrafficTests {
    @Test func intentsMatchTheGroundTruthAndTheirKindsAreRight() async throws {
        let fixture = try DiscoveryFixture()
        let truth = try fixture.load(try DiscoveryFixture.simulated(seed: 7, conversations: 3000))
        let report = try await fixture.run()
        let assignments = try fixture.store.assignments()
        let scores = ClusterScores(gold: assignments.map { truth[$0.conversation]?.intent ?? "off-topic" },
                                   predicted: assignments.map(\.intent))
        print("simulated traffic (3000 conversations, built-in): \(scores.summary)")
        #expect(report.conversations == 3000)
        #expect(scores.nmi >= 0.65 && scores.ari >= 0.45 && scores.acc >= 0.55, "\(scores.summary)")
        #expect((20...80).contains(scores.clusterCount), "\(scores.summary)")

        // Kind: each discovered intent's kind against the most common true kind of its
        // conversations (off-topic ones count as `other`).
        var trueKinds: [String: [String: Int]] = [:]
        for assignment in assignments {
            guard let intent = assignment.intent else { continue }
            trueKinds[intent, default: [:]][truth[assignment.conversation]?.kind?.rawValue ?? "other", default: 0] += 1
        }
        var right = 0
        var wrong: [String] = []
        for (id, counts) in trueKinds.sorted(by: { $0.key < $1.key }) {
            let majority = counts.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key
            let kind = try fixture.intent(id).kind.rawValue
            if kind == majority { right += 1 } else { wrong.append("\(id): \(kind), mostly \(majority ?? "-")") }
        }
        let share = Double(right) / Double(max(1, trueKinds.count))
        print("kinds right for \(right) of \(trueKinds.count) intents (\(Int((share * 100).rounded()))%); wrong: \(wrong)")
        #expect(share >= 0.85, "\(wrong)")

        // The hand-written intent keeps its id and gathers the webhook trouble it describes.
        let webhook = try fixture.intent("webhook-not-firing")
        let webhookTruth = assignments.filter { truth[$0.conversation]?.intent == "webhook-not-firing" }
        let caught = webhookTruth.filter { $0.intent == "webhook-not-firing" }.count
        #expect(caught * 2 >= webhookTruth.count, "\(caught) of \(webhookTruth.count)")
        #expect(webhook.evidence?.conversations == assignments.filter { $0.intent == "webhook-not-firing" }.count)
        #expect((webhook.evidence?.plans["trial"] ?? 0) * 2 > (webhook.evidence?.conversations ?? 0), "mostly trial accounts")
        #expect(webhook.impact?.priority ?? 0 > 0)
        #expect(!webhook.weekly.isEmpty)
    }

    @Test func newIntentsAreNamedFromTheirConversations() async throws {
        let fixture = try DiscoveryFixture()
        try fixture.load(try DiscoveryFixture.simulated(seed: 7, conversations: 3000))
        let report = try await fixture.run()
        let created = report.intents.filter { $0.change == .created }
        #expect(created.count >= 10)
        let redactor = try Redactor()
        for outcome in created {
            let intent = try fixture.intent(outcome.id)
            #expect(Slug.isValid(intent.id) && intent.id.count <= 60, "\(intent.id)")
            #expect(!intent.title.isEmpty && intent.title.count <= 80, "\(intent.title)")
            #expect((3...5).contains(intent.signals.exemplars.count), "\(intent.id): \(intent.signals.exemplars)")
            #expect(!intent.signals.keywords.isEmpty)
            for text in intent.signals.exemplars + intent.signals.keywords + [intent.title] {
                #expect(!redactor.containsPersonalData(text), "\(intent.id): \(text)")
            }
            let evidence = try #require(intent.evidence)
            #expect(evidence.conversations >= 5, "no intent below cluster.min_size")
            #expect(evidence.plans.values.reduce(0, +) == evidence.conversations)
            #expect(evidence.sample.count == min(5, evidence.conversations))
            #expect((0...1).contains(evidence.frustration ?? -1))
            #expect(intent.weekly.values.reduce(0, +) == evidence.conversations)
            #expect(intent.status == .open)
        }
        // Frustration tells intents apart: the agent's misses on some make users repeat themselves.
        let frustration = created.compactMap { try? fixture.intent($0.id).evidence?.frustration }
        #expect((frustration.max() ?? 0) - (frustration.min() ?? 0) >= 0.1, "\(frustration)")
    }

    @Test func addingTenPercentMoreConversationsKeepsEarlierAssignments() async throws {
        let fixture = try DiscoveryFixture()
        let dataset = try DiscoveryFixture.simulated(seed: 11, conversations: 3300)
        // Every eleventh conversation arrives later: 3,000 now, 300 (10%) after the first run.
        let later = Set(dataset.conversations.indices.filter { $0 % 11 == 10 }.map { dataset.conversations[$0].id })
        _ = try fixture.store.merge(dataset.conversations.filter { !later.contains($0.id) })
        _ = try fixture.store.mergeAccounts(dataset.accounts)
        _ = try await fixture.run()
        let before = try fixture.store.assignedIntents()
        let idsBefore = Set(fixture.intents.ids())

        _ = try fixture.store.merge(dataset.conversations.filter { later.contains($0.id) })
        let report = try await fixture.run()
        let after = try fixture.store.assignedIntents()
        let kept = before.filter { after[$0.key] == $0.value }.count
        print("stability: \(kept) of \(before.count) previously assigned conversations kept their intent; "
              + "merged \(report.merged), split \(report.split)")
        #expect(Double(kept) >= 0.95 * Double(before.count), "\(kept) of \(before.count)")
        // No intent id disappears: every file is still there, and still has conversations.
        #expect(idsBefore.isSubset(of: Set(fixture.intents.ids())))
        let counts = Dictionary(after.map { ($0.value, 1) }, uniquingKeysWith: +)
        for id in idsBefore {
            let intent = try fixture.intent(id)
            guard !intent.isRetired else { continue }
            #expect((counts[id] ?? 0) > 0 || intent.evidence == nil, "\(id) lost every conversation")
        }
        // The new conversations went to intents too.
        let placed = later.filter { after[$0] != nil }.count
        #expect(placed * 10 >= later.count * 8, "\(placed) of \(later.count) new conversations placed")
    }
}
