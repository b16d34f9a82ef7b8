/// One intent's place in the ranking, with every factor of its priority and where each came
/// from: `priority = frequency × revenueExposure × stageWeight ÷ fixCost`.
public struct IntentRanking: Sendable, Hashable {
    /// 1-based position in the ranking it was produced with.
    public var rank: Int
    public var intent: String
    public var title: String?
    public var evidence: IntentEvidence

    /// How many conversations the intent has.
    public var frequency: Int
    /// The mean revenue weight of its conversations (see `Ranker`).
    public var revenueExposure: Double
    /// How many of its conversations had their weight raised by a churn within the window.
    public var churnedConversations: Int

    /// The stage the intent is ranked as; nil when no conversation told an account age.
    public var stage: String?
    public var stageWeight: Double
    public var stageSource: FactorSource

    public var fixCost: Double
    /// The change kind the cost is for; nil when the intent file set a bare number.
    public var fixCostKind: String?
    public var fixCostSource: FactorSource

    public var priority: Double

    public init(rank: Int, intent: String, title: String?, evidence: IntentEvidence, frequency: Int,
                revenueExposure: Double, churnedConversations: Int, stage: String?, stageWeight: Double,
                stageSource: FactorSource, fixCost: Double, fixCostKind: String?, fixCostSource: FactorSource,
                priority: Double) {
        self.rank = rank
        self.intent = intent
        self.title = title
        self.evidence = evidence
        self.frequency = frequency
        self.revenueExposure = revenueExposure
        self.churnedConversations = churnedConversations
        self.stage = stage
        self.stageWeight = stageWeight
        self.stageSource = stageSource
        self.fixCost = fixCost
        self.fixCostKind = fixCostKind
        self.fixCostSource = fixCostSource
        self.priority = priority
    }
}
