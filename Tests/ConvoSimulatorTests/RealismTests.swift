import ConvoBase
import Foundation
import ConvoModel
import Testing
@testable import ConvoSimulator

/// The text is what clustering, the demo and the benchmarks feed on: it must look typed by
/// people, vary a lot, and be hard to separate in the places real support traffic is.
@Suite struct RealismTests {
    /// Same seed with and without the typist: the words line up one to one, so what changed is measurable.
    @Test func typoRateIsWithinBounds() {
        var words = 0
        var changedWords = 0
        var messagesWithTypos = 0
        var messagesRecased = 0
        let pairs = zip(Fixtures.twoWeeks.conversations, Fixtures.twoWeeksClean.conversations)
        for (noisy, clean) in pairs {
            let typed = Fixtures.firstUserText(noisy)
            let original = Fixtures.firstUserText(clean)
            let a = original.split(whereSeparator: \.isWhitespace)
            let b = typed.split(whereSeparator: \.isWhitespace)
            #expect(a.count == b.count, "typist added or removed words:\n\(original)\n\(typed)")
            var changed = 0
            for (x, y) in zip(a, b) where letters(x) != letters(y) { changed += 1 }
            words += a.count
            changedWords += changed
            if changed > 0 { messagesWithTypos += 1 }
            if zip(a, b).contains(where: { x, y in letters(x) == letters(y) && x.filter(\.isLetter) != y.filter(\.isLetter) }) {
                messagesRecased += 1
            }
        }
        let count = Double(Fixtures.twoWeeks.conversations.count)
        let rate = Double(changedWords) / Double(words)
        #expect(rate >= 0.01 && rate <= 0.08, "word typo rate \(rate)")
        #expect(Double(messagesWithTypos) / count >= 0.15 && Double(messagesWithTypos) / count <= 0.6, "messages with typos \(messagesWithTypos)")
        #expect(Double(messagesRecased) / count >= 0.2, "only \(messagesRecased) messages changed case")
    }

    @Test func firstMessagesAreRarelyVerbatimRepeats() throws {
        let firsts = Fixtures.twoWeeks.conversations.map(Fixtures.firstUserText)
        let ratio = Double(Set(firsts).count) / Double(firsts.count)
        #expect(ratio >= 0.85, "distinct first-turn ratio \(ratio)")
        let webhook = try #require(Fixtures.byIntent(Fixtures.twoWeeks)["webhook-not-firing"]).map(Fixtures.firstUserText)
        #expect(Double(Set(webhook).count) / Double(webhook.count) >= 0.8)
        // Even without typos, composition alone keeps most of them apart.
        let clean = Fixtures.twoWeeksClean.conversations.map(Fixtures.firstUserText)
        #expect(Double(Set(clean).count) / Double(clean.count) >= 0.75)
    }

    /// Off-topic conversations are outliers: varied enough that they do not form intents of their own.
    @Test func offTopicConversationsAreScatteredOneOffs() throws {
        let offTopic = try #require(Fixtures.byIntent(Fixtures.twoWeeksClean)[nil]).map(Fixtures.firstUserText)
        #expect(offTopic.count > 200)
        #expect(Double(Set(offTopic).count) / Double(offTopic.count) >= 0.8)
        // No content word is shared by a large share of them (function and filler words aside).
        let filler: Set<String> = ["about", "question", "sorry", "thoughts", "whats", "there", "which", "would", "could", "quickly", "random"]
        var documentFrequency: [String: Int] = [:]
        for text in offTopic {
            for word in Set(tokens(text)) where word.count >= 5 && !filler.contains(word) { documentFrequency[word, default: 0] += 1 }
        }
        let commonest = documentFrequency.max { $0.value < $1.value }
        #expect(Double(commonest?.value ?? 0) / Double(offTopic.count) < 0.1, "\(String(describing: commonest))")
    }

