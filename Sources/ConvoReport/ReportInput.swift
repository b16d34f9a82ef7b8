public import ConvoBase
public import ConvoIntents

/// Everything `convo report` draws, gathered before any HTML is written, so that the page is a
/// pure function of it: the same input always gives the same bytes.
public struct ReportInput: Sendable {
    /// Shown in the header (the repository's directory name).
    public var repositoryName: String
    /// The intent files that read without errors, in any order.
    public var intents: [Intent]
    /// The config's `rank` block: what intents without an `impact` block are scored with.
    public var rankSettings: RankSettings
    /// Where each intent's change reached the main line (`MergeFinder`), by intent id. An intent's
    /// own `change.merged` wins over this, as in `convo watch`.
    public var mergeTimes: [String: Timestamp]
    /// What the conversation store knows about all traffic; nil when there is no store.
    public var traffic: TrafficSummary?
    /// The first user message of sample conversations, by conversation id, already redacted.
    public var quotes: [String: String]

    public init(repositoryName: String, intents: [Intent], rankSettings: RankSettings = RankSettings(),
                mergeTimes: [String: Timestamp] = [:], traffic: TrafficSummary? = nil, quotes: [String: String] = [:]) {
        self.repositoryName = repositoryName
        self.intents = intents
        self.rankSettings = rankSettings
        self.mergeTimes = mergeTimes
        self.traffic = traffic
        self.quotes = quotes
    }
}

/// All captured conversations, counted: the denominator of every share in the report.
public struct TrafficSummary: Sendable, Hashable {
    public var conversations: Int
    /// The days of the first and last conversation with a known start.
    public var firstDay: Day?
    public var lastDay: Day?
    /// Conversations per ISO week of their start.
    public var weekly: [ISOWeek: Int]
    /// Conversations per plan (lowercased), `unknown` for those without one (as in intent files).
    public var plans: [String: Int]

    public init(conversations: Int, firstDay: Day? = nil, lastDay: Day? = nil, weekly: [ISOWeek: Int] = [:],
                plans: [String: Int] = [:]) {
        self.conversations = conversations
        self.firstDay = firstDay
        self.lastDay = lastDay
        self.weekly = weekly
        self.plans = plans
    }
}
