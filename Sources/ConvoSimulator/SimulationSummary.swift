import ConvoBase
import ConvoModel
import Foundation

/// Counts of what a simulation produced, by ISO week and intent, for the CLI's report and for
/// tests of the weekly series.
public struct SimulationSummary: Sendable, Hashable {
    public struct IntentCount: Sendable, Hashable {
        public var intent: String
        public var count: Int
        /// Aligned with `weeks`.
        public var weekly: [Int]
    }

    public var conversations: Int
    /// Conversations with no intent.
    public var offTopic: Int
    public var accounts: Int
    /// Accounts with a churn date.
    public var churnedAccounts: Int
    public var firstDay: Day?
    public var lastDay: Day?
    public var weeks: [ISOWeek]
    /// Conversations per week, aligned with `weeks`.
    public var weeklyTotals: [Int]
    /// Most frequent first, ties by id.
    public var intents: [IntentCount]

    public func count(of intent: String) -> Int {
        intents.first { $0.intent == intent }?.count ?? 0
    }

    /// A short plain-text report.
    public func rendered(fixes: [SimulatedFix] = [], top: Int = 10) -> String {
        var lines: [String] = []
        let range = [firstDay, lastDay].compactMap { $0?.iso8601 }.joined(separator: " to ")
        lines.append("\(conversations) conversations (\(offTopic) off-topic), \(accounts) accounts (\(churnedAccounts) churned)\(range.isEmpty ? "" : ", " + range)")
        if !weeks.isEmpty {
            lines.append("weekly: " + zip(weeks, weeklyTotals).map { "\($0) \($1)" }.joined(separator: ", "))
        }
        lines.append("top intents:")
        let width = intents.prefix(top).map(\.intent.count).max() ?? 0
        for entry in intents.prefix(top) {
            lines.append("  " + entry.intent.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + String(entry.count))
        }
        for fix in fixes {
            guard let entry = intents.first(where: { $0.intent == fix.intent }) else { continue }
            let series = zip(weeks, zip(entry.weekly, weeklyTotals)).map { week, pair in
                "\(week) \(pair.0)/\(pair.1)"
            }
            lines.append("fix \(fix.intent) from \(fix.date) (x\(JSONWriter.format(fix.factor))): " + series.joined(separator: ", "))
        }
        return lines.joined(separator: "\n")
    }
}

/// Accumulates a summary while conversations stream past.
struct SummaryBuilder {
    let configuration: SimulationConfiguration
    private var total = 0
    private var offTopic = 0
    private var first: Day?
    private var last: Day?
    private var weekIndex: [ISOWeek: Int] = [:]
    private var weeks: [ISOWeek] = []
    private var weeklyTotals: [Int] = []
    private var perIntent: [String: [Int]] = [:]

    init(configuration: SimulationConfiguration) {
        self.configuration = configuration
        var day = configuration.start
        while day <= configuration.end {
            if weekIndex[day.isoWeek] == nil {
                weekIndex[day.isoWeek] = weeks.count
                weeks.append(day.isoWeek)
                weeklyTotals.append(0)
            }
            day = day.adding(days: 1)
        }
    }

    mutating func add(_ conversation: Conversation, _ truth: GroundTruth) {
        total += 1
        guard let day = conversation.startedAt?.day else { return }
        first = first.map { min($0, day) } ?? day
        last = last.map { max($0, day) } ?? day
        guard let week = weekIndex[day.isoWeek] else { return }
        weeklyTotals[week] += 1
        if let intent = truth.intent {
            perIntent[intent, default: Array(repeating: 0, count: weeks.count)][week] += 1
        } else {
            offTopic += 1
        }
    }

    func finish(accounts: [Account]) -> SimulationSummary {
        let intents = perIntent
            .map { SimulationSummary.IntentCount(intent: $0.key, count: $0.value.reduce(0, +), weekly: $0.value) }
            .sorted { $0.count != $1.count ? $0.count > $1.count : $0.intent < $1.intent }
        return SimulationSummary(
            conversations: total, offTopic: offTopic, accounts: accounts.count,
            churnedAccounts: accounts.filter { $0.churnDate != nil }.count, firstDay: first, lastDay: last,
            weeks: weeks, weeklyTotals: weeklyTotals, intents: intents)
    }
}

extension SimulatedDataset {
    /// The same summary `Simulator.write` returns, for a dataset in memory.
    public func summary(configuration: SimulationConfiguration) -> SimulationSummary {
        var builder = SummaryBuilder(configuration: configuration)
        for (conversation, label) in zip(conversations, truth) { builder.add(conversation, label) }
        return builder.finish(accounts: accounts)
    }
}
