import ConvoBase
import ConvoModel

/// The facts about an intent's conversations that its intent file records (`evidence` and
/// `weekly`), computed the same way by `convo cluster` and `convo rank`.
///
/// Independent of the intent file format: whoever writes the file maps these fields onto it.
/// The same conversations always give the same value, whatever order they come in.
public struct IntentEvidence: Sendable, Hashable {
    /// The plan name counted for conversations whose plan nobody knows, so `plans` always sums
    /// to `conversations`.
    public static let unknownPlan = "unknown"
    /// How many conversation ids `sample` holds unless asked otherwise.
    public static let defaultSampleSize = 5

    /// How many conversations (distinct ids).
    public var conversations: Int
    /// How many distinct accounts; a user without an account counts as an account of their own.
    public var accounts: Int
    /// The day of the earliest and latest conversation start; nil when no conversation has one.
    public var firstSeen: Day?
    public var lastSeen: Day?
    /// Conversations per plan (lowercased), `unknown` for those without one.
    public var plans: [String: Int]
    /// Distinct accounts that churned within the churn window after one of these conversations.
    public var churned: Int
    /// Representative conversation ids, sorted; see `sample(of:size:)` for how they are chosen.
    public var sample: [String]
    /// Conversations per ISO week of their start.
    public var weekly: [ISOWeek: Int]

    public init(conversations: Int = 0, accounts: Int = 0, firstSeen: Day? = nil, lastSeen: Day? = nil,
                plans: [String: Int] = [:], churned: Int = 0, sample: [String] = [], weekly: [ISOWeek: Int] = [:]) {
        self.conversations = conversations
        self.accounts = accounts
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
        self.plans = plans
        self.churned = churned
        self.sample = sample
        self.weekly = weekly
    }

    /// Computes the evidence for the conversations assigned to one intent.
    /// - Parameters:
    ///   - accounts: billing facts, for plans, signup dates and churn.
    ///   - churnWindowHours: `rank.churn_window_hours` from the config.
    ///   - sampleSize: how many ids `sample` may hold.
    public init(conversations: [Conversation], accounts: AccountBook = AccountBook(),
                churnWindowHours: Int = RankSettings().churnWindowHours, sampleSize: Int = IntentEvidence.defaultSampleSize) {
        let facts = IntentEvidence.distinct(conversations).map {
            ConversationFacts($0, accounts: accounts, churnWindowHours: churnWindowHours)
        }
        self.init(facts: facts, sampleSize: sampleSize)
    }

    init(facts: [ConversationFacts], sampleSize: Int) {
        conversations = facts.count
        accounts = Set(facts.compactMap(\.accountKey)).count
        let days = facts.compactMap { $0.start?.day }
        firstSeen = days.min()
        lastSeen = days.max()
        plans = facts.reduce(into: [:]) { counts, fact in counts[fact.plan ?? IntentEvidence.unknownPlan, default: 0] += 1 }
        churned = Set(facts.filter(\.churnedInWindow).compactMap(\.accountKey)).count
        weekly = days.reduce(into: [:]) { counts, day in counts[day.isoWeek, default: 0] += 1 }
        sample = IntentEvidence.sample(of: facts.map { ($0.id, $0.accountKey) }, size: sampleSize)
    }

    /// The weekly counts in week order, for writers that need a sequence.
    public var weeklyInOrder: [(week: ISOWeek, conversations: Int)] {
        weekly.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// Picks up to `size` ids by the smallest FNV-1a hash of the id, one per account first (so
    /// the sample shows several customers, not one chatty one), and returns them sorted.
    ///
    /// Hashing instead of taking the newest keeps the sample stable as data grows: a new
    /// conversation enters only if its hash beats one already chosen, so re-running
    /// `convo cluster` after a day of traffic rarely rewrites the `sample` line.
    public static func sample(of conversations: [(id: String, account: String?)], size: Int) -> [String] {
        guard size > 0 else { return [] }
        var seenIDs = Set<String>()
        let ranked = conversations
            .filter { seenIDs.insert($0.id).inserted }
            .map { (hash: fnv1a($0.id), id: $0.id, account: $0.account) }
            .sorted { ($0.hash, $0.id) < ($1.hash, $1.id) }
        var chosen: [String] = []
        var chosenAccounts = Set<String>()
        var skipped: [String] = []
        for item in ranked {
            guard chosen.count < size else { break }
            if let account = item.account, !chosenAccounts.insert(account).inserted {
                skipped.append(item.id)
            } else {
                chosen.append(item.id)
            }
        }
        chosen.append(contentsOf: skipped.prefix(max(0, size - chosen.count)))
        return chosen.sorted()
    }

    /// 64-bit FNV-1a: tiny, stable across platforms and Swift versions (unlike `Hasher`).
    static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }

    /// The conversations with duplicate ids dropped (the first kept) and sorted by id, so sums
    /// and picks do not depend on the order the store returned them in.
    static func distinct(_ conversations: [Conversation]) -> [Conversation] {
        var seen = Set<String>()
        return conversations.filter { seen.insert($0.id).inserted }.sorted { $0.id < $1.id }
    }
}
