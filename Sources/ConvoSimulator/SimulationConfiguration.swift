import ConvoBase

/// What to simulate. Every field has the demo's default, so `SimulationConfiguration()` is one
/// week of a mid-size agent's traffic starting Monday 2026-11-16.
public struct SimulationConfiguration: Sendable, Hashable {
    /// Same seed and settings → byte-identical output.
    public var seed: UInt64
    /// Conversations in total over the whole period.
    public var conversations: Int
    /// First day (UTC).
    public var start: Day
    public var days: Int
    /// Intents whose volume falls after a date, as if a change shipped that fixed them.
    public var fixes: [SimulatedFix]
    /// Share of conversations that belong to no intent (off-topic, one-offs): outliers for clustering.
    public var noiseFraction: Double
    /// Scales typos, dropped apostrophes and case changes; 0 writes every message exactly as composed.
    public var typoLevel: Double
    /// Week-over-week growth of total traffic.
    public var weeklyGrowth: Double
    /// The `agent` field of every conversation.
    public var agent: String

    public static let defaultStart = Day(year: 2026, month: 11, day: 16) ?? Day(daysSinceEpoch: 20_773)

    public init(seed: UInt64 = 7, conversations: Int = 3200, start: Day = SimulationConfiguration.defaultStart, days: Int = 7,
                fixes: [SimulatedFix] = [], noiseFraction: Double = 0.06, typoLevel: Double = 1, weeklyGrowth: Double = 0.02,
                agent: String = "support") {
        self.seed = seed
        self.conversations = conversations
        self.start = start
        self.days = days
        self.fixes = fixes
        self.noiseFraction = noiseFraction
        self.typoLevel = typoLevel
        self.weeklyGrowth = weeklyGrowth
        self.agent = agent
    }

    /// The last simulated day.
    public var end: Day { start.adding(days: max(days, 1) - 1) }

    /// Checks every field, naming the option to change.
    public func validate() throws(SimulatorError) {
        guard conversations >= 0, conversations <= 10_000_000 else {
            throw SimulatorError("--conversations must be between 0 and 10000000, got \(conversations)")
        }
        guard days >= 1, days <= 3660 else {
            throw SimulatorError("--days must be between 1 and 3660, got \(days)")
        }
        guard noiseFraction >= 0, noiseFraction < 1 else {
            throw SimulatorError("--noise-fraction must be at least 0 and below 1, got \(JSONWriter.format(noiseFraction))")
        }
        guard typoLevel >= 0, typoLevel <= 5 else {
            throw SimulatorError("--typo-level must be between 0 and 5, got \(JSONWriter.format(typoLevel))")
        }
        guard weeklyGrowth > -1, weeklyGrowth <= 10 else {
            throw SimulatorError("weekly growth must be above -1 and at most 10, got \(JSONWriter.format(weeklyGrowth))")
        }
        var seen = Set<String>()
        for fix in fixes {
            guard IntentCatalogue.index(of: fix.intent) != nil else {
                let suggestions = Suggestions.closest(to: fix.intent, in: IntentCatalogue.ids)
                throw SimulatorError("--fix names unknown intent '\(fix.intent)'",
                                     hints: suggestions.isEmpty ? ["run `convo-sim --list-intents` to see the ids"] : ["did you mean \(suggestions.joined(separator: ", "))?"])
            }
            guard fix.factor >= 0, fix.factor <= 10 else {
                throw SimulatorError("--fix-factor must be between 0 and 10, got \(JSONWriter.format(fix.factor))")
            }
            guard seen.insert(fix.intent).inserted else {
                throw SimulatorError("--fix names '\(fix.intent)' twice", hints: ["give each intent one fix date"])
            }
        }
    }
}

/// "This intent's volume falls to `factor` of its usual level from `date` on." Total traffic
/// stays the same: the other intents fill the gap, as they do when one problem goes away.
public struct SimulatedFix: Sendable, Hashable {
    public var intent: String
    public var date: Day
    public var factor: Double

    public init(intent: String, date: Day, factor: Double = 0.3) {
        self.intent = intent
        self.date = date
        self.factor = factor
    }

    /// Parses the CLI's `INTENT@YYYY-MM-DD`.
    public static func parse(_ text: String, factor: Double = 0.3) throws(SimulatorError) -> SimulatedFix {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty else {
            throw SimulatorError("--fix '\(text)' is not INTENT@DATE", hints: ["for example: --fix webhook-not-firing@2026-11-23"])
        }
        guard let date = Day(iso8601: String(parts[1])) else {
            throw SimulatorError("--fix '\(text)': '\(parts[1])' is not a date", hints: ["write the date as YYYY-MM-DD, e.g. 2026-11-23"])
        }
        return SimulatedFix(intent: String(parts[0]), date: date, factor: factor)
    }
}

/// Bad simulator settings: always a usage error (exit status 2) with a hint.
public struct SimulatorError: UserFacingError, CustomStringConvertible, Equatable {
    public var message: String
    public var hints: [String]
    public var exitStatus: ExitStatus { .usage }

    public init(_ message: String, hints: [String] = []) {
        self.message = message
        self.hints = hints
    }

    public var description: String { message }
}
