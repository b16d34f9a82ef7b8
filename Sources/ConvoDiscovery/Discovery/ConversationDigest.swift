import ConvoBase
import ConvoCluster
import ConvoModel
import Dispatch

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
        let chunk = 256
        let chunks = (conversations.count + chunk - 1) / chunk
        guard chunks > 1 else { return conversations.map { ConversationDigest($0, policy: policy) } }
        var parts = [[ConversationDigest]](repeating: [], count: chunks)
        parts.withUnsafeMutableBufferPointer { buffer in
            let slots = DisjointSlots(buffer)
            DispatchQueue.concurrentPerform(iterations: chunks) { index in
                let range = (index * chunk)..<min((index + 1) * chunk, conversations.count)
                slots.set(index, conversations[range].map { ConversationDigest($0, policy: policy) })
            }
        }
        return parts.flatMap { $0 }
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

/// A buffer that concurrent workers fill, each at its own index: no two touch the same element,
/// which is what makes the unchecked conformance sound.
private struct DisjointSlots<Element>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<Element>

    init(_ buffer: UnsafeMutableBufferPointer<Element>) { self.buffer = buffer }

    func set(_ index: Int, _ value: Element) { buffer[index] = value }
}
