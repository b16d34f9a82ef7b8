/// Splits text into the lexical features the built-in representation counts: stemmed content
/// words, pairs of adjacent content words, and character 3–5-grams inside each word. Character
/// grams are what make "recieved", "received" and "receive" look alike; word pairs keep
/// "card declined" apart from "card arrived".
struct TextAnalyzer: Sendable {
    enum Kind: UInt8 {
        case word = 1
        case pair = 2
        case chars = 3
    }

    var charGramSizes: ClosedRange<Int> = 3...5

    /// Calls `emit` for every feature occurrence, with its kind, a stable 64-bit hash and, when
    /// `labels` is set, the readable text of word and word-pair features (for naming clusters).
    func features(of text: String, labels: Bool = false, _ emit: (Kind, UInt64, [UInt8]?) -> Void) {
        var previous: (hash: UInt64, word: [UInt8])?
        for word in Self.contentWords(text) {
            let wordHash = Self.hash(word, kind: .word)
            emit(.word, wordHash, labels ? word : nil)
            if let previous {
                emit(.pair, Self.pairHash(previous.hash, wordHash), labels ? previous.word + [UInt8(ascii: " ")] + word : nil)
            }
            previous = (wordHash, word)
            characterGrams(of: word) { emit(.chars, $0, nil) }
        }
    }

    /// Hashes of the character grams of one word, padded with a space at each end so prefixes
    /// and suffixes are grams of their own.
    func characterGrams(of word: [UInt8], _ emit: (UInt64) -> Void) {
        word.withUnsafeBufferPointer { characterGrams(of: $0, emit) }
    }

    func characterGrams(of word: UnsafeBufferPointer<UInt8>, _ emit: (UInt64) -> Void) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: word.count + 2) { padded in
            guard let base = padded.baseAddress else { return }
            base[0] = UInt8(ascii: " ")
            for (offset, byte) in word.enumerated() { base[offset + 1] = byte }
            base[word.count + 1] = UInt8(ascii: " ")
            let count = word.count + 2
            for size in charGramSizes where count >= size {
                for start in 0...(count - size) {
                    emit(Self.hash(UnsafeBufferPointer(start: base + start, count: size), kind: .chars))
                }
            }
        }
    }

    /// The feature of two adjacent content words, from their word hashes.
    static func pairHash(_ first: UInt64, _ second: UInt64) -> UInt64 {
        mix(first &* 0x9E37_79B9_7F4A_7C15 ^ second ^ UInt64(Kind.pair.rawValue))
    }

    /// The lower-cased, stemmed words of `text` minus stopwords, as UTF-8 bytes.
    static func contentWords(_ text: String) -> [[UInt8]] {
        var words: [[UInt8]] = []
        var current: [UInt8] = []
        var allDigits = true
        func flush() {
            defer {
                current.removeAll(keepingCapacity: true)
                allDigits = true
            }
            guard !current.isEmpty else { return }
            if allDigits {
                words.append(numberToken)
                return
            }
            guard current.count >= 2, !stopwords.contains(current) else { return }
            words.append(stem(current))
        }
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value < 128 {
                let byte = UInt8(value)
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"):
                    current.append(byte)
                    allDigits = false
                case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                    current.append(byte + 32)
                    allDigits = false
                case UInt8(ascii: "0")...UInt8(ascii: "9"):
                    current.append(byte)
                case UInt8(ascii: "'"):
                    continue  // "don't" reads as one word, "dont", as people also type it
                default:
                    flush()
                }
            } else if value == 0x2019 {
                continue  // typographic apostrophe
            } else if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                current.append(contentsOf: Array(scalar.properties.lowercaseMapping.utf8))
                allDigits = false
            } else {
                flush()
            }
        }
        flush()
        return words
    }

    /// Calls `body` with every word `contentWords(text)` gives, in order, without allocating an
    /// array per word: the hot path of vectorising every conversation. ASCII text (nearly all of
    /// it) is scanned byte by byte; other text goes through `contentWords`.
    static func forEachContentWord(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        var text = text
        let handled: Bool = text.withUTF8 { bytes in
            guard !bytes.contains(where: { $0 >= 0x80 }) else { return false }
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(8, bytes.count + 1)) { word in
                guard let base = word.baseAddress else { return }
                var length = 0
                var allDigits = true
                func flush() {
                    defer {
                        length = 0
                        allDigits = true
                    }
                    guard length > 0 else { return }
                    if allDigits {
                        numberToken.withUnsafeBufferPointer(body)
                        return
                    }
                    guard length >= 2, !isStopword(UnsafeBufferPointer(start: base, count: length)) else { return }
                    length = stemmedLength(base, length)
                    body(UnsafeBufferPointer(start: base, count: length))
                }
                for byte in bytes {
                    switch byte {
                    case UInt8(ascii: "a")...UInt8(ascii: "z"):
                        base[length] = byte
                        length += 1
                        allDigits = false
                    case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                        base[length] = byte + 32
                        length += 1
                        allDigits = false
                    case UInt8(ascii: "0")...UInt8(ascii: "9"):
                        base[length] = byte
                        length += 1
                    case UInt8(ascii: "'"):
                        continue
                    default:
                        flush()
                    }
                }
                flush()
            }
            return true
        }
        guard !handled else { return }
        for word in contentWords(text) { word.withUnsafeBufferPointer(body) }
    }

    /// Whether `word` (lower-case, unstemmed) is one of the `stopwords`.
    private static func isStopword(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        word.count <= longestStopword && stopwordTable.column(for: hash(word, kind: .word)) != nil
    }

    private static let stopwordTable = FeatureTable(hashes: stopwords.map { hash($0, kind: .word) })
    private static let longestStopword = stopwords.map(\.count).max() ?? 0

    /// `stem` in place: the stemmed word's length (an "ies" ending becomes "y").
    private static func stemmedLength(_ word: UnsafeMutablePointer<UInt8>, _ length: Int) -> Int {
        for suffix in suffixes where length - suffix.count >= 3 {
            guard (0..<suffix.count).allSatisfy({ word[length - suffix.count + $0] == suffix[$0] }) else { continue }
            if suffix == iesSuffix {
                word[length - 3] = UInt8(ascii: "y")
                return length - 2
            }
            return length - suffix.count
        }
        return length
    }

    private static let iesSuffix: [UInt8] = Array("ies".utf8)

    /// Strips a few inflectional endings. Deliberately light: an aggressive stemmer merges words
    /// that intents need apart, and character grams already catch most variants.
    static func stem(_ word: [UInt8]) -> [UInt8] {
        for suffix in suffixes where word.count - suffix.count >= 3 && word.ends(with: suffix) {
            var stemmed = Array(word.dropLast(suffix.count))
            if suffix == Array("ies".utf8) { stemmed.append(UInt8(ascii: "y")) }
            return stemmed
        }
        return word
    }

    private static let suffixes: [[UInt8]] = ["ies", "ing", "ed", "es", "s", "ly"].map { Array($0.utf8) }
    private static let numberToken: [UInt8] = Array("#num".utf8)

    /// Function words of English that say nothing about what someone wants.
    static let stopwords: Set<[UInt8]> = Set("""
        a an the i me my mine myself we us our ours you your yours it its itself he him his she her \
        they them their this that these those is are was were be been being am do does did doing \
        to of in on for at by with from into onto about and or but so if then than as there here \
        what when where which who whom how why can could would should will shall may might must \
        have has had having just please pls plz hi hello hey thanks thank im ive id ill youre \
        very also too some any all again still yet get got getting really an oh ok okay \
        good morning afternoon evening greetings heya hiya yo dear ty tia thx thnx tx advance appreciate appreciated \
        cheers regards team folks guys anyone everyone kindly sorry bother hola advise
        """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map { Array($0.utf8) })

    static func hash<S: Sequence>(_ bytes: S, kind: Kind) -> UInt64 where S.Element == UInt8 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325 ^ UInt64(kind.rawValue)
        for byte in bytes {
            h ^= UInt64(byte)
            h = h &* 0x100_0000_01B3
        }
        return mix(h)
    }

    /// SplitMix64's finaliser, so nearby FNV states spread over all bits.
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension Array where Element == UInt8 {
    fileprivate func ends(with suffix: [UInt8]) -> Bool {
        count >= suffix.count && self[(count - suffix.count)...].elementsEqual(suffix)
    }
}

