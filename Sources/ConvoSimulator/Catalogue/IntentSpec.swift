/// Everything the simulator needs to produce one intent's traffic: who asks (plans, account
/// ages, churn), how often, how the agent fares, and the phrase patterns for each kind of turn.
/// Specs are data; `CompiledIntent` turns their patterns into `Template`s once.
struct IntentSpec: Sendable {
    var intent: SimulatedIntent
    /// Relative volume before any fix or trend; the catalogue's weights form a long tail.
    var weight: Double
    var plans: PlanMix
    var age: AgeProfile
    var churn: ChurnRisk = .none
    /// Chance that the agent's first answer addresses the real problem.
    var hitRate: Double
    /// Chance that a later answer does, once the user has rephrased.
    var recoveryRate: Double = 0.35
    /// Weekly multiplier on volume: above 1 for a problem that is growing.
    var trend: Double = 1

    /// Full first messages, without greeting or sign-off.
    var openers: [String]
    /// What terse users type instead: "webhook not firing".
    var fragments: [String]
    /// Extra sentences: context, what they tried, what they see.
    var details: [String]
    /// What the user says when the agent missed the point.
    var followUps: [String]
    /// Agent answers that sound helpful but do not address this intent.
    var misses: [String]
    /// Agent answers that do.
    var hits: [String]
    /// Phrase lists for `$name` slots used only by this intent.
    var slots: [String: [String]] = [:]
    var pastes: [Paste] = []
    /// Chance that a normal-length first message carries one of `pastes`.
    var pasteRate: Double = 0.15
    var tools: [ToolUse] = []
    /// Chance that the agent calls a tool before its first answer.
    var toolRate: Double = 0.35

    init(_ id: String, _ title: String, kind: SimulatedIntent.Kind, stage: SimulatedIntent.Stage, sections: [String], feature: String,
         weight: Double, plans: PlanMix, age: AgeProfile, churn: ChurnRisk = .none, hitRate: Double, recoveryRate: Double = 0.35,
         trend: Double = 1, openers: [String], fragments: [String], details: [String], followUps: [String], misses: [String],
         hits: [String], slots: [String: [String]] = [:], pastes: [Paste] = [], pasteRate: Double = 0.15,
         tools: [ToolUse] = [], toolRate: Double = 0.35) {
        self.intent = SimulatedIntent(id: id, title: title, kind: kind, stage: stage, sections: sections, feature: feature)
        self.weight = weight
        self.plans = plans
        self.age = age
        self.churn = churn
        self.hitRate = hitRate
        self.recoveryRate = recoveryRate
        self.trend = trend
        self.openers = openers
        self.fragments = fragments
        self.details = details
        self.followUps = followUps
        self.misses = misses
        self.hits = hits
        self.slots = slots
        self.pastes = pastes
        self.pasteRate = pasteRate
        self.tools = tools
        self.toolRate = toolRate
    }
}

/// Relative weights of the plans an intent's askers are on.
struct PlanMix: Sendable {
    var free: Double = 0
    var trial: Double = 0
    var pro: Double = 0
    var enterprise: Double = 0

    func sample(_ rng: inout SeededRandom) -> SimulatedPlan {
        let total = free + trial + pro + enterprise
        var roll = rng.unit() * total
        for (plan, weight) in [(SimulatedPlan.free, free), (.trial, trial), (.pro, pro), (.enterprise, enterprise)] {
            if roll < weight { return plan }
            roll -= weight
        }
        return .pro
    }

    /// For conversations that belong to no intent.
    static let everyone = PlanMix(free: 30, trial: 30, pro: 30, enterprise: 10)
}

/// How old the asking accounts usually are.
enum AgeProfile: Sendable {
    /// The first three days after signing up, mostly the first two.
    case firstDays
    /// The first two weeks.
    case onboarding
    /// The last days of a trial, or the first weeks after converting.
    case trialEnd
    /// One to three months in.
    case activation
    /// Customers of months or years.
    case established
    /// Anyone.
    case any

    /// Account age in days for an account on `plan`, never older than the plan allows.
    func sample(for plan: SimulatedPlan, _ rng: inout SeededRandom) -> Int {
        let maximum = plan.maximumAgeDays
        let age: Int
        switch self {
        case .firstDays:
            let roll = rng.unit()
            age = roll < 0.36 ? 0 : roll < 0.68 ? 1 : roll < 0.86 ? 2 : roll < 0.95 ? 3 : rng.int(in: 4...9)
        case .onboarding:
            age = Int(abs(rng.normal()) * 4.5)
        case .trialEnd:
            age = plan == .trial ? rng.int(in: 9...14) : rng.int(in: 14...45)
        case .activation:
            age = plan == .trial ? rng.int(in: 5...14) : rng.int(in: 10...90)
        case .established:
            age = plan == .trial ? rng.int(in: 3...14) : 30 + Int(rng.logNormal(median: 260, sigma: 0.8))
        case .any:
            age = plan == .trial ? rng.int(in: 0...14) : Int(rng.logNormal(median: 120, sigma: 1.2))
        }
        return min(max(age, 0), maximum)
    }
}

/// Whether asking about this intent tends to precede the account's cancellation.
struct ChurnRisk: Sendable {
    var probability: Double
    /// Days after the conversation on which the account churns.
    var days: ClosedRange<Int>

    static let none = ChurnRisk(probability: 0.004, days: 3...60)

    static func within48Hours(_ probability: Double) -> ChurnRisk { ChurnRisk(probability: probability, days: 0...2) }

    static func soon(_ probability: Double) -> ChurnRisk { ChurnRisk(probability: probability, days: 0...14) }

    static func later(_ probability: Double) -> ChurnRisk { ChurnRisk(probability: probability, days: 7...45) }
}

/// A tool of the example harness the agent may call for this intent.
enum ToolUse: Sendable {
    /// `search_docs` with a query written from these patterns.
    case searchDocs([String])
    /// `check_settings` for one area of the account.
    case checkSettings(String)
    case rateLimitUsage
    case listInvoices
    case createTicket
}
