import ConvoBase
import ConvoIntents
import ConvoModel
import ConvoRank
import ConvoReport
import ConvoSimulator
import ConvoStore
import ConvoTestSupport
import Foundation

/// Seven weeks of the worked example's simulated traffic (W44–W50 of 2026) with the webhook fix
/// merged on Wednesday 2026-11-25, turned into intent files the way `convo cluster` would write
/// them: evidence, impact and weekly from `IntentEvidence` and `Ranker`, exemplars from the
/// users' first messages (redacted). Plus three hand-written intents: one with evidence but no
/// impact, one with nothing measured, and one whose text tries to break the page. 42 in all.
struct ReportFixture: Sendable {
    static let start = Day(year: 2026, month: 10, day: 26) ?? Day(daysSinceEpoch: 0)
    static let fixDay = Day(year: 2026, month: 11, day: 25) ?? Day(daysSinceEpoch: 0)
    static let hostileTitle = "<script>alert(\"x\")</script> & 'friends'"

    let dataset: SimulatedDataset
    let intents: [Intent]

    /// Built once: the simulation and ranking take a moment and every test reads the same data.
    static let shared = Result { try ReportFixture.make() }

    static func make() throws -> ReportFixture {
        let configuration = SimulationConfiguration(seed: 11, conversations: 7000, start: start, days: 49,
                                                    fixes: [SimulatedFix(intent: "webhook-not-firing", date: fixDay, factor: 0.3)])
        let dataset = try Simulator(configuration).generate()
        var byIntent: [String: [Conversation]] = [:]
        for (conversation, truth) in zip(dataset.conversations, dataset.truth) {
            guard let intent = truth.intent else { continue }
            byIntent[intent, default: []].append(conversation)
        }
        let ranker = Ranker(settings: RankSettings(), accounts: AccountBook(dataset.accounts))
        let redactor = try Redactor()
        var intents: [Intent] = []
        for spec in IntentCatalogue.intents {
            let conversations = byIntent[spec.id] ?? []
            guard let ranking = try? ranker.score(RankInput(intent: spec.id, title: spec.title, conversations: conversations,
                                                            stage: spec.stage.rawValue, touches: spec.sections)) else { continue }
            let evidence = ranking.evidence
            let exemplars = conversations.sorted { $0.id < $1.id }.prefix(3).compactMap(\.firstUserText)
                .map(redactor.redact)
            var intent = Intent(
                id: spec.id, title: spec.title, kind: IntentKind(rawValue: spec.kind.rawValue) ?? .other, status: .open,
                stage: spec.stage.rawValue, touches: spec.sections,
                signals: Intent.Signals(keywords: spec.id.split(separator: "-").map(String.init), exemplars: exemplars),
                evidence: Intent.Evidence(conversations: evidence.conversations, accounts: evidence.accounts,
                                          firstSeen: evidence.firstSeen, lastSeen: evidence.lastSeen, plans: evidence.plans,
                                          churned: evidence.churned, sample: evidence.sample),
                impact: Intent.Impact(frequency: ranking.frequency, revenueExposure: ranking.revenueExposure,
                                      stageWeight: ranking.stageWeight, fixCost: ranking.fixCost, priority: ranking.priority),
                weekly: evidence.weekly)
            if spec.id == "webhook-not-firing" {
                intent.status = .merged
                intent.summary = "Users ask why their webhook is not firing. The agent gives endpoint checks\n"
                    + "but never confirms that webhooks are enabled in Settings > Integrations.\n"
                intent.change = Intent.Change(branch: "convo/webhook-not-firing", commit: "1a2b3c4d5e6f7a8b", merged: fixDay)
            }
            intents.append(intent)
        }
        intents.append(Intent(
            id: "legacy-sdk-question", title: "Questions about the legacy v1 SDK", kind: .other, stage: "activation",
            touches: ["prompts/harness.yaml#tools.search_docs.description"],
            evidence: Intent.Evidence(conversations: 4, accounts: 4, plans: ["trial": 3, "free": 1], sample: ["c_legacy1"])))
        intents.append(Intent(id: "dark-mode-request", title: "Dark mode for the dashboard", kind: .featureRequest,
                              touches: ["prompts/support.md#role-and-tone"]))
        intents.append(Intent(
            id: "hostile-text", title: hostileTitle, kind: .bugReport, stage: "onboarding",
            summary: "Ends a paragraph early </p><p onclick=\"steal()\"> and opens a comment <!-- here\n",
            touches: ["prompts/support.md#escalation"],
            signals: Intent.Signals(keywords: ["<b>", "&amp;"],
                                    exemplars: ["mail me at jane.doe@example.com <b>now</b>", "]]> <![CDATA[ x"]),
            evidence: Intent.Evidence(conversations: 2, accounts: 1, plans: ["pro": 2], sample: ["c_<x>&"]),
            impact: Intent.Impact(frequency: 2, revenueExposure: 4, stageWeight: 3, fixCost: 1, priority: 24),
            weekly: [ISOWeek(year: 2026, week: 48): 2]))
        return ReportFixture(dataset: dataset, intents: intents)
    }

    /// The traffic of the whole dataset in a SQLite store under `directory`.
    func store(in directory: URL) throws -> any ConversationStore {
        let store = try SQLiteStore(path: directory.appendingPathComponent("store.sqlite").path, synchronous: .normal)
        _ = try store.merge(dataset.conversations)
        _ = try store.mergeAccounts(dataset.accounts)
        return store
    }

    /// What `convo report` gathers, from a store holding the dataset.
    func input(storeIn directory: URL) throws -> ReportInput {
        try ReportSources.input(repositoryName: "relay-support-agent", intents: intents, config: ConvoConfig(), mergeTimes: [:],
                                store: try store(in: directory), redactor: try Redactor())
    }
}
