import ConvoBase
import ConvoModel

/// How conversation-level facts combine when a conversation arrives in parts. Pure, so every
/// store implementation applies the same rules.
///
/// - `started_at` is the earliest and `ended_at` the latest instant known, from the facts or
///   from the turns' timestamps: the same whatever order the parts arrive in.
/// - Agent, user, account, plan and account age: a later non-nil value replaces an earlier one
///   (a corrected export re-ingested wins), and nil never erases.
/// - Metadata merges key by key under the same rule.
public enum ConversationFacts {
    /// The stored facts combined with a part's. Turns are not touched.
    public static func merge(stored: Conversation, incoming: Conversation) -> Conversation {
        var result = stored
        let times = turnTimeRange(incoming.turns)
        result.startedAt = earliest(stored.startedAt, earliest(incoming.startedAt, times?.lowerBound))
        result.endedAt = latest(stored.endedAt, latest(incoming.endedAt, times?.upperBound))
        result.agent = incoming.agent ?? stored.agent
        result.user.id = incoming.user.id ?? stored.user.id
        result.user.account = incoming.user.account ?? stored.user.account
        result.user.plan = incoming.user.plan ?? stored.user.plan
        result.user.accountAgeDays = incoming.user.accountAgeDays ?? stored.user.accountAgeDays
        for (key, value) in incoming.metadata { result.metadata[key] = value }
        return result
    }

    /// Facts of a conversation seen for the first time: its start and end widened to its turns.
    public static func initial(_ conversation: Conversation) -> Conversation {
        var result = conversation
        result.turns = []
        if let times = turnTimeRange(conversation.turns) {
            result.startedAt = earliest(conversation.startedAt, times.lowerBound)
            result.endedAt = latest(conversation.endedAt, times.upperBound)
        }
        return result
    }

    /// Whether two conversations state the same facts (turns ignored).
    public static func sameFacts(_ a: Conversation, _ b: Conversation) -> Bool {
        a.startedAt == b.startedAt && a.endedAt == b.endedAt && a.agent == b.agent && a.user == b.user
            && a.metadata == b.metadata
    }

    static func turnTimeRange(_ turns: [Turn]) -> ClosedRange<Timestamp>? {
        var low: Timestamp?
        var high: Timestamp?
        for turn in turns {
            guard let ts = turn.timestamp else { continue }
            low = earliest(low, ts)
            high = latest(high, ts)
        }
        guard let low, let high else { return nil }
        return low...high
    }

    static func earliest(_ a: Timestamp?, _ b: Timestamp?) -> Timestamp? {
        guard let a else { return b }
        guard let b else { return a }
        return min(a, b)
    }

    static func latest(_ a: Timestamp?, _ b: Timestamp?) -> Timestamp? {
        guard let a else { return b }
        guard let b else { return a }
        return max(a, b)
    }
}
