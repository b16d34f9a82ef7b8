import ConvoBase
import ConvoModel

/// What one merge changed, for the `ingested / merged / unchanged` summary line.
public struct MergeSummary: Sendable, Hashable {
    /// Conversations (or accounts) the store had not seen before.
    public var ingested = 0
    /// Known ones that gained turns or facts.
    public var merged = 0
    /// Known ones the data added nothing to.
    public var unchanged = 0
    /// Turns added, over all conversations.
    public var turnsAdded = 0

    public init(ingested: Int = 0, merged: Int = 0, unchanged: Int = 0, turnsAdded: Int = 0) {
        self.ingested = ingested
        self.merged = merged
        self.unchanged = unchanged
        self.turnsAdded = turnsAdded
    }

    public static func + (lhs: MergeSummary, rhs: MergeSummary) -> MergeSummary {
        MergeSummary(ingested: lhs.ingested + rhs.ingested, merged: lhs.merged + rhs.merged,
                     unchanged: lhs.unchanged + rhs.unchanged, turnsAdded: lhs.turnsAdded + rhs.turnsAdded)
    }

    public static func += (lhs: inout MergeSummary, rhs: MergeSummary) { lhs = lhs + rhs }
}

/// A conversation, or a part of one, on its way into the store.
public struct ConversationPart: Sendable, Hashable {
    public let conversation: Conversation
    public let mode: TurnMergeMode
    /// The source's own id for this part (an Agnost `event_id`). A part whose id the store has
    /// already merged into this conversation changes nothing, which makes delta parts idempotent.
    public let partID: String?

    // Derived once where the part is made (ingest's reading thread), so a store's writer only writes.
    let turnKeys: [TurnKey]
    let argumentsJSON: [String?]
    let metadataJSON: String?
    /// The facts as stored when the conversation is new (`ConversationFacts.initial`).
    let initialFacts: Conversation

    public init(_ conversation: Conversation, mode: TurnMergeMode = .history, partID: String? = nil) {
        self.conversation = conversation
        self.mode = mode
        self.partID = partID
        turnKeys = conversation.turns.map(TurnKey.init)
        argumentsJSON = conversation.turns.map { $0.arguments?.jsonText }
        metadataJSON = conversation.metadata.isEmpty ? nil : JSONValue.object(conversation.metadata).jsonText
        initialFacts = ConversationFacts.initial(conversation)
    }

    /// New turns only, identified by the source's id for them.
    public static func delta(_ conversation: Conversation, id: String) -> ConversationPart {
        ConversationPart(conversation, mode: .delta, partID: id)
    }
}

/// Which conversations a query wants.
public struct ConversationFilter: Sendable, Hashable {
    /// Conversations that started at or after this instant.
    public var since: Timestamp?
    /// Conversations that started before this instant.
    public var until: Timestamp?
    /// The conversation's plan, or its account's plan when the conversation has none.
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

/// How many conversations fall in one group of `convo stats`; a nil key is "not known".
public struct CountBucket<Key: Sendable & Hashable>: Sendable, Hashable {
    public var key: Key?
    public var count: Int

    public init(key: Key?, count: Int) {
        self.key = key
        self.count = count
    }
}

/// The numbers behind `convo stats`.
public struct ConversationCounts: Sendable, Hashable {
    public var conversations = 0
    public var turns = 0
    /// By the day the conversation started, oldest first; unknown days last.
    public var byDay: [CountBucket<Day>] = []
    /// By plan (the conversation's, else its account's), most conversations first, then by name.
    public var byPlan: [CountBucket<String>] = []
    /// By agent, most conversations first, then by name.
    public var byAgent: [CountBucket<String>] = []

    public init() {}
}

/// Where captured conversations and account facts live. SQLite under `.convo/` is the embedded
/// default; a PostgreSQL implementation can follow behind the same interface without touching
/// callers (the merge rules themselves are the pure `TurnMerge` and `ConversationFacts`).
///
/// Implementations are not required to be thread-safe: one owner at a time (the server wraps
/// its store in an actor). Calls are synchronous, which a libpq-based store fits as well.
public protocol ConversationStore: AnyObject {
    /// Merges conversations, or parts of conversations, in one durable transaction: when it
    /// returns, the data is committed. A part of a known conversation adds its new turns in
    /// order (see `TurnMerge` for the rules) and never duplicates turns the store has; merging
    /// the same data again changes nothing. Conversation facts follow `ConversationFacts`.
    func merge(parts: [ConversationPart]) throws -> MergeSummary

    /// Inserts or updates account facts by account id; a later non-nil value replaces an earlier one.
    func mergeAccounts(_ accounts: [Account]) throws -> MergeSummary

    func conversation(id: String) throws -> Conversation?

    /// Visits matching conversations ordered by start time (unknown last) then id, without loading
    /// them all at once. Without `includeTurns` the conversations come with no turns (cheaper).
    func forEachConversation(matching filter: ConversationFilter, includeTurns: Bool,
                             _ body: (Conversation) throws -> Void) throws

    func count(matching filter: ConversationFilter) throws -> Int

    /// Counts by day, plan and agent.
    func counts(matching filter: ConversationFilter) throws -> ConversationCounts

    /// Every account, ordered by id.
    func accounts() throws -> [Account]

    /// Visits the intent of every matching conversation, in the order of `forEachConversation`;
    /// a conversation never clustered, or left out of every intent, comes with intent nil.
    func forEachAssignment(matching filter: ConversationFilter, _ body: (IntentAssignment) throws -> Void) throws

    /// Records the intent of each given conversation (nil: clustered, in no intent) in one
    /// durable transaction. Conversations not given keep theirs; ids the store does not have are
    /// skipped. Returns how many conversations' records changed.
    @discardableResult
    func saveAssignments(_ assignments: [IntentAssignment]) throws -> Int
}

/// Which intent a conversation belongs to, as the last `convo cluster` decided.
public struct IntentAssignment: Sendable, Hashable {
    public var conversation: String
    /// The intent's id; nil for a conversation in no intent (an outlier, or never clustered).
    public var intent: String?

    public init(conversation: String, intent: String?) {
        self.conversation = conversation
        self.intent = intent
    }
}

extension ConversationStore {
    /// Merges whole conversations (or history parts of them).
    public func merge(_ conversations: [Conversation]) throws -> MergeSummary {
        try merge(parts: conversations.map { ConversationPart($0) })
    }

    /// Matching conversations with their turns, in the store's order.
    public func conversations(matching filter: ConversationFilter) throws -> [Conversation] {
        var result: [Conversation] = []
        try forEachConversation(matching: filter, includeTurns: true) { result.append($0) }
        return result
    }

    public func forEachConversation(matching filter: ConversationFilter, _ body: (Conversation) throws -> Void) throws {
        try forEachConversation(matching: filter, includeTurns: true, body)
    }

    /// Matching conversations' assignments, in the store's order.
    public func assignments(matching filter: ConversationFilter = .all) throws -> [IntentAssignment] {
        var result: [IntentAssignment] = []
        try forEachAssignment(matching: filter) { result.append($0) }
        return result
    }

    /// `conversation id → intent id` for every conversation in an intent: what the next
    /// clustering run starts from.
    public func assignedIntents() throws -> [String: String] {
        var result: [String: String] = [:]
        try forEachAssignment(matching: .all) { assignment in
            if let intent = assignment.intent { result[assignment.conversation] = intent }
        }
        return result
    }
}
