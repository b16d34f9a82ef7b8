import ConvoBase
import ConvoModel

/// Ranks intents by impact (DESIGN.md "Cluster, rank, watch"):
///
///     priority = frequency × revenue exposure × stage weight ÷ fix cost
///
/// - **frequency**: the number of conversations (distinct ids) assigned to the intent.
/// - **revenue exposure**: the mean, over those conversations, of each conversation's weight
///
///       weight = plan weight × MRR factor × (churn multiplier if the account churned within
///                `churn_window_hours` after the conversation, else 1)
///
///   *Plan weight* is `rank.plan_weights[plan]` for the plan on the conversation (else the
///   account's billing plan); an unknown or missing plan weighs like the cheapest configured
///   plan. *MRR factor* is the account's MRR divided by the mean MRR of the accounts on the
///   same billing plan — 1 when the account has no MRR or its plan's mean is 0 — so MRR ranks
///   a big customer above a small one on the same plan without replacing the configured plan
///   weights. Because exposure is a per-conversation mean, `frequency × exposure` is the sum
///   of the weights: one conversation from a churned trial account counts twice.
/// - **stage weight**: the stage the intent file sets, else the most common stage among the
///   conversations, from account age (`account_age_days`, else days since the account's
///   signup) and `rank.stage_bands_days` (inclusive upper bounds; older is `established`).
///   Ties go to the heavier stage. With no ages at all the weight is 1.
/// - **fix cost**: the cost the intent file sets (a kind or a number), else the highest
///   `rank.fix_cost` over the kinds of the sections it touches (`ChangeKind`), else the
///   prompt cost (nothing touched yet: the fix is assumed to be prose).
public struct Ranker: Sendable {
    public let settings: RankSettings
    public let accounts: AccountBook

    /// The stage past every band in `stage_bands_days`.
    public static let establishedStage = "established"

    /// `plan_weights` with lowercased names.
    private let planWeights: [String: Double]

    public init(settings: RankSettings, accounts: AccountBook = AccountBook()) {
        self.settings = settings
        self.accounts = accounts
        planWeights = Dictionary(settings.planWeights.map { (RankSettings.normalizedPlan($0.key), $0.value) },
                                 uniquingKeysWith: max)
    }

    /// Scores every intent and sorts them: highest priority first, then more conversations,
    /// then id, so equal scores always come out in the same order.
    /// - Throws: `RankError` when an intent sets a stage or fix-cost kind the config lacks.
    public func rank(_ inputs: [RankInput]) throws(RankError) -> [IntentRanking] {
        var scored: [IntentRanking] = []
        scored.reserveCapacity(inputs.count)
        for input in inputs { scored.append(try score(input)) }
        scored.sort { a, b in
            if a.priority != b.priority { return a.priority > b.priority }
            if a.frequency != b.frequency { return a.frequency > b.frequency }
            return a.intent < b.intent
        }
        for index in scored.indices { scored[index].rank = index + 1 }
        return scored
    }

    /// One intent's factors and priority; `rank` is 0 until `rank(_:)` places it.
    public func score(_ input: RankInput) throws(RankError) -> IntentRanking {
        let facts = IntentEvidence.distinct(input.conversations).map {
            ConversationFacts($0, accounts: accounts, churnWindowHours: settings.churnWindowHours)
        }
        let evidence = IntentEvidence(facts: facts, sampleSize: IntentEvidence.defaultSampleSize)

        let weights = facts.map(weight)
        let exposure = facts.isEmpty ? 0 : weights.reduce(0, +) / Double(facts.count)
        let (stage, stageWeight, stageSource) = try self.stage(for: input, facts: facts)
        let (fixCost, fixKind, fixSource) = try self.fixCost(for: input)
        let frequency = facts.count
        return IntentRanking(
            rank: 0, intent: input.intent, title: input.title, evidence: evidence,
            frequency: frequency, revenueExposure: exposure,
            churnedConversations: facts.filter(\.churnedInWindow).count,
            stage: stage, stageWeight: stageWeight, stageSource: stageSource,
            fixCost: fixCost, fixCostKind: fixKind, fixCostSource: fixSource,
            priority: Double(frequency) * exposure * stageWeight / fixCost)
    }

    // MARK: Revenue exposure

    func weight(_ fact: ConversationFacts) -> Double {
        var weight = planWeight(fact.plan)
        if let account = fact.account, let mrr = account.mrr, mrr >= 0, let plan = account.plan,
           let mean = accounts.meanMRR(plan: plan), mean > 0 {
            weight *= mrr / mean
        }
        if fact.churnedInWindow { weight *= settings.churnMultiplier }
        return weight
    }

    /// `rank.plan_weights[plan]`; unknown plans weigh like the cheapest configured plan.
    public func planWeight(_ plan: String?) -> Double {
        if let plan, let weight = planWeights[RankSettings.normalizedPlan(plan)] { return weight }
        return planWeights.values.min() ?? 1
    }

    // MARK: Stage

    /// The stage of an account `days` old: the first band (in order of days) it fits.
    public func stage(forAgeDays days: Int) -> String {
        let bands = settings.stageBandsDays.sorted { ($0.value, $0.key) < ($1.value, $1.key) }
        return bands.first { days <= $0.value }?.key ?? Ranker.establishedStage
    }

    func stageWeight(_ stage: String) -> Double? {
        settings.stageWeights[stage]
    }

    private func stage(for input: RankInput, facts: [ConversationFacts]) throws(RankError) -> (String?, Double, FactorSource) {
        if let set = input.stage {
            guard let weight = stageWeight(set) else {
                throw RankError.unknownName("stage", set, intent: input.intent, known: Array(settings.stageWeights.keys),
                                            configKey: "rank.stage_weights")
            }
            return (set, weight, .intent)
        }
        var votes: [String: Int] = [:]
        for fact in facts {
            guard let age = fact.ageDays else { continue }
            votes[stage(forAgeDays: age), default: 0] += 1
        }
        let winner = votes.max { a, b in
            if a.value != b.value { return a.value < b.value }
            let (wa, wb) = (stageWeight(a.key) ?? 1, stageWeight(b.key) ?? 1)
            if wa != wb { return wa < wb }
            return a.key > b.key
        }
        guard let winner else { return (nil, 1, .fallback) }
        return (winner.key, stageWeight(winner.key) ?? 1, .conversations)
    }

    // MARK: Fix cost

    private func fixCost(for input: RankInput) throws(RankError) -> (Double, String?, FactorSource) {
        switch input.fixCost {
        case .value(let value)?:
            guard value > 0, value.isFinite else {
                throw RankError("intent '\(input.intent)' sets fix cost \(value); it must be a number greater than 0")
            }
            return (value, nil, .intent)
        case .kind(let kind)?:
            guard let cost = settings.fixCost[kind] else {
                throw RankError.unknownName("fix cost kind", kind, intent: input.intent, known: Array(settings.fixCost.keys),
                                            configKey: "rank.fix_cost")
            }
            return (cost, kind, .intent)
        case nil:
            break
        }
        let kinds = Set(input.touches.map { ChangeKind(address: $0).rawValue })
        guard !kinds.isEmpty else {
            return (settings.fixCost[ChangeKind.prompt.rawValue] ?? 1, ChangeKind.prompt.rawValue, .fallback)
        }
        let costed = kinds.map { (kind: $0, cost: settings.fixCost[$0] ?? 1) }
        let dearest = costed.max { ($0.cost, $1.kind) < ($1.cost, $0.kind) } ?? (ChangeKind.prompt.rawValue, 1)
        return (dearest.cost, dearest.kind, .touches)
    }
}
