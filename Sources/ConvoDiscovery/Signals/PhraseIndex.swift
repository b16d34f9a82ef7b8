/// Finds which of a fixed set of phrases (lower-case words, apostrophes dropped) a text holds,
/// whole words only, by looking the text's own word runs up in a table: the cost grows with
/// the text, not with the number of phrases, which matters over 100,000 conversations.
struct PhraseIndex<Tag: Hashable & Sendable>: Sendable {
    private let tags: [String: [Tag]]
    /// Every phrase's leading words (one word, two words, …), so a scan stops as soon as the
    /// words at hand begin no phrase: most words begin none.
    private let prefixes: Set<String>
    /// The words phrases begin with, as hashes of their bytes: most words begin none, and are
    /// passed over without building a string.
    private let firstWords: Set<UInt64>
    private let longest: Int

    /// - Parameter phrases: each phrase with what it stands for (a phrase may stand for several).
    init(_ phrases: [(phrase: String, tag: Tag)]) {
        var tags: [String: [Tag]] = [:]
        var longest = 1
        for (phrase, tag) in phrases {
            let words = phrase.split(separator: " ")
            longest = max(longest, words.count)
            tags[words.joined(separator: " "), default: []].append(tag)
        }
        self.tags = tags
        self.longest = longest
        var prefixes = Set<String>()
        for phrase in tags.keys {
            let words = phrase.split(separator: " ")
            for length in 1...words.count { prefixes.insert(words.prefix(length).joined(separator: " ")) }
        }
        self.prefixes = prefixes
        firstWords = Set(tags.keys.compactMap { $0.split(separator: " ").first.map(Self.hash) })
    }

    private static func hash(_ word: Substring) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in word.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
        return hash
    }

    /// Every phrase occurrence in `words` (a text's words, as `words(of:)` gives them): the tag
    /// and the phrase's length in words.
    func matches(_ words: [Substring]) -> [(tag: Tag, words: Int)] {
        var found: [(tag: Tag, words: Int)] = []
        var seen = Set<String>()
        for start in words.indices where firstWords.contains(Self.hash(words[start])) {
            var phrase = ""
            for length in 1...longest where start + length <= words.count {
                if length > 1 { phrase += " " }
                phrase += words[start + length - 1]
                guard prefixes.contains(phrase) else { break }
                guard let hits = tags[phrase], seen.insert(phrase).inserted else { continue }
                found += hits.map { ($0, length) }
            }
        }
        return found
    }

    /// Whether the text starts with one of the phrases.
    func matchesPrefix(_ words: [Substring]) -> Bool {
        guard let first = words.first, firstWords.contains(Self.hash(first)) else { return false }
        var phrase = ""
        for length in 1...longest where length <= words.count {
            if length > 1 { phrase += " " }
            phrase += words[length - 1]
            guard prefixes.contains(phrase) else { return false }
            if tags[phrase] != nil { return true }
        }
        return false
    }

    /// The lower-case words of `text`, apostrophes dropped ("don't" → "dont"), split at anything
    /// that is not a letter or a digit.
    static func words(of text: String) -> [Substring] {
        FrustrationSignals.normalized(text).split(separator: " ")
    }
}
