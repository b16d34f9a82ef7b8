import ConvoBase
import ConvoCluster

/// What a new intent is called and how it is recognised, all taken from its own conversations
/// by rules (no model): readable keywords, a few representative user messages, a title and a
/// slug. Everything quoted passes the redactor.
public struct IntentName: Sendable, Hashable {
    /// The slug the id starts from (`webhook-firing-endpoint`), before collisions are resolved.
    public var slug: String
    public var title: String
    /// Readable words, most telling first.
    public var keywords: [String]
    /// Redacted first user messages of the most central, mutually different conversations.
    public var exemplars: [String]
}

/// Names clusters of conversations.
public struct IntentNamer: Sendable {
    public let redactor: Redactor
    /// Two candidate exemplars at least this similar (in the clustering space) say the same thing.
    public var duplicateSimilarity: Float

    public init(redactor: Redactor, duplicateSimilarity: Float = 0.9) {
        self.redactor = redactor
        self.duplicateSimilarity = duplicateSimilarity
    }

    /// How many exemplars a new intent gets, at most and (when there are enough) at least.
    public static let maxExemplars = 5
    public static let minExemplars = 3
    /// How many keywords a new intent gets.
    public static let keywordCount = 5
    /// How many of the most central conversations are considered for exemplars and the title.
    static let candidateCount = 200
    /// Longest exemplar kept, in characters; longer first messages are cut at a sentence end.
    static let maxExemplarLength = 140
    static let maxTitleLength = 60

    /// - Parameters:
    ///   - topTerms: the cluster's stemmed distinctive terms (`Cluster.topTerms`), best first.
    ///   - firstMessages: the first user message of each member, most central first.
    ///   - similarity: how similar two members are (by position in `firstMessages`), for diversity.
    public func name(topTerms: [String], firstMessages: [String], similarity: (Int, Int) -> Float) -> IntentName {
        let sample = Array(firstMessages.prefix(IntentNamer.candidateCount))
        let keywords = readableKeywords(topTerms: topTerms, texts: sample)
        let usage = IntentNamer.wordUsage(sample)
        let exemplars = pickExemplars(sample, usage: usage, similarity: similarity)
        let title = makeTitle(sample, usage: usage, keywords: keywords)
        return IntentName(slug: IntentNamer.slug(title: title, keywords: keywords), title: title, keywords: keywords,
                          exemplars: exemplars)
    }

    /// The id a name suggests: the title's first four content words (what users asked, in their
    /// words), else the keywords.
    static func slug(title: String, keywords: [String]) -> String {
        var words = ReadableTerms.contentWords(of: title).filter { !titleFillers.contains($0) }
        if words.isEmpty { words = Array(keywords.prefix(3)) }
        let slug = Slug.make(words.prefix(4).joined(separator: " "))
        return slug.isEmpty ? "intent" : slug
    }

    /// Words of generated titles that say nothing about the intent.
    static let titleFillers: Set<String> = ["questions", "question"]

    /// The top single-word terms in the spelling people used most, without personal data,
    /// numbers or very short words.
    func readableKeywords(topTerms: [String], texts: [String]) -> [String] {
        let single = topTerms.filter { !$0.contains(" ") && !$0.hasPrefix("#") }
        var seen = Set<String>()
        var keywords: [String] = []
        for word in ReadableTerms.surfaceForms(of: single, in: texts) {
            guard word.count >= 3, word.contains(where: \.isLetter), redactor.redact(word) == word,
                  Slug.isValid(Slug.make(word)), seen.insert(word).inserted else { continue }
            keywords.append(word)
            if keywords.count == IntentNamer.keywordCount { break }
        }
        return keywords
    }

    /// Up to five central first messages (their first line, greeting dropped) that say different
    /// things, redacted. Messages that need no redaction and use the cluster's common words (not
    /// typos, names or ids) come first, so exemplars read naturally; a message of fewer than two
    /// content words says too little to be one.
    /// - Parameter usage: `wordUsage(messages)`.
    func pickExemplars(_ messages: [String], usage: [String: Int], similarity: (Int, Int) -> Float) -> [String] {
        var candidates: [(index: Int, text: String, common: Bool)] = []
        var seenTexts = Set<String>()
        for (index, message) in messages.enumerated() {
            guard let excerpt = IntentNamer.excerpt(message) else { continue }
            let text = IntentNamer.withoutGreeting(excerpt)
            guard seenTexts.insert(FrustrationSignals.normalized(text)).inserted else { continue }
            let words = ReadableTerms.contentWords(of: text)
            guard words.count >= 2 else { continue }
            let rare = words.filter { (usage[$0] ?? 0) < 2 }.count
            candidates.append((index, text, rare * 4 <= words.count))
        }
        // Redacting is the costly step: only the candidates looked at are redacted.
        var chosen: [(index: Int, text: String)] = []
        func consider(_ candidate: (index: Int, text: String, common: Bool), clean: Bool) {
            guard chosen.count < IntentNamer.maxExemplars, !chosen.contains(where: { $0.index == candidate.index }) else { return }
            let redacted = redactor.redact(candidate.text)
            guard !clean || redacted == candidate.text,
                  !chosen.contains(where: { similarity($0.index, candidate.index) >= duplicateSimilarity }) else { return }
            chosen.append((candidate.index, redacted))
        }
        for candidate in candidates where candidate.common { consider(candidate, clean: true) }
        if chosen.count < IntentNamer.minExemplars {
            for candidate in candidates { consider(candidate, clean: false) }
        }
        return chosen.sorted { $0.index < $1.index }.map(\.text)
    }

