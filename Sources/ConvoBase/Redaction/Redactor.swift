import Foundation

/// Replaces personal data and secrets in text quoted from users with typed placeholders
/// (`<email>`, `<card>`, … — see `RedactionFinding.Kind`) before it reaches an intent file, a
/// commit message or a PR body.
///
/// It errs toward keeping text that only looks like data: dates, times, version strings, git
/// SHAs, UUIDs (conversation ids), order numbers, prices, ports and `@mentions` survive, because
/// exemplars full of needless placeholders stop telling a reviewer what users asked. The corpus
/// in `Tests/ConvoRedactionTests/Fixtures` pins down both sides.
///
/// Build one per run and share it: the regular expressions are compiled once, and the value is
/// safe to use from many tasks at once.
public struct Redactor: Sendable {
    /// Extra patterns from `.convo/config.yaml` (`redaction.patterns`).
    public let extraPatterns: [String]
    private let rules: [RedactionRule]

    /// - Throws: `RedactionPatternError` when an extra pattern is not a valid regular expression.
    public init(extraPatterns: [String] = []) throws {
        self.extraPatterns = extraPatterns
        var rules: [RedactionRule] = []
        for pattern in extraPatterns {
            rules.append(try RedactionRule.custom(pattern))
        }
        rules.append(contentsOf: try RedactionRule.builtIn())
        self.rules = rules
    }

    public init(settings: RedactionSettings) throws {
        try self.init(extraPatterns: settings.patterns)
    }

    /// The text with every finding replaced by its placeholder. Redacting twice changes nothing
    /// more: no placeholder matches any rule.
    public func redact(_ text: String) -> String {
        let found = findings(in: text)
        guard !found.isEmpty else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var cursor = text.startIndex
        for finding in found {
            out += text[cursor..<finding.range.lowerBound]
            out += finding.placeholder
            cursor = finding.range.upperBound
        }
        out += text[cursor...]
        return out
    }

    /// Whether the text holds anything `redact` would replace: what the pre-push hook asks of
    /// every intent file in a push.
    public func containsPersonalData(_ text: String) -> Bool {
        !findings(in: text).isEmpty
    }

    /// Everything found, in text order, without overlaps. Where two rules claim overlapping
    /// text, the more specific rule wins (a JWT over a `token=` value), then the longer match.
    public func findings(in text: String) -> [RedactionFinding] {
        guard !text.isEmpty else { return [] }
        let profile = TextProfile(text)
        let nsText = NSString(string: text)
        let whole = NSRange(location: 0, length: nsText.length)
        var candidates: [(range: NSRange, rule: Int)] = []
        for (index, rule) in rules.enumerated() where rule.applies(profile) {
            for result in rule.regex.matches(in: text, range: whole) {
                guard let range = rule.accept(RuleMatch(result: result, text: nsText)), range.length > 0 else { continue }
                candidates.append((range, index))
            }
        }
        guard !candidates.isEmpty else { return [] }

        candidates.sort { a, b in
            let (pa, pb) = (rules[a.rule].priority, rules[b.rule].priority)
            if pa != pb { return pa < pb }
            if a.range.length != b.range.length { return a.range.length > b.range.length }
            return a.range.location < b.range.location
        }
        var taken: [(range: NSRange, rule: Int)] = []
        for candidate in candidates where !taken.contains(where: { NSIntersectionRange($0.range, candidate.range).length > 0 }) {
            taken.append(candidate)
        }
        taken.sort { $0.range.location < $1.range.location }
        return taken.compactMap { item in
            Range(item.range, in: text).map { RedactionFinding(kind: rules[item.rule].kind, range: $0) }
        }
    }
}
