import ConvoBase

/// One captured conversation between a user and the agent, as convo stores and clusters it.
public struct Conversation: Sendable, Hashable {
    public var id: String
    public var startedAt: Timestamp?
    public var endedAt: Timestamp?
    /// Which agent answered (`support`), for stores that capture several.
    public var agent: String?
    public var user: UserInfo
    /// Free-form facts to slice by later (`feature`, `model`, …).
    public var metadata: [String: JSONValue]
    /// In conversation order.
    public var turns: [Turn]

    public init(id: String, startedAt: Timestamp? = nil, endedAt: Timestamp? = nil, agent: String? = nil,
                user: UserInfo = UserInfo(), metadata: [String: JSONValue] = [:], turns: [Turn] = []) {
        self.id = id
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.agent = agent
        self.user = user
        self.metadata = metadata
        self.turns = turns
    }

    /// The user's own words, in order: what clustering mostly reads.
    public var userTexts: [String] {
        turns.filter { $0.role == .user }.map(\.content)
    }

    public var firstUserText: String? {
        turns.first { $0.role == .user && !$0.content.isEmpty }?.content
    }
}

/// Who the conversation was with, and the facts about their account that ranking uses.
public struct UserInfo: Sendable, Hashable {
    public var id: String?
    public var account: String?
    /// Plan tier at the time of the conversation (`trial`, `pro`, …).
    public var plan: String?
    public var accountAgeDays: Int?

    public init(id: String? = nil, account: String? = nil, plan: String? = nil, accountAgeDays: Int? = nil) {
        self.id = id
        self.account = account
        self.plan = plan
        self.accountAgeDays = accountAgeDays
    }

    public var isEmpty: Bool { id == nil && account == nil && plan == nil && accountAgeDays == nil }
}

/// Who spoke a turn. Exporters use many names; `Role(normalizing:)` maps them onto these four.
public enum Role: String, Sendable, Hashable, CaseIterable {
    case user
    case assistant
    case system
    case tool

    /// Maps the role names real exporters use: `developer` → system, `human` → user,
    /// `ai`/`model`/`bot` → assistant, `function`/`tool_result` → tool. Unknown names give nil.
    public init?(normalizing name: String) {
        switch name.lowercased() {
        case "user", "human", "customer": self = .user
        case "assistant", "ai", "model", "bot", "agent": self = .assistant
        case "system", "developer": self = .system
        case "tool", "function", "tool_result", "ipython": self = .tool
        default: return nil
        }
    }
}

/// One turn of a conversation. A tool call and its result are one `tool` turn: `name` and
/// `arguments` say what was called, `content` what it returned.
public struct Turn: Sendable, Hashable {
    public var role: Role
    public var content: String
    /// The tool's name, for tool turns.
    public var name: String?
    /// The tool call's arguments, as the model gave them.
    public var arguments: JSONValue?
    /// Links a tool call to its result in formats that split them.
    public var toolCallID: String?
    /// How long the agent took to produce this turn.
    public var latencyMs: Int?
    public var timestamp: Timestamp?

    public init(role: Role, content: String, name: String? = nil, arguments: JSONValue? = nil, toolCallID: String? = nil,
                latencyMs: Int? = nil, timestamp: Timestamp? = nil) {
        self.role = role
        self.content = content
        self.name = name
        self.arguments = arguments
        self.toolCallID = toolCallID
        self.latencyMs = latencyMs
        self.timestamp = timestamp
    }
}

/// Billing facts about an account, joined to conversations by account id.
public struct Account: Sendable, Hashable {
    public var id: String
    public var plan: String?
    /// Monthly recurring revenue, in the account's billing currency.
    public var mrr: Double?
    public var signupDate: Day?
    public var churnDate: Day?

    public init(id: String, plan: String? = nil, mrr: Double? = nil, signupDate: Day? = nil, churnDate: Day? = nil) {
        self.id = id
        self.plan = plan
        self.mrr = mrr
        self.signupDate = signupDate
        self.churnDate = churnDate
    }
}
