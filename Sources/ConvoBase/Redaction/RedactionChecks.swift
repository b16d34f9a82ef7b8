/// The checks a regular expression cannot express: checksums, address ranges, and whether a
/// value after `password=` looks like a real secret or like prose. Pure functions on ASCII, so
/// the corpus tests pin each decision down.
enum RedactionChecks {
    // MARK: Payment cards

    /// A card number: 13–19 digits, Luhn-valid, one kind of separator, groups of 3+ digits, and
    /// not a run of one repeated digit (`0000 0000 0000 0000` passes Luhn but is nobody's card).
    static func isCardNumber(_ candidate: String) -> Bool {
        var digits: [UInt8] = []
        var separators = Set<UInt8>()
        var groupLengths: [Int] = [0]
        for byte in candidate.utf8 {
            if isDigit(byte) {
                digits.append(byte - 0x30)
                groupLengths[groupLengths.count - 1] += 1
            } else {
                separators.insert(byte)
                groupLengths.append(0)
            }
        }
        guard (13...19).contains(digits.count), separators.count <= 1 else { return false }
        if !separators.isEmpty && groupLengths.contains(where: { $0 < 3 }) { return false }
        guard let first = digits.first, digits.contains(where: { $0 != first }) else { return false }
        return luhn(digits)
    }

    /// The Luhn checksum over decimal digit values (not ASCII).
    static func luhn(_ digits: [UInt8]) -> Bool {
        var sum = 0
        for (offset, digit) in digits.reversed().enumerated() {
            var value = Int(digit)
            if offset % 2 == 1 {
                value *= 2
                if value > 9 { value -= 9 }
            }
            sum += value
        }
        return sum % 10 == 0
    }

    // MARK: Phone numbers

    /// An international number: `+` then 8–15 digits (E.164), with at most two separators in a
    /// row; 10+ digits when written without any separator, so a `+12345678` diff stat survives.
    static func isInternationalPhone(_ candidate: String) -> Bool {
        let count = digitCount(candidate)
        guard (8...15).contains(count) else { return false }
        var run = 0
        var sawSeparator = false
        for byte in candidate.utf8.dropFirst() {
            if isDigit(byte) {
                run = 0
            } else {
                run += 1
                sawSeparator = true
                if run > 2 { return false }
            }
        }
        if !sawSeparator && count < 10 { return false }
        return !isDateShaped(candidate.dropFirst())
    }

    /// A North American number: the area code and exchange both start with 2–9, so numbers like
    /// `123-456-7890` (which cannot be dialled) and most product codes survive.
    static func isNANPPhone(_ candidate: String) -> Bool {
        var digits = candidate.utf8.filter(isDigit)
        if digits.count == 11 {
            guard digits.first == UInt8(ascii: "1") else { return false }
            digits.removeFirst()
        }
        guard digits.count == 10 else { return false }
        return digits[0] >= UInt8(ascii: "2") && digits[3] >= UInt8(ascii: "2")
    }

    /// A number after a phone word ("call me at", "mobile:"): 7–15 digits, not a date.
    static func isContextPhone(_ candidate: String) -> Bool {
        (7...15).contains(digitCount(candidate)) && !isDateShaped(Substring(candidate))
    }

    /// `2026-11-20`, `2026.11.20`, `20/11/2026`: digit groups of 4-2-2 or 2-2-4.
    static func isDateShaped(_ text: Substring) -> Bool {
        let groups = text.split(whereSeparator: { !$0.isNumber }).map(\.count)
        return groups == [4, 2, 2] || groups == [2, 2, 4] || groups == [4, 1, 1] || groups == [1, 1, 4]
    }

    // MARK: IP addresses

    /// Words before a dotted quad that make it a version number, not an address.
    static let versionWords: Set<String> = ["version", "ver", "release", "build", "firmware", "python", "node", "chrome"]

