import ConvoBase
import ConvoModel

/// Billing facts by account id, and the per-plan MRR averages that revenue exposure compares
/// each account against.
public struct AccountBook: Sendable {
    private let byID: [String: Account]
    private let meanMRRByPlan: [String: Double]

    /// When an id appears twice, the later entry wins (a newer billing export).
    public init(_ accounts: [Account] = []) {
        var byID: [String: Account] = [:]
        for account in accounts { byID[account.id] = account }
        self.byID = byID
        var totals: [String: (sum: Double, count: Int)] = [:]
        for account in byID.values {
            guard let plan = account.plan.map(RankSettings.normalizedPlan), let mrr = account.mrr, mrr >= 0 else { continue }
            totals[plan, default: (0, 0)].sum += mrr
            totals[plan, default: (0, 0)].count += 1
        }
        meanMRRByPlan = totals.mapValues { $0.sum / Double($0.count) }
    }

    public subscript(id: String?) -> Account? {
        id.flatMap { byID[$0] }
    }

    public var count: Int { byID.count }

    /// The mean MRR of the accounts on `plan` that report one; nil when none does.
    public func meanMRR(plan: String) -> Double? {
        meanMRRByPlan[RankSettings.normalizedPlan(plan)]
    }
}

extension RankSettings {
    /// Plan names compare case-insensitively (`Pro` in billing, `pro` in the config).
    static func normalizedPlan(_ plan: String) -> String {
        plan.lowercased()
    }
}
