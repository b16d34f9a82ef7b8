import Foundation

/// Replaces personal data and secrets in text quoted from users with typed placeholders
/// (`<email>`, `<card>`, …) before it reaches an intent file, a commit message or a PR body.
///
/// NOTE: interface only so far; the full rule set (phones, Luhn-checked cards, API keys and
/// tokens, IP addresses, config patterns) and its corpus are being built.
public struct Redactor: Sendable {
    /// Extra patterns from `.convo/config.yaml` (`redaction.patterns`).
    public let extraPatterns: [String]

    public init(extraPatterns: [String] = []) throws {
        self.extraPatterns = extraPatterns
    }

    public init(settings: RedactionSettings) throws {
        try self.init(extraPatterns: settings.patterns)
    }

    /// The text with every finding replaced by its placeholder.
    public func redact(_ text: String) -> String {
        var out = text
        if let email = try? NSRegularExpression(pattern: #"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}"#) {
            out = email.stringByReplacingMatches(in: out, range: NSRange(out.startIndex..., in: out), withTemplate: "<email>")
        }
        return out
    }
}