    @Test func messagesComeInManyShapes() {
        let firsts = Fixtures.twoWeeks.conversations.map(Fixtures.firstUserText)
        let count = Double(firsts.count)
        let share = { (predicate: (String) -> Bool) in Double(firsts.filter(predicate).count) / count }
        let pasteMarkers = ["HTTP/", "Error", "error\":", "Traceback", "npm ERR!", "    at ", "curl -X", "\"type\"", "RELAY*", "goroutine"]
        let pastes = share { text in pasteMarkers.contains { text.contains($0) } }
        #expect(pastes >= 0.05 && pastes <= 0.4, "pastes \(pastes)")
        let fragments = share { $0.split(separator: " ").count <= 4 }
        #expect(fragments >= 0.08 && fragments <= 0.45, "short fragments \(fragments)")
        let long = share { $0.split(separator: " ").count >= 25 }
        #expect(long >= 0.05, "long messages \(long)")
        let lowercaseStart = share { $0.first?.isLowercase == true }
        #expect(lowercaseStart >= 0.3 && lowercaseStart <= 0.9)
        let greetings = share { text in ["hi", "hey", "hello", "quick q", "morning"].contains { text.lowercased().hasPrefix($0) } }
        #expect(greetings >= 0.15 && greetings <= 0.6, "greetings \(greetings)")
        let allCaps = share { $0.count > 10 && $0 == $0.uppercased() && $0 != $0.lowercased() }
        #expect(allCaps > 0.002 && allCaps < 0.08, "all caps \(allCaps)")
    }

    @Test func conversationsHaveFollowUpsComplaintsAndAbandonment() {
        let conversations = Fixtures.twoWeeks.conversations
        let count = Double(conversations.count)
        let share = { (predicate: (Conversation) -> Bool) in Double(conversations.filter(predicate).count) / count }
        let multiTurn = share { $0.userTexts.count >= 2 }
        #expect(multiTurn >= 0.25 && multiTurn <= 0.75, "multi-turn \(multiTurn)")
        let withTools = share { $0.turns.contains { $0.role == .tool } }
        #expect(withTools >= 0.2 && withTools <= 0.65, "with tools \(withTools)")
        let negatives = ["useless", "still not working", "not what i asked", "didn't work", "didnt work", "not listening", "still broken", "already did"]
        let complaining = share { conversation in conversation.userTexts.dropFirst().contains { text in negatives.contains { text.lowercased().contains($0) } } }
        #expect(complaining >= 0.04, "complaints \(complaining)")
        let humans = share { $0.turns.contains { $0.name == "create_ticket" } }
        #expect(humans >= 0.02)
        // The user repeats the question verbatim (clean text makes this exact).
        let repeats = Double(Fixtures.twoWeeksClean.conversations.filter { conversation in
            let texts = conversation.userTexts
            guard let first = texts.first else { return false }
            return texts.dropFirst().contains { $0.count >= 8 && first.contains($0.replacingPrefixes()) }
        }.count) / count
        #expect(repeats >= 0.03, "repeats \(repeats)")
        // The last word is often the agent's: satisfied silence, or giving up.
        let endsWithAgent = share { $0.turns.last?.role == .assistant }
        #expect(endsWithAgent >= 0.5 && endsWithAgent <= 0.95)
        let greetingFirst = share { conversation in
            conversation.userTexts.count >= 2 && (conversation.userTexts.first?.split(separator: " ").count ?? 9) <= 3
                && conversation.turns.dropFirst().first?.content.hasPrefix("H") == true
        }
        #expect(greetingFirst >= 0.01)
    }

