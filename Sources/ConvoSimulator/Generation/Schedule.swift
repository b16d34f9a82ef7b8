import ConvoBase
import Foundation

/// One conversation before its text exists: when, about what, and who.
struct ScheduledConversation: Sendable {
    var id: String
    /// The 48-bit number behind the id; seeds the conversation's own random streams.
    var key: UInt64
    var start: Timestamp
    /// Index into `IntentCatalogue.compiled`; nil for off-topic conversations.
    var intent: Int?
    var account: Int
    var user: String
    var ageDays: Int
    /// Whether a fix for this intent had shipped by this conversation's day.
    var fixed: Bool
}

/// Decides, in one cheap pass, every conversation's time, intent and account, then sorts them
/// by start time and id; the text is written afterwards, one conversation at a time, so even
/// 300,000 conversations never need their text in memory together.
struct Schedule {
    var conversations: [ScheduledConversation]
    var accounts: AccountBook

    static func make(_ configuration: SimulationConfiguration) -> Schedule {
        var rng = SeededRandom(seed: configuration.seed, stream: 1)
        let days = max(configuration.days, 1)
        let counts = dailyCounts(total: configuration.conversations, days: days, start: configuration.start, growth: configuration.weeklyGrowth)
        let idKey = Mix.combine(configuration.seed, UInt64(bitPattern: Int64(configuration.start.daysSinceEpoch)))
        let intents = IntentCatalogue.compiled
        let fixes: [Int: SimulatedFix] = Dictionary(
            configuration.fixes.compactMap { fix in IntentCatalogue.index(of: fix.intent).map { ($0, fix) } },
            uniquingKeysWith: { first, _ in first })

        var scheduled: [ScheduledConversation] = []
        scheduled.reserveCapacity(configuration.conversations)
        var index: UInt64 = 0
        for dayIndex in 0..<days {
            let day = configuration.start.adding(days: dayIndex)
            // This day's intent weights: base × trend, cut by any fix that has shipped.
            var cumulative: [Double] = []
            cumulative.reserveCapacity(intents.count)
            var total = 0.0
            for (intentIndex, intent) in intents.enumerated() {
                // Trends level off after six weeks, so long runs keep a plausible mix.
                var weight = intent.spec.weight * pow(intent.spec.trend, min(Double(dayIndex) / 7, 6))
                if let fix = fixes[intentIndex], day >= fix.date { weight *= fix.factor }
                total += weight
                cumulative.append(total)
            }
            for _ in 0..<counts[dayIndex] {
                let second = secondOfDay(&rng)
                let start = day.start.adding(milliseconds: Int64(second) * 1000)
                var intent: Int?
                if !rng.chance(configuration.noiseFraction), total > 0 {
                    let roll = rng.unit() * total
                    var low = 0
                    var high = cumulative.count - 1
                    while low < high {
                        let mid = (low + high) / 2
                        if cumulative[mid] > roll { high = mid } else { low = mid + 1 }
                    }
                    intent = low
                }
                let key = Mix.permute48(index, key: idKey)
                index += 1
                let fixed = intent.flatMap { fixes[$0] }.map { day >= $0.date } ?? false
                scheduled.append(ScheduledConversation(id: "c_" + Mix.hex(key, digits: 12), key: key, start: start, intent: intent,
                                                       account: -1, user: "", ageDays: 0, fixed: fixed))
            }
        }
        scheduled.sort { ($0.start, $0.id) < ($1.start, $1.id) }

        let accounts = assignAccounts(&scheduled, configuration: configuration, days: days)
        return Schedule(conversations: scheduled, accounts: accounts)
    }

    /// Gives each conversation an account and user, in time order, so churned accounts stop
    /// writing and churn follows the conversations that cause it.
    private static func assignAccounts(_ scheduled: inout [ScheduledConversation], configuration: SimulationConfiguration, days: Int) -> AccountBook {
        var rng = SeededRandom(seed: configuration.seed, stream: 2)
        var book = AccountBook(seed: configuration.seed, dailyVolume: Double(configuration.conversations) / Double(days))
        let intents = IntentCatalogue.compiled
        for position in scheduled.indices {
            let day = scheduled[position].start.day
            let spec = scheduled[position].intent.map { intents[$0].spec }
            let plan = (spec?.plans ?? PlanMix.everyone).sample(&rng)
            let profile = spec?.age ?? .any
            var account = -1
            for _ in 0..<4 {
                let age = profile.sample(for: plan, &rng)
                account = book.account(plan: plan, ageDays: age, on: day, &rng)
                if !book.hasChurned(account, before: day) { break }
            }
            scheduled[position].account = account
            scheduled[position].ageDays = max(0, day.daysSinceEpoch - book[account].signup.daysSinceEpoch)
            scheduled[position].user = book.user(of: account, &rng)
            let risk = spec?.churn ?? .none
            if rng.chance(risk.probability * churnFactor(plan)) {
                book.churn(account, on: day.adding(days: rng.int(in: risk.days)))
            }
        }
        book.closeTrials(endingBy: configuration.end)
        return book
    }

    /// Paying customers churn less readily than trials after a bad experience.
    static func churnFactor(_ plan: SimulatedPlan) -> Double {
        switch plan {
        case .trial: return 1
        case .free: return 0.6
        case .pro: return 0.45
        case .enterprise: return 0.12
        }
    }

    /// Splits `total` over the days in proportion to a weekday pattern and growth, exactly
    /// (largest remainder), so the requested number of conversations is always what comes out.
    static func dailyCounts(total: Int, days: Int, start: Day, growth: Double) -> [Int] {
        let weekdayFactor: [Double] = [1.0, 1.06, 1.05, 1.0, 0.9, 0.46, 0.4]
        let weights = (0..<days).map { index -> Double in
            let day = start.adding(days: index)
            return weekdayFactor[day.weekday - 1] * pow(1 + growth, Double(index) / 7)
        }
        let sum = weights.reduce(0, +)
        let exact = weights.map { Double(total) * $0 / sum }
        var counts = exact.map { Int($0.rounded(.down)) }
        let remainder = total - counts.reduce(0, +)
        let order = exact.indices.sorted { lhs, rhs in
            let a = exact[lhs] - Double(counts[lhs])
            let b = exact[rhs] - Double(counts[rhs])
            return a != b ? a > b : lhs < rhs
        }
        for index in order.prefix(remainder) { counts[index] += 1 }
        return counts
    }

    /// UTC time of day: European mornings, American afternoons, a quieter Asia-Pacific night.
    static func secondOfDay(_ rng: inout SeededRandom) -> Int {
        let roll = rng.unit() * hourWeightTotal
        var hour = 0
        var accumulated = 0.0
        for (index, weight) in hourWeights.enumerated() {
            accumulated += weight
            if roll < accumulated { hour = index; break }
        }
        return hour * 3600 + rng.below(3600)
    }

    static let hourWeights: [Double] = [2, 1.5, 1.2, 1.2, 1.5, 2, 3, 4.5, 6, 7, 7.5, 7.5, 7, 7.5, 8.5, 9, 9, 8.5, 7.5, 6.5, 5.5, 4.5, 3.5, 2.5]
    static let hourWeightTotal = hourWeights.reduce(0, +)
}
