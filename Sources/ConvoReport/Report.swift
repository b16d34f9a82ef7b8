public import ConvoBase
public import ConvoIntents
import ConvoModel
import ConvoRank
public import ConvoWatch

/// The report's content, derived from a ``ReportInput``: the intents in priority order with
/// their factors, the period the data covers, the weeks every chart shares, and the kinds and
/// plans breakdowns. ``ReportPage`` turns it into HTML.
public struct Report: Sendable {
    /// Charts show at most this many weeks (the latest), so bars stay wide enough to read.
    public static let maximumWeeks = 52

    public var repositoryName: String
    /// Measured intents first, by priority (then conversations, then id, as `convo rank` orders
    /// them); intents with nothing measured yet follow, by id.
    public var rows: [ReportRow]
    /// First and last day of data; nil when nothing has been captured or measured.
    public var period: ClosedRange<Day>?
    /// Every week the charts draw, oldest first, without gaps.
    public var weeks: [ISOWeek]
    /// All captured conversations; nil without a store (no shares, no verdicts then).
    public var traffic: TrafficSummary?
    /// Conversations in intents by kind, most first.
    public var kinds: [KindShare]
    /// Conversations by plan, most first (all traffic when known, else those in intents).
    public var plans: [PlanShare]
    /// Conversation id → redacted first user message.
    public var quotes: [String: String]
    /// The weights the legend states.
    public var rankSettings: RankSettings

    public init(_ input: ReportInput) {
        repositoryName = input.repositoryName
        rankSettings = input.rankSettings
        traffic = input.traffic
        quotes = input.quotes
        let ranker = Ranker(settings: input.rankSettings)
        rows = Report.rank(input.intents.map { intent in
            ReportRow(intent: intent, factors: Report.factors(of: intent, ranker: ranker),
                      mergedAt: intent.change?.merged?.start ?? input.mergeTimes[intent.id])
        })
        period = Report.period(rows: rows, traffic: input.traffic)
        weeks = Report.weeks(rows: rows, traffic: input.traffic)
        if let totals = input.traffic?.weekly, !totals.isEmpty {
            for index in rows.indices { rows[index].watch = Report.shareTest(rows[index], totals: totals) }
        }
        kinds = Report.kinds(rows)
        plans = Report.plans(rows, traffic: input.traffic)
    }

    /// Conversations in measured intents, over all intents.
    public var conversationsInIntents: Int { Report.sum(rows.map(\.conversations)) }

    /// A sum that stops at `Int.max`: counts come from hand-editable files, and an absurd one
    /// must not crash the page.
    static func sum(_ values: [Int]) -> Int {
        values.reduce(0) { total, value in
            let (result, overflow) = total.addingReportingOverflow(value)
            return overflow ? Int.max : result
        }
    }

    // MARK: Ranking

    /// The recorded `impact` block when there is one (written by `convo cluster`/`convo rank`
    /// from the conversations, MRR and churn); otherwise, when the file has `evidence`, a score
    /// from its plan mix with the config's weights through `Ranker` (churn and MRR unknown).
    static func factors(of intent: Intent, ranker: Ranker) -> ReportFactors? {
        if let impact = intent.impact {
            return ReportFactors(frequency: impact.frequency, revenueExposure: impact.revenueExposure, stageWeight: impact.stageWeight,
                                 fixCost: impact.fixCost, priority: impact.priority, origin: .recorded)
        }
        guard let evidence = intent.evidence, evidence.conversations > 0 else { return nil }
        // Exposure: the mean plan weight of the plan mix (sums in Double: counts come from a file).
        var weighted = 0.0, counted = 0.0
        for (plan, count) in evidence.plans where count > 0 {
            weighted += Double(count) * ranker.planWeight(plan == IntentEvidence.unknownPlan ? nil : plan)
            counted += Double(count)
        }
        let total = max(Double(evidence.conversations), counted)
        weighted += (total - counted) * ranker.planWeight(nil)
        // Stage weight and fix cost exactly as `convo rank` derives them, from one probe conversation.
        let probe = [Conversation(id: intent.id)]
        let override: FixCostOverride? = switch intent.fixCost {
        case .kind(let kind)?: .kind(kind)
        case .value(let value)?: .value(value)
        case nil: nil
        }
        // A stage or fix-cost kind the config lacks scores with the neutral values instead.
        let scored = (try? ranker.score(RankInput(intent: intent.id, conversations: probe, stage: intent.stage, fixCost: override,
                                                  touches: intent.touches)))
            ?? (try? ranker.score(RankInput(intent: intent.id, conversations: probe, touches: intent.touches)))
        guard let scored else { return nil }
        let exposure = weighted / total
        return ReportFactors(frequency: evidence.conversations, revenueExposure: exposure, stageWeight: scored.stageWeight,
                             fixCost: scored.fixCost, priority: Double(evidence.conversations) * exposure * scored.stageWeight / scored.fixCost,
                             origin: .estimated)
    }

    static func rank(_ rows: [ReportRow]) -> [ReportRow] {
        var sorted = rows.sorted { a, b in
            switch (a.factors, b.factors) {
            case let (fa?, fb?):
                if fa.sortablePriority != fb.sortablePriority { return fa.sortablePriority > fb.sortablePriority }
                if fa.frequency != fb.frequency { return fa.frequency > fb.frequency }
            case (.some, nil): return true
            case (nil, .some): return false
            case (nil, nil): break
            }
            return a.intent.id < b.intent.id
        }
        var next = 1
        for index in sorted.indices where sorted[index].factors != nil {
            sorted[index].rank = next
            next += 1
        }
        return sorted
    }

