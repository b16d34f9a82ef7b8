import ConvoBase
import ConvoCluster
import ConvoIntents
import ConvoRank
import Foundation

/// Turns a cluster into an intent (name, kind, stage) and measures any intent's conversations
/// (evidence, weekly counts, impact).
struct Naming: Sendable {
    let namer: IntentNamer
    let rules: KindRules
    let chat: ChatNamer?
    let corpus: Corpus
    let clustered: Clustered
    let ranker: Ranker
    let churnWindowHours: Int
    let accounts: AccountBook

    init(namer: IntentNamer, rules: KindRules, chat: ChatNamer?, corpus: Corpus, clustered: Clustered, rankSettings: RankSettings) {
        self.namer = namer
        self.rules = rules
        self.chat = chat
        self.corpus = corpus
        self.clustered = clustered
        accounts = AccountBook(corpus.accounts.values.sorted { $0.id < $1.id })
        ranker = Ranker(settings: rankSettings, accounts: accounts)
        churnWindowHours = rankSettings.churnWindowHours
    }

    /// A share of conversations this large in one stage band makes the stage clear enough to
    /// write into a new intent; below it, `convo rank` keeps deriving it from the data.
    static let clearStageShare = 0.9

    /// How many of a new intent's most central conversations vote on its kind.
    static let kindVoters = 1000

    /// Keywords, exemplars and a title from the cluster's most central conversations.
    func name(_ cluster: Cluster) -> IntentName {
        let positions = Array(cluster.members.prefix(IntentNamer.candidateCount))
        return namer.name(topTerms: cluster.topTerms, firstMessages: positions.map { corpus.digests[corpus.window[$0]].firstUserText },
                          similarity: clustered.similarity(among: positions))
    }

    /// What the rules make of a cluster no known intent continues: its name, kind and stage.
    struct Draft: Sendable {
        var name: IntentName
        var kind: IntentKind
        var stage: String?
    }

    /// Drafts for `clusters`, made on every core: the rules read up to a thousand conversations
    /// per cluster.
    func drafts(_ clusters: [Cluster]) -> [Draft] {
        clusters.concurrentMap(chunk: 1) { draft($0) }
    }

    func draft(_ cluster: Cluster) -> Draft {
        let members = cluster.members.map { corpus.window[$0] }
        // The most central conversations decide the kind; a thousand tell it as well as all.
        let voters = members.prefix(Self.kindVoters)
        let kind = rules.kind(firstTurns: voters.map { corpus.digests[$0].firstUserText },
                              accountAges: voters.compactMap { corpus.digests[$0].accountAgeDays(accounts: corpus.accounts) })
        return Draft(name: name(cluster), kind: kind, stage: clearStage(members))
    }

    /// A new intent from its draft, with an id not in `reserved`; the chat model, when
    /// configured, gives its title and kind.
    func newIntent(_ cluster: Cluster, draft: Draft, reserved: Set<String>, warnings: inout [String]) async -> Intent {
        let name = draft.name
        var kind = draft.kind
        var title = name.title
        let id = Self.uniqueID(name.slug, reserved: reserved)
        if let chat {
            do {
                let answer = try await chat.name(keywords: name.keywords, exemplars: name.exemplars, conversations: cluster.members.count)
                title = namer.redactor.redact(answer.title)
                kind = answer.kind
            } catch {
                warnings.append("the chat model could not name \(id) (\(Self.message(of: error))); named by rules")
            }
        }
        var intent = Intent(id: id, title: title, kind: kind,
                            signals: Intent.Signals(keywords: name.keywords.sorted(), exemplars: name.exemplars))
        intent.stage = draft.stage
        return intent
    }

    /// The slug, or the slug with the first free number after it.
    static func uniqueID(_ slug: String, reserved: Set<String>) -> String {
        let base = Slug.isValid(slug) ? slug : "intent"
        guard reserved.contains(base) else { return base }
        var number = 2
        while reserved.contains("\(base)-\(number)") { number += 1 }
        return "\(base)-\(number)"
    }

    /// The stage band nearly all of these conversations' accounts are in, if any.
    func clearStage(_ members: [Int]) -> String? {
        let ages = members.compactMap { corpus.digests[$0].accountAgeDays(accounts: corpus.accounts) }
        guard !ages.isEmpty else { return nil }
        var counts: [String: Int] = [:]
        for age in ages { counts[ranker.stage(forAgeDays: age), default: 0] += 1 }
        guard let top = counts.max(by: { ($0.value, $1.key) < ($1.value, $0.key) }),
              Double(top.value) >= Naming.clearStageShare * Double(ages.count) else { return nil }
        return top.key
    }

    /// Sets evidence, weekly counts and impact from the intent's conversations (indices into
    /// the corpus). An intent with none that never had evidence is left as it is.
    func measure(_ intent: inout Intent, members: [Int], hadEvidence: Bool, warnings: inout [String]) {
        guard !members.isEmpty || hadEvidence else { return }
        let facts = members.map { corpus.digests[$0].facts }
        let evidence = IntentEvidence(conversations: facts, accounts: accounts, churnWindowHours: churnWindowHours)
        let frustration = members.isEmpty ? nil
            : Self.rounded(members.reduce(0) { $0 + corpus.digests[$1].frustration.score } / Double(members.count), places: 2)
        intent.evidence = Intent.Evidence(conversations: evidence.conversations, accounts: evidence.accounts,
                                          firstSeen: evidence.firstSeen, lastSeen: evidence.lastSeen, plans: evidence.plans,
                                          churned: evidence.churned, frustration: frustration, sample: evidence.sample)
        intent.weekly = evidence.weekly
        do {
            let ranking = try ranker.score(StoreRanking.input(for: intent, conversations: facts))
            intent.impact = Intent.Impact(frequency: ranking.frequency, revenueExposure: Self.rounded(ranking.revenueExposure, places: 2),
                                          stageWeight: Self.rounded(ranking.stageWeight, places: 2),
                                          fixCost: Self.rounded(ranking.fixCost, places: 2),
                                          priority: Self.rounded(ranking.priority, places: 1))
        } catch {
            warnings.append("cannot rank \(intent.id): \(Self.message(of: error))")
        }
    }

    static func message(of error: any Error) -> String {
        (error as? any UserFacingError)?.message ?? "\(error)"
    }

    static func rounded(_ value: Double, places: Int) -> Double {
        let scale = pow(10, Double(places))
        return (value * scale).rounded() / scale
    }
}