/// Readable forms of the stemmed terms clusters are described by (`Cluster.topTerms`): for each
/// term, the spelling people used most often in the given texts, so "fir" reads "firing" and a
/// rare typo never wins.
public enum ReadableTerms {
    /// The most common surface form of each term in `texts` (ties to the shorter, then the
    /// alphabetically first); a term that never occurs keeps its stemmed form.
    public static func surfaceForms(of terms: [String], in texts: [String]) -> [String] {
        let wanted = Set(terms)
        var counts: [String: [String: Int]] = [:]
        for text in texts {
            let words = TextAnalyzer.surfaceWords(text)
            for (index, word) in words.enumerated() {
                if wanted.contains(word.stem) { counts[word.stem, default: [:]][word.surface, default: 0] += 1 }
                if index > 0 {
                    let previous = words[index - 1]
                    let pair = previous.stem + " " + word.stem
                    if wanted.contains(pair) { counts[pair, default: [:]][previous.surface + " " + word.surface, default: 0] += 1 }
                }
            }
        }
        return terms.map { term in
            guard let forms = counts[term] else { return term }
            return forms.max { a, b in (a.value, b.key.count, b.key) < (b.value, a.key.count, a.key) }?.key ?? term
        }
    }

    /// The stemmed form of every content word of `text`, as clustering sees it.
    public static func stems(of text: String) -> [String] {
        TextAnalyzer.contentWords(text).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The content words of `text` (no stopwords), lower-cased but not stemmed, in order.
    public static func contentWords(of text: String) -> [String] {
        TextAnalyzer.surfaceWords(text).map(\.surface)
    }
}

extension TextAnalyzer {
    /// Content words with their lower-cased surface form, in order (what `contentWords` keeps).
    static func surfaceWords(_ text: String) -> [(surface: String, stem: String)] {
        var words: [(surface: String, stem: String)] = []
        var current = ""
        func flush() {
            defer { current = "" }
            guard !current.isEmpty else { return }
            for word in contentWords(current) {
                words.append((current.lowercased().filter { $0 != "'" && $0 != "\u{2019}" }, String(decoding: word, as: UTF8.self)))
            }
        }
        for character in text {
            if character.isLetter || character.isNumber || character == "'" || character == "\u{2019}" {
                current.append(character)
            } else {
                flush()
            }
        }
        flush()
        return words
    }
}
