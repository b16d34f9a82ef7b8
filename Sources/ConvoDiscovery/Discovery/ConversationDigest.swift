import ConvoBase
import ConvoCluster
import ConvoModel

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
