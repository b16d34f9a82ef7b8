import ConvoModel

/// What ranking needs to know about one intent: its conversations, and what its intent file
/// says about stage, fix cost and the sections it touches.
public struct RankInput: Sendable {
    /// The intent's id (`webhook-not-firing`).
    public var intent: String
    public var title: String?
    /// The conversations assigned to the intent.
    public var conversations: [Conversation]
    /// The stage the intent file sets; nil to derive it from account ages.
    public var stage: String?
    /// The fix cost the intent file sets; nil to derive it from `touches`.
    public var fixCost: FixCostOverride?
    /// Section addresses the intent touches (`prompts/support.md#webhooks`).
    public var touches: [String]

    public init(intent: String, title: String? = nil, conversations: [Conversation], stage: String? = nil,
                fixCost: FixCostOverride? = nil, touches: [String] = []) {
        self.intent = intent
        self.title = title
        self.conversations = conversations
        self.stage = stage
        self.fixCost = fixCost
        self.touches = touches
    }
}

/// A fix cost set by hand in an intent file: a kind from `rank.fix_cost` (`harness`), or a number.
public enum FixCostOverride: Sendable, Hashable {
    case kind(String)
    case value(Double)
}

/// Where a factor's value came from, shown next to it so a surprising rank can be traced.
public enum FactorSource: String, Sendable, Hashable {
    /// Set in the intent file.
    case intent
    /// Derived from the conversations (account ages).
    case conversations
    /// Derived from the sections the intent touches.
    case touches
    /// Nothing to go on: the neutral value.
    case fallback
}
