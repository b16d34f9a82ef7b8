import ConvoBase

/// What kind of problem an intent is, as DESIGN.md lists them.
public enum IntentKind: String, Sendable, Hashable, CaseIterable {
    case bugReport = "bug-report"
    case featureRequest = "feature-request"
    case churnRisk = "churn-risk"
    case setupFriction = "setup-friction"
    case pricingConfusion = "pricing-confusion"
    case other

    public static var allowedList: String { allCases.map(\.rawValue).joined(separator: ", ") }
}

/// Where an intent is in the loop: found (open), a change proposed, merged, its volume dropped
/// (resolved), or its volume did not drop after the merge (reopened).
public enum IntentStatus: String, Sendable, Hashable, CaseIterable {
    case open
    case proposed
    case merged
    case resolved
    case reopened

    public static var allowedList: String { allCases.map(\.rawValue).joined(separator: ", ") }
}

/// One recurring intent: the content of an `intents/ID.intent` file.
///
/// The human owns `title`, `kind`, `stage`, `fix_cost`, `summary`, `touches` and `notes`; convo owns the rest
/// and rewrites only those blocks when it updates a file (see ``IntentDocument``).
public struct Intent: Sendable, Hashable {
    /// A slug, equal to the file's name without `.intent`.
    public var id: String
    public var title: String
    public var kind: IntentKind
    public var status: IntentStatus
    /// Account stage the intent mostly comes from (`onboarding`, `activation`, `established`).
    public var stage: String?
    /// A fix cost set by hand, overriding the one `convo rank` derives from `touches`.
    public var fixCost: FixCost?
    /// Kept exactly, trailing newline included, so that it round-trips through a `|` block.
    public var summary: String?
    /// Section addresses (`prompts/support.md#webhooks`) a fix for this intent may change.
    public var touches: [String]
    public var signals: Intent.Signals
    public var evidence: Intent.Evidence?
    public var impact: Intent.Impact?
    /// Conversations per ISO week.
    public var weekly: [ISOWeek: Int]
    public var change: Intent.Change?
    /// Splits, merges and reopenings, oldest first.
    public var history: [Intent.HistoryEntry]
    /// Free text for people; convo never changes it.
    public var notes: String?

    public init(id: String, title: String, kind: IntentKind, status: IntentStatus = .open, stage: String? = nil,
                summary: String? = nil, touches: [String] = [], signals: Intent.Signals = Intent.Signals(),
                evidence: Intent.Evidence? = nil, impact: Intent.Impact? = nil, weekly: [ISOWeek: Int] = [:],
                change: Intent.Change? = nil, history: [Intent.HistoryEntry] = [], notes: String? = nil) {
        self.id = id
        self.title = title
        self.kind = kind
        self.status = status
        self.stage = stage
        self.fixCost = nil
        self.summary = summary
        self.touches = touches
        self.signals = signals
        self.evidence = evidence
        self.impact = impact
        self.weekly = weekly
        self.change = change
        self.history = history
        self.notes = notes
    }
}

extension Intent {
    /// `fix_cost:` in a file: a kind from `rank.fix_cost` in the config (`harness`), or a number.
    public enum FixCost: Sendable, Hashable {
        case kind(String)
        case value(Double)
    }

    /// What the matcher uses to recognise new conversations as this intent.
    public struct Signals: Sendable, Hashable {
        public var keywords: [String]
        /// Representative user messages, always redacted.
        public var exemplars: [String]

        public init(keywords: [String] = [], exemplars: [String] = []) {
            self.keywords = keywords
            self.exemplars = exemplars
        }

        public var isEmpty: Bool { keywords.isEmpty && exemplars.isEmpty }
    }

    /// The conversations behind an intent, as `convo cluster` measured them.
    public struct Evidence: Sendable, Hashable {
        public var conversations: Int
        /// Distinct accounts among those conversations.
        public var accounts: Int
        public var firstSeen: Day?
        public var lastSeen: Day?
        /// Conversations per plan tier.
        public var plans: [String: Int]
        /// Accounts that churned within the configured window after such a conversation.
        public var churned: Int
        /// How frustrated users were, from 0 to 1: the mean over the conversations of the share
        /// of three signs each shows — the user repeating or rephrasing a question, a negative
        /// turn, and leaving after an assistant turn without the problem solved. Nil when not
        /// measured.
        public var frustration: Double?
        /// Conversation ids, for commit trailers.
        public var sample: [String]

        public init(conversations: Int = 0, accounts: Int = 0, firstSeen: Day? = nil, lastSeen: Day? = nil,
                    plans: [String: Int] = [:], churned: Int = 0, frustration: Double? = nil, sample: [String] = []) {
            self.conversations = conversations
            self.accounts = accounts
            self.firstSeen = firstSeen
            self.lastSeen = lastSeen
            self.plans = plans
            self.churned = churned
            self.frustration = frustration
            self.sample = sample
        }
    }

    /// The factors of the priority, each shown so that a reviewer can check the ranking.
    public struct Impact: Sendable, Hashable {
        /// Conversations in the ranking window.
        public var frequency: Int
        /// Plan-weighted share of the conversations, raised by churn (see `rank` in the config).
        public var revenueExposure: Double
        public var stageWeight: Double
        public var fixCost: Double
        /// frequency × revenue exposure × stage weight ÷ fix cost.
        public var priority: Double

        public init(frequency: Int, revenueExposure: Double, stageWeight: Double, fixCost: Double, priority: Double) {
            self.frequency = frequency
            self.revenueExposure = revenueExposure
            self.stageWeight = stageWeight
            self.fixCost = fixCost
            self.priority = priority
        }
    }

    /// The change proposed for an intent.
    public struct Change: Sendable, Hashable {
        public var branch: String?
        public var commit: String?
        /// The day the change reached the main branch; `convo watch` compares volume before and after.
        public var merged: Day?

        public init(branch: String? = nil, commit: String? = nil, merged: Day? = nil) {
            self.branch = branch
            self.commit = commit
            self.merged = merged
        }
    }

    /// One event in an intent's life that its data alone does not show.
    public struct HistoryEntry: Sendable, Hashable {
        public enum Event: String, Sendable, Hashable, CaseIterable {
            /// This intent was split off `intents`.
            case splitFrom = "split-from"
            /// Part of this intent became `intents`.
            case splitInto = "split-into"
            /// `intents` were merged into this one.
            case mergedFrom = "merged-from"
            /// This intent was merged into `intents` (and is kept only for its history).
            case mergedInto = "merged-into"
            /// Its volume did not drop after the merge; `reason` says by how much.
            case reopened

            public static var allowedList: String { allCases.map(\.rawValue).joined(separator: ", ") }
        }

        public var event: Event
        /// The day it happened (from the data, never the day the tool ran).
        public var date: Day?
        /// The other intents involved, by id.
        public var intents: [String]
        public var reason: String?

        public init(event: Event, date: Day? = nil, intents: [String] = [], reason: String? = nil) {
            self.event = event
            self.date = date
            self.intents = intents
            self.reason = reason
        }
    }
}
