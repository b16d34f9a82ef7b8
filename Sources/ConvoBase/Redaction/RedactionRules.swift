import Foundation

/// One way of finding one kind of data: a regular expression that proposes candidates, and a
/// check that accepts a candidate and says which part of it to replace.
struct RedactionRule: Sendable {
    let kind: RedactionFinding.Kind
    /// When two findings overlap, the lower number wins (then the longer one).
    let priority: Int
    let regex: NSRegularExpression
    /// A cheap test on the whole text that must pass before the regex runs at all.
    let applies: @Sendable (TextProfile) -> Bool
    /// The range to replace, or nil to reject the candidate.
    let accept: @Sendable (RuleMatch) -> NSRange?

    init(_ kind: RedactionFinding.Kind, priority: Int, _ pattern: String, options: NSRegularExpression.Options = [],
         applies: @escaping @Sendable (TextProfile) -> Bool = { _ in true },
         accept: @escaping @Sendable (RuleMatch) -> NSRange? = { $0.range(0) }) throws {
        self.kind = kind
        self.priority = priority
        self.regex = try NSRegularExpression(pattern: pattern, options: options)
        self.applies = applies
        self.accept = accept
    }
}

/// A regex match and the text it is in, with the capture groups as strings.
struct RuleMatch {
    let result: NSTextCheckingResult
    let text: NSString

    func range(_ group: Int) -> NSRange? {
        let range = result.range(at: group)
        return range.location == NSNotFound ? nil : range
    }

    func string(_ group: Int) -> String? { range(group).map { text.substring(with: $0) } }

    /// Accepts the whole match (or one group) when `check` holds for its text.
    func accept(group: Int = 0, if check: (String) -> Bool) -> NSRange? {
        guard let range = range(group), check(text.substring(with: range)) else { return nil }
        return range
    }

    /// The word just before the match (`version` in "version 1.2.3.4"), lowercased.
    var wordBefore: String {
        let start = result.range.location
        let window = min(start, 24)
        let before = text.substring(with: NSRange(location: start - window, length: window))
        let trimmed = before.reversed().drop(while: { $0 == " " || $0 == ":" })
        return String(trimmed.prefix(while: { $0.isLetter }).reversed()).lowercased()
    }
}

/// What a text contains, counted in one pass, so rules that cannot match are skipped before
/// any regex runs: most exemplars are short prose with no `@`, few digits and no key names.
struct TextProfile {
    var digits = 0
    var at = false
    var colons = 0
    var dots = 0
    var assignment = false
    var plus = false
    /// The text's bytes with ASCII letters lowercased, for the keyword checks.
    private var lower: [UInt8] = []
    private let bytes: [UInt8]

    init(_ text: String) {
        bytes = Array(text.utf8)
        lower.reserveCapacity(bytes.count)
        for byte in bytes {
            switch byte {
            case 0x30...0x39: digits += 1
            case UInt8(ascii: "@"): at = true
            case UInt8(ascii: ":"): colons += 1; assignment = true
            case UInt8(ascii: "="): assignment = true
            case UInt8(ascii: "."): dots += 1
            case UInt8(ascii: "+"): plus = true
            default: break
            }
            lower.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
        }
    }

    /// Whether any needle occurs, exactly (`caseInsensitive: false`) or ignoring ASCII case
    /// (then the needles must be lowercase).
    func contains(_ needles: String..., caseInsensitive: Bool = false) -> Bool {
        let haystack = caseInsensitive ? lower : bytes
        return haystack.withUnsafeBytes { hay in
            needles.contains { needle in
                var needle = needle
                return needle.withUTF8 { pattern in
                    guard let hayBase = hay.baseAddress, let patternBase = pattern.baseAddress,
                          let first = pattern.first, pattern.count <= hay.count else { return false }
                    for index in 0...(hay.count - pattern.count)
                    where hay[index] == first && memcmp(hayBase + index, patternBase, pattern.count) == 0 {
                        return true
                    }
                    return false
                }
            }
        }
    }
}