    /// Intents are separable by their vocabulary, but not trivially: a TF-IDF centroid classifier
    /// trained on week one and tested on week two gets most right, not all; and each intent's
    /// nearest neighbour is one it was built to be confused with.
    @Test func intentsAreDistinctButConfusable() throws {
        let dataset = Fixtures.twoWeeks
        var train: [(String, [String])] = []
        var test: [(String, [String])] = []
        for (conversation, truth) in zip(dataset.conversations, dataset.truth) {
            guard let intent = truth.intent else { continue }
            let words = tokens(Fixtures.firstUserText(conversation))
            if conversation.startedAt!.day < Fixtures.fixDate { train.append((intent, words)) } else { test.append((intent, words)) }
        }
        var documentFrequency: [String: Double] = [:]
        for (_, words) in train { for word in Set(words) { documentFrequency[word, default: 0] += 1 } }
        let documents = Double(train.count)
        let vector = { (words: [String]) -> [String: Double] in
            var v: [String: Double] = [:]
            for word in words { v[word, default: 0] += log(documents / (1 + (documentFrequency[word] ?? 0))) }
            return self.normalize(v)
        }
        var sums: [String: [String: Double]] = [:]
        for (intent, words) in train { for (word, weight) in vector(words) { sums[intent, default: [:]][word, default: 0] += weight } }
        let centroids = sums.mapValues(normalize)
        let labels = centroids.keys.sorted()
        let nearest = { (v: [String: Double], excluding: String?) -> String in
            labels.filter { $0 != excluding }.max { self.cosine(v, centroids[$0]!) < self.cosine(v, centroids[$1]!) }!
        }
        let correct = test.filter { nearest(vector($0.1), nil) == $0.0 }.count
        let accuracy = Double(correct) / Double(test.count)
        #expect(accuracy >= 0.6 && accuracy <= 0.97, "TF-IDF centroid accuracy \(accuracy)")

        let webhooks: Set<String> = ["webhook-not-firing", "webhook-signature-invalid", "webhook-retries-duplicate", "webhook-delayed-delivery",
                                     "event-replay-request", "webhook-filtering-request", "failed-delivery-alerts"]
        let billing: Set<String> = ["charged-twice", "refund-request", "invoice-download", "overage-charges", "plan-comparison",
                                    "upgrade-not-applied", "cancel-subscription", "downgrade-plan", "trial-extension", "rate-limit-increase"]
        // "My live endpoint gets no events" is the designed overlap between these two.
        for (intent, group) in [("webhook-not-firing", webhooks.union(["test-vs-live-environment"])),
                                ("webhook-retries-duplicate", webhooks), ("webhook-delayed-delivery", webhooks),
                                ("charged-twice", billing), ("invoice-download", billing), ("refund-request", billing),
                                ("rate-limit-429", ["rate-limit-increase", "api-5xx-errors", "api-timeout"])] {
            let neighbour = nearest(centroids[intent]!, intent)
            #expect(group.contains(neighbour), "\(intent)'s nearest intent is \(neighbour)")
        }
        // Confusable, yet each keeps a vocabulary of its own.
        for intent in labels {
            let neighbour = nearest(centroids[intent]!, intent)
            #expect(cosine(centroids[intent]!, centroids[neighbour]!) < 0.75, "\(intent) is nearly the same as \(neighbour)")
        }
    }

    private func tokens(_ text: String) -> [String] {
        text.lowercased().split(whereSeparator: { !$0.isLetter }).filter { $0.count >= 2 }.map(String.init)
    }

    private func letters(_ word: Substring) -> String {
        word.lowercased().filter(\.isLetter)
    }

    private func normalize(_ vector: [String: Double]) -> [String: Double] {
        let norm = vector.values.map { $0 * $0 }.reduce(0, +).squareRoot()
        return norm > 0 ? vector.mapValues { $0 / norm } : vector
    }

    private func cosine(_ a: [String: Double], _ b: [String: Double]) -> Double {
        a.reduce(0) { $0 + $1.value * (b[$1.key] ?? 0) }
    }
}

private extension String {
    /// A repeated question without the "again:" people put in front.
    func replacingPrefixes() -> String {
        for prefix in ["again: ", "I said ", "like I said, ", "once more: ", "repeating: ", "as I said ", "AGAIN ", "my question was: "] where hasPrefix(prefix) {
            return String(dropFirst(prefix.count))
        }
        return self
    }
}
