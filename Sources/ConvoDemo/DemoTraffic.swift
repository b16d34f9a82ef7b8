import ConvoBase
import ConvoModel
import ConvoSimulator
import Foundation

/// Two weeks of the example agent's simulated traffic: the week the demo clusters and ranks,
/// and the following week with the prepared fix in effect, which `convo watch` then judges.
public struct DemoTraffic: Sendable {
    /// The Monday the first week starts.
    public static let firstDay = Day(year: 2026, month: 11, day: 16) ?? Day(daysSinceEpoch: 20_408)
    /// When the fix ships: the second week starts with it in effect.
    public static var fixDay: Day { firstDay.adding(days: 7) }
    /// How much of the intent's traffic remains once the fix is in.
    public static let fixFactor = 0.3

    public struct Week: Sendable {
        public let number: Int
        public let first: Day
        public let last: Day
        public let dataset: SimulatedDataset
        /// Accounts as billing knows them at the end of the week: every account seen so far,
        /// with the churn dates known by then.
        public let accounts: [Account]
    }

    public let weeks: [Week]

    /// Simulates both weeks in one deterministic run.
    /// - Parameter conversationsPerWeek: volume of one week (the second is about the same).
    public init(conversationsPerWeek: Int, seed: UInt64 = 7) throws {
        let configuration = SimulationConfiguration(
            seed: seed, conversations: conversationsPerWeek * 2, start: Self.firstDay, days: 14,
            fixes: [SimulatedFix(intent: WorkedExample.preparedIntent, date: Self.fixDay, factor: Self.fixFactor)])
        let all = try Simulator(configuration).generate()
        weeks = (0..<2).map { index in
            let first = Self.firstDay.adding(days: 7 * index)
            let last = first.adding(days: 6)
            return Week(number: index + 1, first: first, last: last,
                        dataset: all.slice(from: first, through: last),
                        accounts: all.slice(from: Self.firstDay, through: last).accounts)
        }
    }

    /// Writes a week as `convo ingest` reads it: `week-N.jsonl` (convo's JSONL) and
    /// `accounts-week-N.jsonl` in `directory`.
    /// - Returns: the two files.
    public func write(_ week: Week, to directory: URL) throws -> (conversations: URL, accounts: URL) {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let conversations = directory.appendingPathComponent("week-\(week.number).jsonl")
        let accounts = directory.appendingPathComponent("accounts-week-\(week.number).jsonl")
        var text = ""
        for conversation in week.dataset.conversations {
            text += ConversationJSON.encode(conversation)
            text += "\n"
        }
        try Data(text.utf8).write(to: conversations)
        try Data(week.accounts.map { SimulatorOutput.accountLine($0) + "\n" }.joined().utf8).write(to: accounts)
        return (conversations, accounts)
    }
}