extension RedactionRule {
    /// The built-in rules, highest priority first. Priorities settle overlaps: a JWT after
    /// `token=` is reported once, as a token, not also as a secret value.
    static func builtIn() throws -> [RedactionRule] {
        // Characters that may sit right before a key or token without being part of it.
        let keyStart = #"(?<![A-Za-z0-9_-])"#
        let keyEnd = #"(?![A-Za-z0-9_-])"#
        return [
            try RedactionRule(.privateKey, priority: 1,
                              #"-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|$)"#,
                              applies: { $0.contains("PRIVATE KEY") }),

            // Three base64url parts, the header a JSON object (`eyJ` is `{"`).
            try RedactionRule(.token, priority: 2, keyStart + #"eyJ[A-Za-z0-9_-]{6,}\.[A-Za-z0-9_-]{6,}\.[A-Za-z0-9_-]*"# + keyEnd,
                              applies: { $0.dots >= 2 && $0.contains("eyJ") }),

            try RedactionRule(.apiKey, priority: 3, keyStart + "(?:" + [
                #"(sk-(?:proj-|svcacct-|admin-|ant-(?:api\d\d-|admin\d\d-)?)?)([A-Za-z0-9_-]{20,})"#,
                #"(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{10,}"#,
                #"gh[pousr]_[A-Za-z0-9]{20,}"#,
                #"github_pat_[A-Za-z0-9_]{20,}"#,
                #"(?:AKIA|ASIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|APKA)[A-Z0-9]{16}"#,
                #"xox[abprs]-[A-Za-z0-9-]{10,}"#,
                #"AIza[0-9A-Za-z_-]{35}"#,
                #"glpat-[A-Za-z0-9_-]{20,}"#,
                #"https://hooks\.slack\.com/services/[A-Za-z0-9/_-]{16,}"#,
            ].joined(separator: "|") + ")" + keyEnd,
                              applies: {
                                  $0.contains("sk-", "sk_", "rk_", "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_", "xox", "aiza", "glpat-", "hooks.slack.com",
                                              "akia", "asia", "agpa", "aida", "aroa", "aipa", "anpa", "anva", "apka",
                                              caseInsensitive: true)
                              },
                              accept: { match in
                                  // `sk-` also starts hyphenated words: its tail must mix letters and digits.
                                  if match.range(1) != nil, let tail = match.string(2), !RedactionChecks.isRandomTail(Substring(tail)) {
                                      return nil
                                  }
                                  return match.accept(if: RedactionChecks.hasVariedTail)
                              }),

            // `scheme://user:PASSWORD@host`: only the password goes.
            try RedactionRule(.secret, priority: 4, #"\b[A-Za-z][A-Za-z0-9+.-]*://[^\s:/@<>]+:([^\s/@<>]+)@"#,
                              applies: { $0.at && $0.contains("://") },
                              accept: { $0.range(1) }),

            try RedactionRule(.token, priority: 5, #"(?i:\bbearer)\s+([A-Za-z0-9._~+/-]+=*)"#,
                              applies: { $0.contains("bearer", caseInsensitive: true) },
                              accept: { $0.accept(group: 1, if: RedactionChecks.isTokenLike) }),
            try RedactionRule(.token, priority: 5,
                              #"(?i:\bauthorization)["']?\s*[:=]\s*["']?(?i:(?:basic|token)\s+)?([A-Za-z0-9._~+/-]{8,}=*)"#,
                              applies: { $0.contains("authorization", caseInsensitive: true) },
                              accept: { match in
                                  match.accept(group: 1) { value in
                                      !["bearer", "basic", "token", "digest"].contains(value.lowercased())
                                          && !RedactionChecks.isPlaceholderValue(value)
                                          && (RedactionChecks.digitCount(value) > 0 || value.count >= 12)
                                  }
                              }),

            // `KEY_NAME = value`, `"apiKey": "value"`, `password: value`; only the value goes.
            try RedactionRule(.secret, priority: 6,
                              #"(?<![A-Za-z0-9_.-])([A-Za-z0-9_.-]{0,48}?"#
                                  + #"(?i:password|passwd|passphrase|pwd|secret|credentials?|apikey|token|key|auth))"#
                                  + #"["']?(\s*)([:=])(\s*)"#
                                  + #"(?:"([^"\n]{1,200})"|'([^'\n]{1,200})'|([^\s"'<>{}()\[\]$,;:&\\|]+))"#,
                              applies: {
                                  $0.assignment && $0.contains("pass", "pwd", "secret", "credential", "key", "token", "auth",
                                                               caseInsensitive: true)
                              },
                              accept: { match in
                                  guard let name = match.string(1),
                                        let family = RedactionChecks.secretFamily(ofKeyName: name) else { return nil }
                                  let spaced = !(match.string(2) ?? "").isEmpty || !(match.string(4) ?? "").isEmpty
                                  let attached = match.string(3) == "=" && !spaced
                                  for (group, quoted) in [(5, true), (6, true), (7, false)] {
                                      guard let range = match.range(group) else { continue }
                                      let value = match.text.substring(with: range)
                                      let ok = RedactionChecks.isSecretValue(value, family: family, attached: quoted || attached)
                                      return ok ? range : nil
                                  }
                                  return nil
                              }),

            try RedactionRule(.email, priority: 7,
                              #"(?<![\p{L}\p{N}._%+-])([\p{L}\p{N}][\p{L}\p{N}._%+-]{0,63})@"#
                                  + #"((?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,62})\.)+\p{L}{2,24})(?![\p{L}\p{N}-])"#,
                              applies: { $0.at },
                              accept: { match in
                                  // `git@github.com:org/repo` is an SSH remote; `logo@2x.png` a file.
                                  if match.string(1) == "git" { return nil }
                                  if let domain = match.string(2), let label = domain.split(separator: ".").first,
                                     label.count <= 2, label.last == "x", label.dropLast().allSatisfy(\.isNumber) { return nil }
                                  return match.range(0)
                              }),

            try RedactionRule(.card, priority: 8, #"(?<![\w+.-])[2-6](?:[ -]?\d){12,18}(?![\w])(?![-.]\d)"#,
                              applies: { $0.digits >= 13 },
                              accept: { $0.accept(if: RedactionChecks.isCardNumber) }),

            try RedactionRule(.phone, priority: 9, #"(?<![\w+])\+\d(?:[ .()-]{0,2}\d){6,16}(?![\w])(?![.-]\d)"#,
                              applies: { $0.plus && $0.digits >= 8 },
                              accept: { $0.accept(if: RedactionChecks.isInternationalPhone) }),
            try RedactionRule(.phone, priority: 9,
                              #"(?<![\w+.-])(?:1[ .-])?(?:\(\d{3}\)[ .-]?|\d{3}[ .-])\d{3}[ .-]\d{4}(?![\w])(?![.-]\d)"#,
                              applies: { $0.digits >= 10 },
                              accept: { $0.accept(if: RedactionChecks.isNANPPhone) }),
            try RedactionRule(.phone, priority: 9,
                              #"(?i:\b(?:phone|tel|mobile|cell|call me(?: at| on)?|text me(?: at| on)?|whatsapp|sms|fax)\b)"#
                                  + #"[^\d\n+]{0,15}(\+?\d[\d .()-]{5,18}\d)(?![\w])(?![.-]\d)"#,
                              applies: {
                                  $0.digits >= 7 && $0.contains("phone", "tel", "mobile", "cell", "call", "text", "whatsapp",
                                                                "sms", "fax", caseInsensitive: true)
                              },
                              accept: { $0.accept(group: 1, if: RedactionChecks.isContextPhone) }),

            try RedactionRule(.ip, priority: 10, #"(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?![\w])(?!\.\d)"#,
                              applies: { $0.dots >= 3 && $0.digits >= 4 },
                              accept: { match in
                                  guard !RedactionChecks.versionWords.contains(match.wordBefore) else { return nil }
                                  return match.accept { RedactionChecks.isIPv4(Substring($0)) }
                              }),
            try RedactionRule(.ip, priority: 10,
                              #"(?<![\w:.])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:(?:\d{1,3}\.){3}\d{1,3}|[0-9A-Fa-f]{1,4})?(?:%[A-Za-z0-9]+)?(?![\w:])(?!\.\d)"#,
                              applies: { $0.colons >= 6 || $0.contains("::") },
                              accept: { $0.accept(if: RedactionChecks.isIPv6) }),
        ]
    }

    /// A `redaction.patterns` entry: every match becomes `<redacted>`, ahead of every built-in rule.
    static func custom(_ pattern: String) throws(RedactionPatternError) -> RedactionRule {
        do {
            return try RedactionRule(.custom, priority: 0, pattern)
        } catch {
            throw RedactionPatternError(pattern: pattern, reason: String(describing: error))
        }
    }
}
