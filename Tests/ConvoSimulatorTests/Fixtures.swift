import ConvoBase
import ConvoModel
@testable import ConvoSimulator

/// Datasets shared by the suites, generated once per test run (debug builds are slow).
enum Fixtures {
    static let start = Day(year: 2026, month: 11, day: 16)!
    static let fixDate = Day(year: 2026, month: 11, day: 23)!

    /// Two weeks with the demo's top intent fixed at the start of the second.
    static let configuration = SimulationConfiguration(
        seed: 7, conversations: 6000, start: start, days: 14,
        fixes: [SimulatedFix(intent: "webhook-not-firing", date: fixDate, factor: 0.3)])

    static let twoWeeks: SimulatedDataset = {
        // The configuration is valid by construction; a failure here fails every test that uses it.
        (try? Simulator(configuration))?.generate() ?? SimulatedDataset(conversations: [], accounts: [], truth: [])
    }()

    /// The same two weeks without typos, for measuring what the typist changed.
    static let twoWeeksClean: SimulatedDataset = {
        var clean = configuration
        clean.typoLevel = 0
        return (try? Simulator(clean))?.generate() ?? SimulatedDataset(conversations: [], accounts: [], truth: [])
    }()

    /// One ordinary week, no fix.
    static let oneWeek: SimulatedDataset = {
        (try? Simulator(SimulationConfiguration(seed: 7, conversations: 3200, start: start, days: 7)))?.generate()
            ?? SimulatedDataset(conversations: [], accounts: [], truth: [])
    }()

    static func firstUserText(_ conversation: Conversation) -> String {
        conversation.turns.first { $0.role == .user }?.content ?? ""
    }

    /// Conversations grouped by true intent (nil = off-topic), in dataset order.
    static func byIntent(_ dataset: SimulatedDataset) -> [String?: [Conversation]] {
        var groups: [String?: [Conversation]] = [:]
        for (conversation, truth) in zip(dataset.conversations, dataset.truth) {
            groups[truth.intent, default: []].append(conversation)
        }
        return groups
    }
}
