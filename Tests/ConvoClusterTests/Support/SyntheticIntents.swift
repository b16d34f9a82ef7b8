@testable import ConvoCluster

/// Short support requests for a handful of intents, written the way people type: greetings,
/// fragments, mixed case and typos. Deterministic for a seed.
enum SyntheticIntents {
    static let templates: [String: [String]] = [
        "card-arrival": ["where is my new card", "my card still hasnt arrived", "when will my card be delivered",
                         "card not delivered yet", "how long does card delivery take", "still waiting for my card to arrive"],
        "refund": ["how do i get a refund", "i want my money back", "refund for my order", "can i get a refund for this purchase",
                   "requesting a refund", "my refund hasnt come through"],
        "password-reset": ["forgot my password", "password reset link not working", "cant log in need a password reset",
                           "how to change my password", "password reset email never came"],
        "webhook": ["webhook not firing", "my webhook never triggers", "webhook events are not delivered",
                    "why doesnt the webhook fire after setup", "webhook endpoint gets no requests"],
        "api-key": ["where do i find my api key", "how to generate a new api key", "api key invalid error",
                    "rotate my api key", "api key stopped working"],
        "invoice": ["download my invoice", "where are my invoices", "need an invoice for last month",
                    "invoice shows the wrong amount", "send me the invoice as pdf"],
        "cancel": ["cancel my subscription", "how do i cancel my plan", "stop my subscription renewal",
                   "i want to cancel the subscription", "end the paid subscription now"],
        "export": ["export my data to csv", "how to download all my data as csv", "data export is stuck",
                   "export project data", "can i export reports to csv"],
    ]

    struct Row {
        var id: String
        var text: String
        var label: String
    }

    /// `perIntent` rows for each intent, interleaved, ids `s0000…`.
    static func rows(perIntent: Int, seed: UInt64 = 7, intents: [String]? = nil) -> [Row] {
        var random = SplitMix64(seed: seed)
        let prefixes = ["", "", "hi, ", "hello ", "urgent: ", "hey team - ", "Hi there. "]
        let suffixes = ["", "", "?", "??", "!!", " please", " asap", " thanks"]
        var rows: [Row] = []
        let labels = intents ?? templates.keys.sorted()
        for index in 0..<perIntent {
            for label in labels {
                let options = templates[label] ?? []
                var text = options[Int(random.next() % UInt64(options.count))]
                text = typo(text, &random)
                if random.next() % 3 == 0 { text = text.uppercased() } else if random.next() % 2 == 0 { text = text.capitalized }
                text = prefixes[Int(random.next() % UInt64(prefixes.count))] + text + suffixes[Int(random.next() % UInt64(suffixes.count))]
                rows.append(Row(id: "s\(rows.count)", text: text, label: label))
            }
            _ = index
        }
        return rows
    }

    /// Swaps or drops a letter in one word, a third of the time.
    private static func typo(_ text: String, _ random: inout SplitMix64) -> String {
        guard random.next() % 3 == 0 else { return text }
        var words = text.split(separator: " ").map { Array($0) }
        let candidates = words.indices.filter { words[$0].count >= 5 }
        guard !candidates.isEmpty else { return text }
        let w = candidates[Int(random.next() % UInt64(candidates.count))]
        let position = 1 + Int(random.next() % UInt64(words[w].count - 2))
        if random.next() % 2 == 0 {
            words[w].swapAt(position, position - 1)
        } else {
            words[w].remove(at: position)
        }
        return words.map { String($0) }.joined(separator: " ")
    }
}
