import ConvoModel

/// The three signs of a frustrated user that a transcript shows, each read from the user's own
/// turns and the order of turns (never from the assistant's wording):
///
/// - **repeated**: a later user turn says an earlier one again — most of its words are the same
///   (word-set overlap of at least one half), or it opens with a marker such as "again" or
///   "like I said";
/// - **negative**: a user turn after the first complains ("still not working", "useless", "are
///   you a bot", "that's not what I asked", a row of "?!", or shouting in capitals);
/// - **abandoned**: the user came back after the first answer, got another answer, and left
///   without acknowledging it (the conversation ends on an assistant turn and the user's last
///   turn is neither thanks nor "works now").
///
/// An intent's `evidence.frustration` is the mean of `score` over its conversations.
public struct FrustrationSignals: Sendable, Hashable {
    public var repeated: Bool
    public var negative: Bool
    public var abandoned: Bool

    public init(repeated: Bool = false, negative: Bool = false, abandoned: Bool = false) {
        self.repeated = repeated
        self.negative = negative
        self.abandoned = abandoned
    }

    /// The share of the three signs present, 0…1.
    public var score: Double {
        Double([repeated, negative, abandoned].filter { $0 }.count) / 3
    }

    /// Reads the signs from a conversation's turns.
    public init(_ conversation: Conversation) {
        let spoken = conversation.turns.filter { ($0.role == .user || $0.role == .assistant) && !$0.content.isEmpty }
        let userTurns = spoken.filter { $0.role == .user }
        let users = userTurns.map { PhraseIndex<Bool>.words(of: $0.content) }
        let contents = users.map(FrustrationSignals.contentWords)
        var repeated = false
        var negative = false
        for (index, words) in users.enumerated() where index > 0 {
            if FrustrationSignals.repeatMarkers.matchesPrefix(words) { repeated = true }
            let content = contents[index]
            if !repeated, content.count >= 2, contents[..<index].contains(where: { FrustrationSignals.overlap(content, $0) >= 0.5 }) {
                repeated = true
            }
            if FrustrationSignals.isNegative(words, raw: userTurns[index].content) { negative = true }
        }
        var abandoned = false
        if users.count >= 2, spoken.last?.role == .assistant, let last = users.last {
            abandoned = FrustrationSignals.acknowledgements.matches(last).isEmpty
        }
        self.init(repeated: repeated, negative: negative, abandoned: abandoned)
    }

    // MARK: Reading text

