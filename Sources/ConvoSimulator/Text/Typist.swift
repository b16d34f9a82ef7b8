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
    func type(_ text: String, frustrated: Bool, _ rng: inout SeededRandom) -> String {
        guard level > 0, !text.isEmpty else { return text }
        var words = Typist.split(text)
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
        for index in words.indices where words[index].isWord {
            var word = words[index].text
            if dropApostrophes { word.removeAll { $0 == "'" || $0 == "’" } }
            if rng.chance(rate) { word = Typist.misspell(word, &rng) }
            if habit != .careful, rng.chance(0.04 * level) { word = Typist.slang(word, &rng) }
            if lowerAll { word = word.lowercased() }
            if capsAll { word = word.uppercased() }
            words[index].text = word
        }
        var result = words.map(\.text).joined()
        result = Typist.finish(result, habit: habit, frustrated: frustrated, level: level, &rng)
        return result
    }

    /// Careful typists end with punctuation; others drop it or pile it up.
    private static func finish(_ text: String, habit: Habit, frustrated: Bool, level: Double, _ rng: inout SeededRandom) -> String {
        var result = text
        guard let last = result.last else { return result }
        switch habit {
        case .careful:
            result = sentenceCase(result)
            // Not after a signature or a one-word line ("Thanks,\nSam").
            let lastLine = result.split(separator: "\n", omittingEmptySubsequences: false).last ?? ""
            if (last.isLetter || last.isNumber), lastLine.split(separator: " ").count > 2 { result += "." }
        case .casual, .sloppy:
            if (last == "." || last == "!") && rng.chance(0.6 * min(level, 1)) { result.removeLast() }
            if last == "?" && rng.chance(0.3 * level) { result += rng.pick(["?", "??", "?!"]) }
        case .shouty:
            if last.isLetter || last.isNumber || last == "." {
                if last == "." { result.removeLast() }
                result += rng.pick(["!", "!!", "!!!", "?!", "!!!!"])
            }
        }
        if frustrated, rng.chance(0.25 * level), let end = result.last, end == "?" || end == "!" {
            result += String(repeating: String(end), count: rng.int(in: 1...3))
        }
        return result
    }

    /// Capitalises the first letter of each sentence and line, leaving identifiers alone.
    static func sentenceCase(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.count)
        var capitalizeNext = true
        var previous: Character = " "
        var tokenStart = true
        for character in text {
            if capitalizeNext, character.isLetter, tokenStart {
                result += character.uppercased()
                capitalizeNext = false
            } else {
                result.append(character)
                if !character.isWhitespace { capitalizeNext = false }
            }
            if character == "\n" || (character.isWhitespace && ".?!".contains(previous)) { capitalizeNext = true }
            tokenStart = character.isWhitespace
            previous = character
        }
        return result
    }

    // MARK: Words

    struct Token {
        var text: String
        var isWord: Bool
    }

    /// Splits into words and everything between them. A chunk between spaces is a word only when,
    /// stripped of surrounding punctuation, it is made of letters: identifiers, URLs, versions,
    /// headers and codes (`evt_3f9a`, `next.js`, `x-ratelimit-limit`, `429`) are never misspelt.
    static func split(_ text: String) -> [Token] {
        var tokens: [Token] = []
        var chunk = ""
        func flushChunk() {
            guard !chunk.isEmpty else { return }
            let characters = Array(chunk)
            var start = 0
            var end = characters.count
            while start < end, isEdgePunctuation(characters[start]) { start += 1 }
            while end > start, isEdgePunctuation(characters[end - 1]) { end -= 1 }
            if start > 0 { tokens.append(Token(text: String(characters[0..<start]), isWord: false)) }
            if end > start {
                let core = String(characters[start..<end])
                tokens.append(Token(text: core, isWord: isPlainWord(core)))
            }
            if end < characters.count { tokens.append(Token(text: String(characters[end...]), isWord: false)) }
            chunk = ""
        }
        var spaces = ""
        for character in text {
            if character.isWhitespace {
                flushChunk()
                spaces.append(character)
            } else {
                if !spaces.isEmpty { tokens.append(Token(text: spaces, isWord: false)); spaces = "" }
                chunk.append(character)
            }
        }
        flushChunk()
        if !spaces.isEmpty { tokens.append(Token(text: spaces, isWord: false)) }
        return tokens
    }

    static func isEdgePunctuation(_ character: Character) -> Bool {
        ".,;:!?()\"'[]“”…".contains(character)
    }

    static func isPlainWord(_ word: String) -> Bool {
        var letters = 0
        for scalar in word.unicodeScalars {
            if scalar.properties.isAlphabetic { letters += 1; continue }
            if scalar == "'" || scalar == "’" { continue }
            return false
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
