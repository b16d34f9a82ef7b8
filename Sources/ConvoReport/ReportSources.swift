public import ConvoBase
public import ConvoIntents
public import ConvoStore
import ConvoRank

/// Reads what the report needs from the conversation store: totals for the shares, and the
/// first user message of each intent's sample conversations.
public enum ReportSources {
    /// Quotes longer than this many characters are cut at a word boundary, with `…`.
    public static let quoteLength = 240

    /// Gathers a report's input: intents with their exemplars run through the redactor once more
    /// (they should be redacted already; a hand edit may not be), and, when there is a store,
    /// its totals and the sample conversations' first user messages.
    public static func input(repositoryName: String, intents: [Intent], config: ConvoConfig, mergeTimes: [String: Timestamp],
                             store: (any ConversationStore)?, redactor: Redactor) throws -> ReportInput {
        let redacted = intents.map { intent in
            var copy = intent
            copy.signals.exemplars = intent.signals.exemplars.map(redactor.redact)
            return copy
        }
        var input = ReportInput(repositoryName: repositoryName, intents: redacted, rankSettings: config.rank, mergeTimes: mergeTimes)
        if let store {
            input.traffic = try traffic(from: store)
            input.quotes = try quotes(for: redacted, in: store, redactor: redactor)
        }
        return input
    }

    /// All conversations counted by week and plan, with the first and last day.
    public static func traffic(from store: any ConversationStore) throws -> TrafficSummary {
        let counts = try store.counts(matching: .all)
        var weekly: [ISOWeek: Int] = [:]
        var days: [Day] = []
        for bucket in counts.byDay {
            guard let day = bucket.key else { continue }
            weekly[day.isoWeek, default: 0] += bucket.count
            days.append(day)
        }
        var plans: [String: Int] = [:]
        for bucket in counts.byPlan {
            plans[bucket.key?.lowercased() ?? IntentEvidence.unknownPlan, default: 0] += bucket.count
        }
        return TrafficSummary(conversations: counts.conversations, firstDay: days.min(), lastDay: days.max(), weekly: weekly,
                              plans: plans)
    }

    /// The first user message of every sample conversation the store has, redacted and
    /// shortened; ids the store lacks are left out.
    public static func quotes(for intents: [Intent], in store: any ConversationStore, redactor: Redactor) throws -> [String: String] {
        let ids = Set(intents.flatMap { $0.evidence?.sample ?? [] }).sorted()
        var quotes: [String: String] = [:]
        for id in ids {
            guard let text = try store.conversation(id: id)?.firstUserText else { continue }
            quotes[id] = shortened(redactor.redact(text))
        }
        return quotes
    }

    /// One line of at most `quoteLength` characters: whitespace runs become one space, and a
    /// longer text is cut at the last space before the limit.
    static func shortened(_ text: String) -> String {
        let line = text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        guard line.count > quoteLength else { return line }
        let cut = line.prefix(quoteLength)
        let atWord = cut.lastIndex(of: " ").map { cut[..<$0] } ?? cut
        return String(atWord.count > quoteLength / 2 ? atWord : cut) + "…"
    }
}
