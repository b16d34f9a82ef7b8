/// How one person types: the same user keeps the same habits in every conversation.
///
/// The typist only changes the surface of text the composer already wrote (case, punctuation,
/// apostrophes, misspellings), drawing from its own random stream; so a dataset generated with
/// typos switched off has exactly the same words, which is how the tests measure the typo rate.
struct Typist: Sendable {
    enum Habit: String, Sendable, CaseIterable {
        /// Sentence case, full punctuation, the odd slip.
        case careful
        /// Lower case, little punctuation, missing apostrophes, a typo every few sentences.
        case casual
        /// Phone keyboard or in a hurry: typos in most messages.
        case sloppy
        /// Capitals when annoyed, many exclamation marks.
        case shouty
    }

    var habit: Habit
    /// Scales every error probability; 0 leaves text exactly as composed.
    var level: Double

    init(habit: Habit, level: Double) {
        self.habit = habit
        self.level = level
    }

    /// Picks a habit for a user from their id, with realistic proportions.
    static func habit(forUser userID: String) -> Habit {
        let roll = Mix.hash(userID + "#typist") % 100
        switch roll {
        case 0..<24: return .careful
        case 24..<74: return .casual
        case 74..<93: return .sloppy
        default: return .shouty
        }
    }

    /// Probability that an eligible word gets a typo.
    var wordTypoRate: Double {
        switch habit {
        case .careful: return 0.006
        case .casual: return 0.025
        case .sloppy: return 0.075
        case .shouty: return 0.035
        }
    }

    /// Applies this typist's habits to `text`. `frustrated` raises the chance of capitals and
    /// repeated punctuation, as people do when the agent keeps missing.
    ///
    /// Works on UTF-8 bytes: the simulator types millions of words, and `Character` iteration
    /// would dominate its run time.
    func type(_ text: String, frustrated: Bool, _ rng: inout SeededRandom) -> String {
        guard level > 0, !text.isEmpty else { return text }
        let lowerAll: Bool
        let capsAll: Bool
        switch habit {
        case .careful:
            lowerAll = rng.chance(0.05 * level)
            capsAll = false
        case .casual:
            lowerAll = rng.chance(0.8 * min(level, 1))
            capsAll = frustrated && rng.chance(0.05 * level)
        case .sloppy:
            lowerAll = rng.chance(0.6 * min(level, 1))
            capsAll = frustrated && rng.chance(0.1 * level)
        case .shouty:
            lowerAll = false
            capsAll = rng.chance((frustrated ? 0.5 : 0.1) * min(level, 1))
        }
        let dropApostrophes = habit != .careful && rng.chance(0.55 * min(level, 1))
        let rate = wordTypoRate * level * (frustrated ? 1.4 : 1)
        let slangRate = habit == .careful ? 0 : 0.04 * level
        let bytes = Array(text.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + 8)
        for token in Typist.tokens(bytes) {
            guard token.isWord else {
                output.append(contentsOf: bytes[token.range])
                continue
            }
            var word = Array(bytes[token.range])
            if dropApostrophes { word.removeAll { $0 == UInt8(ascii: "'") } }
            if rng.chance(rate) { word = Array(Typist.misspell(String(decoding: word, as: UTF8.self), &rng).utf8) }
            if rng.chance(slangRate) { word = Array(Typist.slang(String(decoding: word, as: UTF8.self), &rng).utf8) }
            if lowerAll { ASCII.lowercase(&word) }
            if capsAll { ASCII.uppercase(&word) }
            output.append(contentsOf: word)
        }
        Typist.finish(&output, habit: habit, frustrated: frustrated, level: level, &rng)
        return String(decoding: output, as: UTF8.self)
    }

    /// Careful typists end with punctuation; others drop it or pile it up.
    private static func finish(_ text: inout [UInt8], habit: Habit, frustrated: Bool, level: Double, _ rng: inout SeededRandom) {
        guard let last = text.last else { return }
        switch habit {
        case .careful:
            sentenceCase(&text)
            // Not after a signature or a short line ("Thanks,\nSam").
            let lineStart = (text.lastIndex(of: 0x0A) ?? -1) + 1
            let wordsOnLastLine = text[lineStart...].split(separator: 0x20).count
            if ASCII.isAlphanumeric(last), wordsOnLastLine > 2 { text.append(UInt8(ascii: ".")) }
        case .casual, .sloppy:
            if (last == UInt8(ascii: ".") || last == UInt8(ascii: "!")) && rng.chance(0.6 * min(level, 1)) { text.removeLast() }
            if last == UInt8(ascii: "?") && rng.chance(0.3 * level) { text.append(contentsOf: rng.pick(["?", "??", "?!"]).utf8) }
        case .shouty:
            if ASCII.isAlphanumeric(last) || last == UInt8(ascii: ".") {
                if last == UInt8(ascii: ".") { text.removeLast() }
                text.append(contentsOf: rng.pick(["!", "!!", "!!!", "?!", "!!!!"]).utf8)
            }
        }
        if frustrated, rng.chance(0.25 * level), let end = text.last, end == UInt8(ascii: "?") || end == UInt8(ascii: "!") {
            text.append(contentsOf: repeatElement(end, count: rng.int(in: 1...3)))
        }
    }