    /// A dotted quad with octets 0–255 and no leading zeros, that identifies a host: loopback
    /// (`127.x`), unspecified (`0.0.0.0`) and netmasks (`255.x`) identify nobody and survive.
    static func isIPv4(_ candidate: Substring) -> Bool {
        let parts = candidate.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return false }
        var octets: [Int] = []
        for part in parts {
            guard !part.isEmpty, part.count <= 3, part.utf8.allSatisfy(isDigit),
                  !(part.count > 1 && part.first == "0"), let value = Int(part), value <= 255
            else { return false }
            octets.append(value)
        }
        if octets[0] == 127 || octets[0] == 255 || octets == [0, 0, 0, 0] { return false }
        return true
    }

    /// An IPv6 address, compressed (`fe80::1`) or full, optionally ending in a dotted quad or a
    /// `%zone`. Loopback `::1` and unspecified `::` survive, and so do Haskell/C++ `a::b` shapes:
    /// a compressed address needs a group of 3+ hex digits or a leading `::`.
    static func isIPv6(_ candidate: String) -> Bool {
        var text = Substring(candidate)
        if let percent = text.firstIndex(of: "%") { text = text[..<percent] }
        let halves = text.components(separatedBy: "::")
        guard halves.count <= 2 else { return false }
        let compressed = halves.count == 2
        var groups: [Substring] = []
        for (index, half) in halves.enumerated() where !half.isEmpty {
            let parts = half.split(separator: ":", omittingEmptySubsequences: false)
            for (partIndex, part) in parts.enumerated() {
                let isLast = index == halves.count - 1 && partIndex == parts.count - 1
                if isLast && part.contains(".") {
                    guard isIPv4Literal(part) else { return false }
                    groups.append("v4a")
                    groups.append("v4b")
                    continue
                }
                guard (1...4).contains(part.count), part.utf8.allSatisfy(isHexDigit) else { return false }
                groups.append(part)
            }
        }
        if compressed {
            guard groups.count <= 7 else { return false }
            if groups.isEmpty { return false }                                      // `::`
            if groups.count == 1 && groups[0] == "1" && halves[0].isEmpty { return false } // `::1`
            return halves[0].isEmpty || groups.contains(where: { $0.count >= 3 })
        }
        return groups.count == 8
    }

    private static func isIPv4Literal(_ text: Substring) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts.allSatisfy { part in
            !part.isEmpty && part.count <= 3 && part.utf8.allSatisfy(isDigit) && (Int(part) ?? 256) <= 255
        }
    }

    // MARK: Secrets after a key name

    /// Which rule a key name falls under: passwords are redacted on weaker evidence than
    /// `key`/`token` values, which are often ordinary identifiers (`sort key: name`).
    enum SecretFamily {
        case password
        case token
    }

    static let passwordWords = ["password", "passwd", "passphrase", "pwd", "secret", "credentials", "credential"]
    static let tokenWords = ["apikey", "token", "key", "auth"]

    /// The family of a key name such as `api_key`, `X-Auth-Token`, `clientSecret` or
    /// `OPENAI_API_KEY`: its last word (after `_`, `-`, `.` or a camelCase hump) must be one of
    /// the words above, so `monkey` and `oauth` are not key names.
    static func secretFamily(ofKeyName name: String) -> SecretFamily? {
        let lower = name.lowercased()
        for (words, family) in [(passwordWords, SecretFamily.password), (tokenWords, SecretFamily.token)] {
            for word in words where lower.hasSuffix(word) {
                let start = name.index(name.endIndex, offsetBy: -word.count)
                if start == name.startIndex { return family }
                let before = name[name.index(before: start)]
                if before == "_" || before == "-" || before == "." { return family }
                if name[start].isUppercase && (before.isLowercase || before.isNumber) { return family }
            }
        }
        return nil
    }

    /// Values that stand for a secret without being one: templates, masks and null-ish words.
    static func isPlaceholderValue(_ value: String) -> Bool {
        guard let first = value.first else { return true }
        if "<$%{[*•".contains(first) { return true }
        if value.allSatisfy({ $0 == first }) { return true }
        let lower = value.lowercased()
        if lower.hasPrefix("your") || lower.hasPrefix("xxxx") || lower.hasPrefix("example") { return true }
        return ["null", "none", "nil", "true", "false", "undefined", "required", "optional", "string",
                "hidden", "redacted", "changeme", "empty", "missing", "invalid", "expired"].contains(lower)
    }

    /// Whether the value after a key name is a secret.
    /// - Parameter attached: the value is quoted, or follows `=` with no space, which is how
    ///   configs and logs write credentials; prose ("password: reset it") has a space.
    static func isSecretValue(_ value: String, family: SecretFamily, attached: Bool) -> Bool {
        guard !isPlaceholderValue(value), !looksLikePath(value) else { return false }
        let mix = CharacterMix(value)
        switch family {
        case .password:
            guard value.count >= 6 else { return false }
            if attached { return mix.classes >= 2 || value.count >= 12 }
            return mix.hasLetter && (mix.digits > 0 || mix.symbols > 0)
        case .token:
            return isTokenLike(value) || (attached && value.count >= 12 && mix.hasLetter && mix.digits > 0)
        }
    }

    /// A credential on its own, after `Bearer` or a key name: 16+ characters mixing letters and
    /// digits, or 24+ with both cases (base64 that happens to hold no digit).
    static func isTokenLike(_ value: String) -> Bool {
        let mix = CharacterMix(value)
        if value.count >= 16 && mix.hasLetter && mix.digits > 0 { return true }
        return value.count >= 24 && mix.upper >= 2 && mix.lower >= 2
    }

    /// A vendor key's random tail: letters and digits both present, not one repeated character
    /// (`sk-this-is-not-a-key-at-all` and `ghp_xxxxxxxx…` survive).
    static func isRandomTail(_ value: Substring) -> Bool {
        let mix = CharacterMix(String(value))
        guard let first = value.first, value.contains(where: { $0 != first }) else { return false }
        return mix.hasLetter && mix.digits > 0
    }

    /// Documentation templates (`ghp_xxxxxxxxxxxxxxxxxxxx`, `AKIAXXXXXXXXXXXXXXXX`) are keys
    /// with a tail of one or two repeated characters; real keys vary.
    static func hasVariedTail(_ value: String) -> Bool {
        Set(value.suffix(16)).count >= 4
    }

    /// `prompts/v2/support.md`, `/etc/app.conf`, `~/keys`: a path, not a secret.
    static func looksLikePath(_ value: String) -> Bool {
        guard value.contains("/") else { return false }
        if value.hasPrefix("/") || value.hasPrefix("./") || value.hasPrefix("~/") || value.hasPrefix("../") { return true }
        guard let last = value.split(separator: "/").last, let dot = last.lastIndex(of: ".") else { return false }
        let ext = last[last.index(after: dot)...]
        return (1...5).contains(ext.count) && ext.allSatisfy(\.isLetter)
    }

    // MARK: Helpers

    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    static func isHexDigit(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte >= 0x41 && byte <= 0x46) || (byte >= 0x61 && byte <= 0x66)
    }

    static func digitCount<S: StringProtocol>(_ text: S) -> Int { text.utf8.reduce(0) { $0 + (isDigit($1) ? 1 : 0) } }
}

/// How many characters of each class a value holds.
struct CharacterMix {
    var lower = 0
    var upper = 0
    var digits = 0
    var symbols = 0

    init(_ value: String) {
        for byte in value.utf8 {
            switch byte {
            case 0x61...0x7A: lower += 1
            case 0x41...0x5A: upper += 1
            case 0x30...0x39: digits += 1
            default: symbols += 1
            }
        }
    }

    var hasLetter: Bool { lower + upper > 0 }
    /// How many of lower, upper, digit and symbol occur.
    var classes: Int { [lower, upper, digits, symbols].filter { $0 > 0 }.count }
}
