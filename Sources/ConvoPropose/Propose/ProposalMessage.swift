public import ConvoBase
public import ConvoIntents
public import ConvoSections
import ConvoGit

/// The commit message `convo propose` writes (DESIGN.md "Commits"): a title with the count and
/// the dominant cohort, the pattern (the intent's summary), the evidence, the sections changed,
/// then the `Intent:` trailer and one `Conversation-Id:` trailer per sampled conversation.
///
/// Everything comes from the intent file and the change, nothing from the clock, so the same
/// inputs give the same message. Text quoted from the intent passes the redactor.
public enum ProposalMessage {
    /// Commit message lines are wrapped to this width, as git's own conventions suggest.
    public static let width = 72

    /// - Parameters:
    ///   - changes: the section changes the commit makes, sorted.
    ///   - maxConversationTrailers: `propose.max_conversation_trailers`.
    ///   - churnWindowHours: `rank.churn_window_hours`, to say what "churned" means.
    public static func compose(intent: Intent, changes: [SectionChange], maxConversationTrailers: Int,
                               churnWindowHours: Int, redactor: Redactor) throws -> String {
        var paragraphs: [String] = []
        if let summary = intent.summary.map(redactor.redact), !summary.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            paragraphs += TextWrap.paragraphs(summary, width: width)
        }
        if let evidence = intent.evidence, evidence.conversations > 0 {
            paragraphs.append(TextWrap.wrap(evidenceSentence(evidence, churnWindowHours: churnWindowHours), width: width))
        }
        if !changes.isEmpty {
            var lines = [changes.count == 1 ? "Section changed:" : "Sections changed:"]
            lines += changes.map { "- \($0.address) (\($0.kind.rawValue))" }
            paragraphs.append(lines.joined(separator: "\n"))
        }
        let head = ([title(for: intent, redactor: redactor)] + paragraphs).joined(separator: "\n\n") + "\n"
        var trailers = [Trailer("Intent", intent.id)]
        let ids = (intent.evidence?.sample ?? []).map(clean).filter { !$0.isEmpty }
        var seen = Set<String>()
        for id in ids where seen.insert(id).inserted && seen.count <= max(0, maxConversationTrailers) {
            trailers.append(Trailer("Conversation-Id", id))
        }
        return try Trailers.appending(trailers, to: head)
    }

    /// "Fix webhook not firing after setup (61 conversations, trial churn)".
    public static func title(for intent: Intent, redactor: Redactor) -> String {
        let verb: String
        switch intent.kind {
        case .pricingConfusion: verb = "Clarify"
        case .featureRequest: verb = "Answer"
        case .other: verb = "Address"
        case .bugReport, .churnRisk, .setupFriction: verb = "Fix"
        }
        var suffix = ""
        if let evidence = intent.evidence, evidence.conversations > 0 {
            let count = evidence.conversations == 1 ? "1 conversation" : "\(evidence.conversations) conversations"
            suffix = " (" + ([count] + [cohort(evidence)].compactMap { $0 }).joined(separator: ", ") + ")"
        }
        var subject = lowercasedFirst(clean(redactor.redact(intent.title)))
        let room = width - verb.count - 1 - suffix.count
        if subject.count > room, room > 10 { subject = String(subject.prefix(room - 3)).trimmingCharacters(in: .whitespaces) + "..." }
        return "\(verb) \(subject)\(suffix)"
    }

    /// The plan most conversations came from, with "churn" when accounts churned: "trial churn",
    /// "pro accounts"; nil when no plan is known.
    public static func cohort(_ evidence: Intent.Evidence) -> String? {
        guard let top = plansByCount(evidence).first(where: { $0.plan != "unknown" }) else { return nil }
        return evidence.churned > 0 ? "\(top.plan) churn" : "\(top.plan) accounts"
    }

    static func plansByCount(_ evidence: Intent.Evidence) -> [(plan: String, count: Int)] {
        evidence.plans.map { ($0.key, $0.value) }.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
    }

    static func evidenceSentence(_ evidence: Intent.Evidence, churnWindowHours: Int) -> String {
        var sentences: [String] = []
        var first = "Evidence: \(evidence.conversations) conversation\(evidence.conversations == 1 ? "" : "s")"
        if evidence.accounts > 0 { first += " from \(evidence.accounts) account\(evidence.accounts == 1 ? "" : "s")" }
        if let from = evidence.firstSeen, let to = evidence.lastSeen {
            first += from == to ? ", on \(from)" : ", \(from) to \(to)"
        }
        sentences.append(first + ".")
        let plans = plansByCount(evidence)
        if let top = plans.first, top.plan != "unknown" {
            var text = "\(top.count) of \(evidence.conversations) came from \(top.plan) accounts"
            let rest = plans.dropFirst().map { "\($0.plan) \($0.count)" }
            if !rest.isEmpty { text += " (\(rest.joined(separator: ", ")))" }
            sentences.append(text + ".")
        }
        if evidence.churned > 0 {
            sentences.append("\(evidence.churned) account\(evidence.churned == 1 ? "" : "s") churned within \(churnWindowHours) hours.")
        }
        return sentences.joined(separator: " ")
    }

    /// One line, no control characters: what a title or trailer value may hold.
    static func clean(_ text: String) -> String {
        String(text.map { $0.isNewline || $0 == "\t" ? " " : $0 }).trimmingCharacters(in: .whitespaces)
    }

    /// "Webhook not firing" → "webhook not firing"; "API keys" stays (an acronym).
    static func lowercasedFirst(_ text: String) -> String {
        guard let first = text.first else { return text }
        let second = text.dropFirst().first
        if let second, second.isUppercase { return text }
        return first.lowercased() + text.dropFirst()
    }
}

/// Greedy word wrapping for commit messages.
public enum TextWrap {
    /// Rewraps `text` to `width` columns; a word longer than the width stays whole on its own line.
    public static func wrap(_ text: String, width: Int) -> String {
        var lines: [String] = []
        var current = ""
        for word in text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }) {
            if current.isEmpty {
                current = String(word)
            } else if current.count + 1 + word.count <= width {
                current += " " + word
            } else {
                lines.append(current)
                current = String(word)
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines.joined(separator: "\n")
    }

    /// The paragraphs of `text` (separated by blank lines), each rewrapped.
    public static func paragraphs(_ text: String, width: Int) -> [String] {
        var paragraphs: [String] = []
        var current: [String] = []
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            if line.trimmingCharacters(in: .whitespaces).isEmpty {
                if !current.isEmpty { paragraphs.append(wrap(current.joined(separator: " "), width: width)) }
                current = []
            } else {
                current.append(String(line))
            }
        }
        if !current.isEmpty { paragraphs.append(wrap(current.joined(separator: " "), width: width)) }
        return paragraphs
    }
}
