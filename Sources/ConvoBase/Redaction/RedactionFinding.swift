/// One piece of personal data or one secret found in a text, and the placeholder that replaces it.
public struct RedactionFinding: Sendable, Hashable {
    /// What was found. Each kind has its own placeholder, so a reader of a redacted exemplar
    /// still sees *what sort* of thing the user pasted:
    ///
    /// | kind          | placeholder     | what it covers                                                       |
    /// |---------------|-----------------|----------------------------------------------------------------------|
    /// | `email`       | `<email>`       | email addresses (not `git@host:` SSH remotes)                        |
    /// | `phone`       | `<phone>`       | `+CC` international numbers, NANP numbers with separators, and digit runs after "call me at", "phone:", … |
    /// | `card`        | `<card>`        | 13–19 digit payment card numbers (IIN 2–6), Luhn-checked             |
    /// | `apiKey`      | `<api-key>`     | vendor keys: OpenAI/Anthropic `sk-`, Stripe `sk_live_`, GitHub, AWS, Slack, Google, GitLab |
    /// | `token`       | `<token>`       | JWTs, `Bearer …` and `Authorization: Basic …` credentials            |
    /// | `secret`      | `<secret>`      | values after `password=`, `api_key:`, `"token": "…"`, and URL passwords |
    /// | `privateKey`  | `<private-key>` | PEM `-----BEGIN … PRIVATE KEY-----` blocks                           |
    /// | `ip`          | `<ip>`          | IPv4 and IPv6 addresses (not loopback, unspecified or netmasks)      |
    /// | `custom`      | `<redacted>`    | matches of `redaction.patterns` from `.convo/config.yaml`            |
    public enum Kind: String, Sendable, Hashable, CaseIterable, Comparable {
        case email
        case phone
        case card
        case apiKey = "api-key"
        case token
        case secret
        case privateKey = "private-key"
        case ip
        case custom

        /// The text that replaces a finding of this kind.
        public var placeholder: String {
            self == .custom ? "<redacted>" : "<\(rawValue)>"
        }

        public static func < (lhs: Kind, rhs: Kind) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    public var kind: Kind
    /// Where the finding is in the text that was scanned.
    public var range: Range<String.Index>

    public init(kind: Kind, range: Range<String.Index>) {
        self.kind = kind
        self.range = range
    }

    public var placeholder: String { kind.placeholder }
}

/// A `redaction.patterns` entry that is not a valid regular expression.
public struct RedactionPatternError: UserFacingError, Equatable {
    public var pattern: String
    public var reason: String

    public init(pattern: String, reason: String) {
        self.pattern = pattern
        self.reason = reason
    }

    public var message: String { "redaction pattern '\(pattern)' is not a valid regular expression: \(reason)" }
    public var hints: [String] {
        ["fix or remove it under 'redaction.patterns' in .convo/config.yaml (ICU regular expression syntax)"]
    }
    public var exitStatus: ExitStatus { .usage }
}