    /// A title from a central short message that names the most top keywords in the most common
    /// words (a word only one message uses is a typo, a name or an identifier), with its greeting
    /// dropped; else the keywords themselves. Messages with links, addresses or anything the
    /// redactor would touch are passed over.
    /// - Parameter usage: `wordUsage(messages)`.
    func makeTitle(_ messages: [String], usage: [String: Int], keywords: [String]) -> String {
        let stems = Set(keywords.prefix(3).flatMap { ReadableTerms.stems(of: $0) })
        var best: (text: String, score: Int)?
        for message in messages {
            guard let excerpt = IntentNamer.excerpt(message) else { continue }
            let text = IntentNamer.firstSentence(IntentNamer.withoutGreeting(excerpt))
            guard text.count >= 8, text.count <= IntentNamer.maxTitleLength, !text.contains("://"), !text.contains("@"),
                  !text.contains("/"), !text.contains("_") else { continue }
            let rare = ReadableTerms.contentWords(of: text).filter { (usage[$0] ?? 0) < 2 }.count
            let score = 2 * Set(ReadableTerms.stems(of: text)).intersection(stems).count - rare
            guard score > (best?.score ?? Int.min), redactor.redact(text) == text else { continue }
            best = (text, score)
        }
        if let best, best.score > 0 || keywords.isEmpty {
            var title = best.text
            while let last = title.last, ".?!,;:-".contains(last) || last == " " { title.removeLast() }
            return title.prefix(1).uppercased() + title.dropFirst()
        }
        guard !keywords.isEmpty else { return "Unnamed intent" }
        let shown = keywords.prefix(3)
        return "Questions about " + (shown.count > 1 ? shown.dropLast().joined(separator: ", ") + " and " + (shown.last ?? "") : shown.joined())
    }

    /// The message's first line (or first sentence, when the line is long), whitespace
    /// collapsed; nil when nothing readable is left.
    static func excerpt(_ message: String) -> String? {
        let firstLine = message.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        var text = firstLine.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        if text.count > maxExemplarLength {
            let sentenceEnd = text.prefix(maxExemplarLength).lastIndex { ".?!".contains($0) }
            guard let sentenceEnd else { return nil }
            text = String(text[...sentenceEnd])
        }
        let letters = text.filter(\.isLetter).count
        guard text.count >= 8, letters * 2 >= text.count else { return nil }
        return text
    }

    /// In how many messages each content word occurs.
    static func wordUsage(_ messages: [String]) -> [String: Int] {
        var usage: [String: Int] = [:]
        for message in messages {
            for word in Set(ReadableTerms.contentWords(of: message)) { usage[word, default: 0] += 1 }
        }
        return usage
    }

    /// Up to the end of the first sentence (". ", "? ", "! "), when that leaves enough to read.
    static func firstSentence(_ text: String) -> String {
        var previous: Character?
        for index in text.indices {
            if let previous, ".?!".contains(previous), text[index] == " " {
                let sentence = String(text[..<index])
                return sentence.count >= 8 ? sentence : text
            }
            previous = text[index]
        }
        return text
    }

    /// Drops a leading greeting ("hi team,", "hello!", "hey there -").
    static func withoutGreeting(_ text: String) -> String {
        var words = text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        while let first = words.first {
            let bare = first.lowercased().filter(\.isLetter)
            guard greetingWords.contains(bare) || bare.isEmpty else { break }
            words.removeFirst()
        }
        return words.joined(separator: " ")
    }

    static let greetingWords: Set<String> = [
        "hi", "hello", "hey", "heya", "hiya", "yo", "greetings", "good", "morning", "afternoon", "evening", "team", "there",
        "support", "folks", "guys", "all", "everyone", "so", "ok", "okay", "quick", "q", "question", "dear",
    ]
}
