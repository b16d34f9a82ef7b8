import ConvoBase
import ConvoCluster
import ConvoModel
import Foundation

/// What a clustering run keeps of one conversation once its turns have been read: the facts
/// (no turns), its clustering text, its first user message (for names and kinds) and its
/// frustration signs. Holding these instead of whole transcripts keeps 100,000 conversations in
/// a few hundred megabytes.
struct ConversationDigest: Sendable {
    var facts: Conversation
    var item: ClusteringItem
    var firstUserText: String
    var frustration: FrustrationSignals

    init(_ conversation: Conversation, policy: ConversationTextPolicy) {
        item = policy.item(for: conversation)
        firstUserText = conversation.turns.first { $0.role == .user && !$0.content.isEmpty }?.content ?? ""
        frustration = FrustrationSignals(conversation)
        var facts = conversation
        facts.turns = []
        self.facts = facts
    }

    /// The digests of `conversations`, in order, made on every core.
    static func digests(of conversations: [Conversation], policy: ConversationTextPolicy) -> [ConversationDigest] {
        conversations.concurrentMap(chunk: 256) { ConversationDigest($0, policy: policy) }
    }

    /// The account's age at the conversation, from the conversation or the account's signup.
    func accountAgeDays(accounts: [String: Account]) -> Int? {
        if let age = facts.user.accountAgeDays { return age }
        guard let signup = facts.user.account.flatMap({ accounts[$0] })?.signupDate, let start = facts.startedAt else { return nil }
        return max(0, start.day.daysSinceEpoch - signup.daysSinceEpoch)
    }
}

extension ConversationTextPolicy {
    /// For sentence embeddings: the user's first two turns only, each embedded on its own. An
    /// encoder's cost grows with every text and token, and the assistant's long answers would
    /// cost the most while saying least about what the user wanted.
    static let denseEmbeddings: ConversationTextPolicy = {
        var policy = ConversationTextPolicy()
        policy.assistantWeight = 0
        policy.maxUserTurns = 2
        return policy
    }()
}


/// Digests batches of conversations in the background, in order, while the caller reads the
/// next ones; at most two batches wait, so memory stays bounded when reading outpaces it.
final class DigestPipeline: @unchecked Sendable {
    private let policy: ConversationTextPolicy
    private let queue = DispatchQueue(label: "convo.digests")
    private let group = DispatchGroup()
    private let room = DispatchSemaphore(value: 2)
    private let lock = NSLock()
    /// Guarded by `lock`.
    private var batches: [Int: [ConversationDigest]] = [:]
    private var submitted = 0

    init(policy: ConversationTextPolicy) {
        self.policy = policy
    }

    /// Queues a batch; waits while two are already waiting.
    func submit(_ conversations: [Conversation]) {
        guard !conversations.isEmpty else { return }
        room.wait()
        let number = submitted
        submitted += 1
        queue.async(group: group) { [self] in
            let digests = ConversationDigest.digests(of: conversations, policy: policy)
            lock.withLock { batches[number] = digests }
            room.signal()
        }
    }

    /// Every digest, in submission order, once all are made.
    func finish() -> [ConversationDigest] {
        group.wait()
        return lock.withLock { (0..<submitted).flatMap { batches[$0] ?? [] } }
    }
}
