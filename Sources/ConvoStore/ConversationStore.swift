import ConvoBase
import ConvoModel

/// What one merge changed, for the `ingested / merged / unchanged` summary line.
public struct MergeSummary: Sendable, Hashable {
    /// Conversations the store had not seen before.
    public var ingested = 0
    /// Known conversations that gained turns or facts.
    public var merged = 0
    /// Known conversations the data added nothing to.
    public var unchanged = 0

    public init(ingested: Int = 0, merged: Int = 0, unchanged: Int = 0) {
        self.ingested = ingested
        self.merged = merged
        self.unchanged = unchanged
    }

    public static func + (lhs: MergeSummary, rhs: MergeSummary) -> MergeSummary {
        MergeSummary(ingested: lhs.ingested + rhs.ingested, merged: lhs.merged + rhs.merged,
                     unchanged: lhs.unchanged + rhs.unchanged)
    }
}

/// Which conversations a query wants.
public struct ConversationFilter: Sendable, Hashable {
    /// Conversations that started at or after this instant.
    public var since: Timestamp?
    /// Conversations that started before this instant.
    public var until: Timestamp?
    public var plan: String?
    public var agent: String?
    public var ids: [String]?

    public init(since: Timestamp? = nil, until: Timestamp? = nil, plan: String? = nil, agent: String? = nil, ids: [String]? = nil) {
        self.since = since
        self.until = until
        self.plan = plan
        self.agent = agent
        self.ids = ids
    }

    public static let all = ConversationFilter()
}

/// Where captured conversations and account facts live. SQLite under `.convo/` is the embedded
/// default; a PostgreSQL implementation can follow behind the same interface without touching callers.
///
/// Implementations are not required to be thread-safe: one owner at a time (the server wraps
/// its store in an actor).
public protocol ConversationStore: AnyObject {
    /// Merges conversations, or parts of conversations, in one durable transaction. A part of a
    /// known conversation adds its new turns in order and never duplicates turns the store has;
    /// merging the same data again changes nothing.
    func merge(_ conversations: [Conversation]) throws -> MergeSummary

    /// Inserts or updates account facts by account id.
    func mergeAccounts(_ accounts: [Account]) throws -> MergeSummary

    func conversation(id: String) throws -> Conversation?

    /// Conversations matching the filter, ordered by start time then id.
    func conversations(matching filter: ConversationFilter) throws -> [Conversation]

    /// Visits matching conversations in the same order without loading them all at once.
    func forEachConversation(matching filter: ConversationFilter, _ body: (Conversation) throws -> Void) throws

    func count(matching filter: ConversationFilter) throws -> Int

    func accounts() throws -> [Account]
}