    // MARK: Time

    static func period(rows: [ReportRow], traffic: TrafficSummary?) -> ClosedRange<Day>? {
        if let first = traffic?.firstDay, let last = traffic?.lastDay, first <= last { return first...last }
        var days: [Day] = []
        for row in rows {
            if let evidence = row.intent.evidence { days += [evidence.firstSeen, evidence.lastSeen].compactMap { $0 } }
            if let first = row.intent.weekly.keys.min(), let last = row.intent.weekly.keys.max() {
                days += [first.monday, last.monday.adding(days: 6)]
            }
        }
        guard let first = days.min(), let last = days.max() else { return nil }
        return first...last
    }

    /// From the earliest to the latest week any intent, the traffic or a merge mentions, at most
    /// `maximumWeeks` of them.
    static func weeks(rows: [ReportRow], traffic: TrafficSummary?) -> [ISOWeek] {
        var known = Set(traffic?.weekly.keys.map { $0 } ?? [])
        for row in rows {
            known.formUnion(row.intent.weekly.keys)
            if let merged = row.mergedOn { known.insert(merged.isoWeek) }
        }
        guard let first = known.min(), let last = known.max() else { return [] }
        var weeks: [ISOWeek] = []
        var week = max(first, last.adding(weeks: -(maximumWeeks - 1)))
        while week <= last {
            weeks.append(week)
            week = week.adding(weeks: 1)
        }
        return weeks
    }

    /// `convo watch`'s verdict, for intents whose change merged; nil when the data cannot say.
    static func shareTest(_ row: ReportRow, totals: [ISOWeek: Int]) -> WatchResult? {
        // No real week holds 2³¹ conversations; such a hand-edited count is not data to test.
        guard let merged = row.mergedAt, !row.intent.weekly.isEmpty, row.intent.weekly.values.allSatisfy({ $0 <= Int(Int32.max) })
        else { return nil }
        return try? ShareTest.evaluate(WatchInput(intent: row.intent.id, mergedAt: merged, intentWeekly: row.intent.weekly,
                                                  totals: totals))
    }

    // MARK: Breakdowns

    static func kinds(_ rows: [ReportRow]) -> [KindShare] {
        IntentKind.allCases.compactMap { kind in
            let matching = rows.filter { $0.intent.kind == kind }
            guard !matching.isEmpty else { return nil }
            return KindShare(kind: kind, intents: matching.count, conversations: sum(matching.map(\.conversations)))
        }.sorted { ($1.conversations, $0.kind.rawValue) < ($0.conversations, $1.kind.rawValue) }
    }

    static func plans(_ rows: [ReportRow], traffic: TrafficSummary?) -> [PlanShare] {
        var inIntents: [String: Int] = [:]
        for row in rows {
            for (plan, count) in row.intent.evidence?.plans ?? [:] {
                inIntents[plan.lowercased()] = sum([inIntents[plan.lowercased()] ?? 0, count])
            }
        }
        let names = Set(inIntents.keys).union(traffic?.plans.keys.map { $0 } ?? [])
        return names.map { name in PlanShare(plan: name, inIntents: inIntents[name] ?? 0, all: traffic.map { $0.plans[name] ?? 0 }) }
            .sorted { a, b in
                let (ka, kb) = (a.all ?? a.inIntents, b.all ?? b.inIntents)
                return ka != kb ? ka > kb : a.plan < b.plan
            }
    }
}

/// One intent in the report.
public struct ReportRow: Sendable {
    /// 1-based priority rank; nil for intents with nothing measured yet.
    public var rank: Int?
    public var intent: Intent
    public var factors: ReportFactors?
    /// When its change reached the main line.
    public var mergedAt: Timestamp?
    /// The day its change reached the main line.
    public var mergedOn: Day? { mergedAt?.day }
    /// Whether its share of all conversations dropped after the merge (needs the store's totals).
    public var watch: WatchResult?

    init(intent: Intent, factors: ReportFactors?, mergedAt: Timestamp?) {
        self.intent = intent
        self.factors = factors
        self.mergedAt = mergedAt
    }

    /// Conversations behind the intent, as measured.
    public var conversations: Int { intent.evidence?.conversations ?? factors?.frequency ?? 0 }
}

/// The factors of an intent's priority: `frequency × revenueExposure × stageWeight ÷ fixCost`.
public struct ReportFactors: Sendable, Hashable {
    public enum Origin: String, Sendable, Hashable {
        /// The intent file's `impact` block.
        case recorded
        /// Scored from the file's `evidence` with the config's weights.
        case estimated
    }

    /// Conversations.
    public var frequency: Int
    public var revenueExposure: Double
    public var stageWeight: Double
    public var fixCost: Double
    public var priority: Double
    /// Where the figures come from: shown as `≈` next to estimated priorities.
    public var origin: Origin

    /// A hand-edited `priority: .nan` sorts last instead of breaking the order.
    var sortablePriority: Double { priority.isNaN ? -.infinity : priority }
}

/// One row of the kinds breakdown.
public struct KindShare: Sendable, Hashable {
    public var kind: IntentKind
    public var intents: Int
    public var conversations: Int
}

/// One row of the plans breakdown.
public struct PlanShare: Sendable, Hashable {
    public var plan: String
    /// Conversations on this plan among the intents' evidence.
    public var inIntents: Int
    /// All captured conversations on this plan; nil without a store.
    public var all: Int?
}