    /// Capitalises the first letter of each sentence and line, leaving identifiers alone.
    static func sentenceCase(_ text: String) -> String {
        var bytes = Array(text.utf8)
        sentenceCase(&bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    static func sentenceCase(_ text: inout [UInt8]) {
        var capitalizeNext = true
        var previous = UInt8(ascii: " ")
        for index in text.indices {
            let byte = text[index]
            let atTokenStart = ASCII.isSpace(previous)
            if capitalizeNext, atTokenStart, ASCII.isLower(byte) {
                text[index] = byte - 32
                capitalizeNext = false
            } else if !ASCII.isSpace(byte) {
                capitalizeNext = false
            }
            if byte == 0x0A || (ASCII.isSpace(byte) && (previous == UInt8(ascii: ".") || previous == UInt8(ascii: "?") || previous == UInt8(ascii: "!"))) {
                capitalizeNext = true
            }
            previous = byte
        }
    }

    // MARK: Words

    struct Token {
        var range: Range<Int>
        var isWord: Bool
    }

    /// Splits into words and everything between them. A chunk between spaces is a word only when,
    /// stripped of surrounding punctuation, it is made of ASCII letters (and apostrophes):
    /// identifiers, URLs, versions, headers and codes (`evt_3f9a`, `next.js`, `x-ratelimit-limit`,
    /// `429`) are never misspelt.
    static func tokens(_ bytes: [UInt8]) -> [Token] {
        var tokens: [Token] = []
        var index = 0
        while index < bytes.count {
            let spaceStart = index
            while index < bytes.count, ASCII.isSpace(bytes[index]) { index += 1 }
            if index > spaceStart { tokens.append(Token(range: spaceStart..<index, isWord: false)) }
            let chunkStart = index
            while index < bytes.count, !ASCII.isSpace(bytes[index]) { index += 1 }
            guard index > chunkStart else { continue }
            var start = chunkStart
            var end = index
            while start < end, ASCII.isEdgePunctuation(bytes[start]) { start += 1 }
            while end > start, ASCII.isEdgePunctuation(bytes[end - 1]) { end -= 1 }
            if start > chunkStart { tokens.append(Token(range: chunkStart..<start, isWord: false)) }
            if end > start { tokens.append(Token(range: start..<end, isWord: isPlainWord(bytes[start..<end]))) }
            if end < index { tokens.append(Token(range: end..<index, isWord: false)) }
        }
        return tokens
    }

    static func isPlainWord(_ bytes: ArraySlice<UInt8>) -> Bool {
        var letters = 0
        for byte in bytes {
            if ASCII.isLetter(byte) { letters += 1 } else if byte != UInt8(ascii: "'") { return false }
        }
        return letters >= 2
    }

    /// One realistic slip: a neighbouring key, a dropped, doubled or swapped letter, or a
    /// common misspelling of a known word.
    static func misspell(_ word: String, _ rng: inout SeededRandom) -> String {
        let lower = word.lowercased()
        if let known = commonMisspellings[lower], rng.chance(0.7) {
            return matchCase(of: word, rng.pick(known))
        }
        var characters = Array(word)
        let letterIndices = characters.indices.filter { characters[$0].isLetter }
        guard letterIndices.count >= 3 else { return word }
        // Avoid the first letter: people rarely mistype it.
        let position = letterIndices[1 + rng.below(letterIndices.count - 1)]
        switch rng.below(10) {
        case 0...3:
            let key = Character(characters[position].lowercased())
            if let neighbours = keyboardNeighbours[key] {
                let replacement = rng.pick(neighbours)
                characters[position] = characters[position].isUppercase ? Character(replacement.uppercased()) : replacement
            }
        case 4...5:
            characters.remove(at: position)
        case 6...7:
            characters.insert(characters[position], at: position)
        default:
            let next = position + 1
            if next < characters.count, characters[next].isLetter {
                characters.swapAt(position, next)
            } else {
                characters.remove(at: position)
            }
        }
        return String(characters)
    }

    /// Chat shorthand: "you" → "u", "please" → "pls".
    static func slang(_ word: String, _ rng: inout SeededRandom) -> String {
        guard let options = shorthand[word.lowercased()] else { return word }
        return rng.pick(options)
    }

    static func matchCase(of original: String, _ replacement: String) -> String {
        if original == original.uppercased(), original.count > 1 { return replacement.uppercased() }
        if let first = original.first, first.isUppercase { return replacement.prefix(1).uppercased() + replacement.dropFirst() }
        return replacement
    }

    static let shorthand: [String: [String]] = [
        "you": ["u", "u", "ya"], "your": ["ur", "you're"], "please": ["pls", "plz", "pleaseee"], "thanks": ["thx", "thnx", "ty"],
        "because": ["bc", "cuz", "coz"], "okay": ["ok", "k"], "really": ["rly", "realy"], "people": ["ppl"],
        "though": ["tho"], "with": ["w/"], "without": ["w/o"], "something": ["smth", "sth"], "are": ["r"],
        "right": ["rn", "rite"], "tomorrow": ["tmrw", "tmr"], "message": ["msg"], "account": ["acct", "acc"],
        "production": ["prod"], "documentation": ["docs"], "environment": ["env"], "configuration": ["config"],
    ]

    static let commonMisspellings: [String: [String]] = [
        "receive": ["recieve", "recive"], "received": ["recieved", "recived"], "receiving": ["recieving"],
        "definitely": ["definately", "definitly"], "separate": ["seperate"], "occurred": ["occured"],
        "until": ["untill"], "environment": ["enviroment", "enviorment"], "subscription": ["subscripton", "subcription"],
        "invoice": ["invoce", "invioce"], "signature": ["signiture", "sigature"], "password": ["pasword", "passowrd"],
        "integration": ["intergration", "integation"], "already": ["allready", "alredy"], "because": ["becuase", "beacuse"],
        "account": ["acount", "accont"], "payment": ["paymnet", "payement"], "webhook": ["webhok", "wehbook", "webook"],
        "webhooks": ["webhoks", "wehbooks", "webooks"], "triggering": ["triggerring", "trigerring"],
        "triggered": ["triggerd", "trigered"], "firing": ["fireing", "fiering"], "endpoint": ["endpiont", "enpoint"],
        "request": ["requst", "reqeust"], "requests": ["reqeusts", "requets"], "working": ["wroking", "workign"],
        "doesn't": ["doesnt", "dosent", "dosn't"], "isn't": ["isnt", "inst"], "won't": ["wont"], "can't": ["cant", "cnat"],
        "the": ["teh", "hte"], "with": ["wiht", "wtih"], "what": ["waht", "wht"], "there": ["their", "ther"],
        "their": ["there", "thier"], "anything": ["anythign", "anyting"], "verification": ["verfication", "verificaton"],
        "authentication": ["authentification", "authenication"], "unauthorized": ["unauthorised", "unathorized"],
        "refund": ["refud", "refunt"], "charged": ["chraged", "charge"], "cancel": ["cancle", "cancell"],
        "cancelled": ["canceled", "cancled"], "limit": ["limt", "limmit"], "limits": ["limts"], "invite": ["invte", "invit"],
        "invitation": ["invitaion", "invitation"], "delivery": ["delivey", "devliery"], "retries": ["retrys", "reties"],
        "duplicate": ["duplicte", "dupliate"], "business": ["buisness", "busness"], "immediately": ["immediatly", "imediately"],
        "necessary": ["neccessary", "necesary"], "wondering": ["wandering", "wonderign"], "currently": ["currenty", "curently"],
        "different": ["diffrent", "differnt"], "secret": ["secrect", "sercet"], "settings": ["setings", "settigns"],
    ]

    /// QWERTY neighbours, for the most common kind of slip.
    static let keyboardNeighbours: [Character: [Character]] = [
        "q": ["w", "a"], "w": ["q", "e", "s"], "e": ["w", "r", "d"], "r": ["e", "t", "f"], "t": ["r", "y", "g"],
        "y": ["t", "u", "h"], "u": ["y", "i", "j"], "i": ["u", "o", "k"], "o": ["i", "p", "l"], "p": ["o", "l"],
        "a": ["q", "s", "z"], "s": ["a", "d", "w", "x"], "d": ["s", "f", "e", "c"], "f": ["d", "g", "r", "v"],
        "g": ["f", "h", "t", "b"], "h": ["g", "j", "y", "n"], "j": ["h", "k", "u", "m"], "k": ["j", "l", "i"],
        "l": ["k", "o", "p"], "z": ["a", "x"], "x": ["z", "c", "s"], "c": ["x", "v", "d"], "v": ["c", "b", "f"],
        "b": ["v", "n", "g"], "n": ["b", "m", "h"], "m": ["n", "j"],
    ]
}

/// Byte tests for the typist's ASCII fast path.
enum ASCII {
    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D }
    static func isLower(_ byte: UInt8) -> Bool { byte >= 0x61 && byte <= 0x7A }
    static func isUpper(_ byte: UInt8) -> Bool { byte >= 0x41 && byte <= 0x5A }
    static func isLetter(_ byte: UInt8) -> Bool { isLower(byte) || isUpper(byte) }
    static func isAlphanumeric(_ byte: UInt8) -> Bool { isLetter(byte) || (byte >= 0x30 && byte <= 0x39) }

    static func isEdgePunctuation(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: ":"), UInt8(ascii: "!"), UInt8(ascii: "?"),
             UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "["), UInt8(ascii: "]"):
            return true
        default:
            return false
        }
    }

    static func lowercase(_ bytes: inout [UInt8]) {
        for index in bytes.indices where isUpper(bytes[index]) { bytes[index] += 32 }
    }

    static func uppercase(_ bytes: inout [UInt8]) {
        for index in bytes.indices where isLower(bytes[index]) { bytes[index] -= 32 }
    }
}