    /// Lower-case words separated by single spaces, padded with a space at each end so phrases
    /// match whole words only; apostrophes vanish ("don't" → "dont").
    static func normalized(_ text: String) -> String {
        if let ascii = normalizedASCII(text) { return ascii }
        var out = " "
        var lastWasSpace = true
        for scalar in text.lowercased().unicodeScalars {
            if scalar == "'" || scalar == "\u{2019}" { continue }
            if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                out.unicodeScalars.append(scalar)
                lastWasSpace = false
            } else if !lastWasSpace {
                out += " "
                lastWasSpace = true
            }
        }
        if !lastWasSpace { out += " " }
        return out
    }

    /// `normalized` for ASCII text (nearly all of it), byte by byte; nil for any other text.
    private static func normalizedASCII(_ text: String) -> String? {
        var out: [UInt8] = [UInt8(ascii: " ")]
        out.reserveCapacity(text.utf8.count + 2)
        var lastWasSpace = true
        for byte in text.utf8 {
            switch byte {
            case 0x80...: return nil
            case UInt8(ascii: "'"): continue
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                out.append(byte)
                lastWasSpace = false
            case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                out.append(byte + 32)
                lastWasSpace = false
            default:
                if !lastWasSpace {
                    out.append(UInt8(ascii: " "))
                    lastWasSpace = true
                }
            }
        }
        if !lastWasSpace { out.append(UInt8(ascii: " ")) }
        return String(decoding: out, as: UTF8.self)
    }

    /// The words that can make two turns the same question: longer than two letters, not filler.
    /// Kept as 64-bit hashes of their bytes: comparing turns then hashes no strings.
    static func contentWords(_ words: [Substring]) -> Set<UInt64> {
        var set = Set<UInt64>()
        for word in words {
            let bytes = word.utf8
            // Letters, not bytes: only a word with non-ASCII letters can have fewer letters than bytes.
            guard bytes.count > 2, bytes.allSatisfy({ $0 < 0x80 }) || word.count > 2 else { continue }
            if bytes.count <= longestFiller, fillerWords.contains(String(word)) { continue }
            var hash: UInt64 = 0xCBF2_9CE4_8422_2325
            for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
            set.insert(hash)
        }
        return set
    }

    private static let longestFiller = fillerWords.map(\.utf8.count).max() ?? 0

    /// Overlap of two word sets relative to the smaller one.
    static func overlap(_ a: Set<UInt64>, _ b: Set<UInt64>) -> Double {
        guard !a.isEmpty, !b.isEmpty else { return 0 }
        return Double(a.intersection(b).count) / Double(min(a.count, b.count))
    }

    static func isNegative(_ words: [Substring], raw: String) -> Bool {
        if !negativePhrases.matches(words).isEmpty { return true }
        if hasEmphaticPunctuation(raw) { return true }
        // Shouting: most letters in capitals, over at least a few words.
        var letters = 0
        var upper = 0
        for scalar in raw.unicodeScalars {
            if scalar.isASCII {
                let value = scalar.value
                if value >= 0x61 && value <= 0x7A {
                    letters += 1
                } else if value >= 0x41 && value <= 0x5A {
                    letters += 1
                    upper += 1
                }
            } else if scalar.properties.isAlphabetic {
                letters += 1
                if scalar.properties.isUppercase { upper += 1 }
            }
        }
        return letters >= 12 && upper * 10 >= letters * 7
    }

    /// Whether `text` holds "?!", "!?", "???" or "!!!".
    static func hasEmphaticPunctuation(_ text: String) -> Bool {
        var previous: UInt8 = 0
        var run = 0
        for byte in text.utf8 {
            guard byte == UInt8(ascii: "?") || byte == UInt8(ascii: "!") else {
                run = 0
                previous = 0
                continue
            }
            if previous != 0 && previous != byte { return true }
            run = previous == byte ? run + 1 : 1
            if run >= 3 { return true }
            previous = byte
        }
        return false
    }

    static let repeatMarkers = PhraseIndex([
        "again", "i said", "like i said", "as i said", "once more", "my question was", "repeating", "i already asked",
        "i asked", "i repeat", "still asking", "same question",
    ].map { ($0, true) })

    static let negativePhrases = PhraseIndex([
        "useless", "not working", "still not", "still broken", "still nothing", "still the same", "doesnt help", "didnt help",
        "does not help", "not helpful", "unhelpful", "not what i asked", "not listening", "are you a bot", "you a bot", "stupid",
        "wrong", "thats not it", "that is not it", "not the problem", "seriously", "ridiculous", "frustrating", "frustrated",
        "annoying", "annoyed", "waste of time", "wasting my time", "terrible", "awful", "wtf", "ugh", "did you even read",
        "same answer", "i already did", "already tried", "didnt work", "doesnt work", "did not work", "does not work",
        "no that", "nope", "not helping", "come on", "give up", "fed up", "unacceptable",
    ].map { ($0, true) })

    static let acknowledgements = PhraseIndex([
        "thanks", "thank", "thx", "ty", "thanx", "cheers", "works", "worked", "working now", "fixed", "solved", "perfect", "great",
        "awesome", "got it", "makes sense", "that did it", "that was it", "ok", "okay", "cool", "nice", "brilliant",
    ].map { ($0, true) })

    /// Short words that say nothing about whether two turns ask the same thing.
    static let fillerWords: Set<String> = [
        "the", "and", "but", "for", "you", "your", "are", "was", "this", "that", "with", "have", "has", "not", "can", "what",
        "why", "how", "its", "our", "out", "all", "any", "get", "just", "did", "does", "still", "yes", "now",
    ]
}
