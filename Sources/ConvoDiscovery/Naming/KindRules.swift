import ConvoIntents

/// Classifies an intent's kind from what its users wrote, with no model: a phrase lexicon per
/// kind, one vote per conversation, and the accounts' age to tell setup friction from a bug.
///
/// 1. Each conversation's first user turn votes for the kind whose phrases it contains most
///    (phrases weigh by their number of words; ties go to the earlier kind in `precedence`:
///    churn first, since losing a customer matters most; then requests for a person, paperwork
///    or administration (`other`); then something broken over a question about price, over a
///    request for a feature, over a how-to).
/// 2. Churn risk when at least a quarter of the conversations vote for it.
/// 3. Otherwise the kind with the most votes, provided at least a quarter of the conversations
///    voted at all (a message with no telling phrase abstains) and at least a quarter of the
///    votes went to it; else `other`.
/// 4. A problem report or a how-to question (bug-report or setup-friction won) is setup
///    friction when the typical (median) account is still in its onboarding band
///    (`rank.stage_bands_days.onboarding`, 7 days by default): trouble met while getting started.
///    From older accounts it is a bug report when problem phrases outvote how-to phrases, and
///    `other` when it is a how-to question an established customer asks.
public struct KindRules: Sendable {
    /// Account age, in days, up to which an account is still being set up.
    public var onboardingDays: Int

    public init(onboardingDays: Int = 7) {
        self.onboardingDays = onboardingDays
    }

    /// The kind of an intent, from its conversations' first user turns and account ages.
    public func kind(firstTurns: [String], accountAges: [Int]) -> IntentKind {
        guard !firstTurns.isEmpty else { return .other }
        var votes: [IntentKind: Int] = [:]
        for text in firstTurns {
            if let kind = vote(text) { votes[kind, default: 0] += 1 }
        }
        let voters = votes.values.reduce(0, +)
        if Double(votes[.churnRisk] ?? 0) >= Double(firstTurns.count) / 4 { return .churnRisk }
        let ranked = KindRules.precedence.map { ($0, votes[$0] ?? 0) }
        guard Double(voters) >= Double(firstTurns.count) / 4, let top = ranked.max(by: { a, b in
            a.1 != b.1 ? a.1 < b.1 : (KindRules.rank(a.0) > KindRules.rank(b.0))
        }), Double(top.1) >= Double(voters) / 4 else { return .other }
        switch top.0 {
        case .bugReport, .setupFriction:
            let ages = accountAges.sorted()
            if !ages.isEmpty, ages[(ages.count - 1) / 2] <= onboardingDays { return .setupFriction }
            return (votes[.bugReport] ?? 0) >= (votes[.setupFriction] ?? 0) ? .bugReport : .other
        default:
            return top.0
        }
    }

    /// The kind one message's phrases point to most, or nil when none matches.
    public func vote(_ text: String) -> IntentKind? {
        var scores: [IntentKind: Int] = [:]
        for match in KindRules.phrases.matches(PhraseIndex<IntentKind>.words(of: text)) { scores[match.tag, default: 0] += match.words }
        var best: (kind: IntentKind, score: Int)?
        for kind in KindRules.precedence {
            let score = scores[kind] ?? 0
            if score > 0, score > (best?.score ?? 0) { best = (kind, score) }
        }
        return best?.kind
    }

    static let phrases = PhraseIndex(lexicon.sorted { rank($0.key) < rank($1.key) }.flatMap { kind, phrases in phrases.map { ($0, kind) } })

    static let precedence: [IntentKind] = [.churnRisk, .other, .bugReport, .pricingConfusion, .featureRequest, .setupFriction]

    static func rank(_ kind: IntentKind) -> Int { precedence.firstIndex(of: kind) ?? precedence.count }

    /// Phrases (lower-case, apostrophes dropped, whole words) that say what a support message is
    /// about. General support English, not any one product's vocabulary.
    static let lexicon: [IntentKind: [String]] = [
        .churnRisk: [
            "cancel", "cancellation", "cancelling", "canceling", "close my account", "close our account", "delete my account",
            "delete our account", "delete the account", "end my subscription", "end our subscription", "unsubscribe", "switch to",
            "switching to", "moving to", "move to", "migrate away", "migrating away", "competitor", "competitors", "alternative",
            "alternatives", "downgrade", "downgrading", "not worth", "too expensive", "leave", "leaving", "terminate",
            "termination", "churn", "stop using", "stop paying",
        ],
        // What they pay or would pay. A plan named as context ("we're on the pro plan") is not a
        // question about price, so plan words count only inside a question about plans.
        .pricingConfusion: [
            "price", "prices", "pricing", "cost", "costs", "how much", "charge", "charged", "charges", "billing", "billed", "bill",
            "overage", "overages", "per month", "monthly", "annual", "yearly", "discount", "refund", "money back", "expensive",
            "cheaper", "quota", "quotas", "credit card", "payment", "paid for", "which plan", "what plan", "plan include",
            "plan includes", "difference between", "compare", "upgrade to", "extend", "extension", "trial ends", "trial expired",
            "trial expires", "limits on the free", "per seat", "usage based",
        ],
        .featureRequest: [
            "feature", "features", "would be nice", "would be great", "would love", "please add", "can you add", "could you add",
            "any plans", "plans to", "roadmap", "is there a way", "is it possible", "possible to", "do you have", "do you support",
            "do you offer", "support for", "any way to", "wish", "integration for", "integration with", "api to", "option to",
            "ability to", "need a way", "when will", "will you", "is there an", "custom", "let us", "allow us", "can we get",
            "can we have", "feature request", "need to be able", "not realistic", "official", "supported", "bulk",
            "automatically", "notify", "alert", "alerts", "integration", "sdk for", "any chance",
        ],
        .bugReport: [
            "error", "errors", "bug", "broken", "crash", "crashes", "crashing", "fails", "failing", "failed", "failure",
            "not working", "doesnt work", "does not work", "didnt work", "isnt working", "stopped working", "stopped", "started",
            "suddenly", "since", "anymore", "no longer", "500", "502", "503", "504", "5xx", "timeout", "timeouts", "timed out",
            "exception", "stack trace", "traceback", "wrong", "incorrect", "duplicate", "duplicates", "unexpected", "regression",
            "outage", "down", "invalid", "rejected", "401", "403", "404", "429", "slow", "late", "delayed", "not showing",
            "didnt apply", "didnt update", "not applied", "not updated", "not reflected", "still says", "still shows", "still on",
            "still not", "still getting", "still locked", "still limited", "still hitting", "wont load", "doesnt load", "breaks",
            "broke", "blocking",
        ],
        .setupFriction: [
            "how do i", "how to", "how can i", "how do we", "set up", "setup", "setting up", "configure", "configured",
            "configuring", "install", "installing", "installation", "getting started", "get started", "integrate", "integrating",
            "first time", "new to", "just signed up", "signed up", "sign up", "onboarding", "where do i", "where can i",
            "cant find", "enable", "quickstart", "tutorial", "docs", "documentation", "connect", "first", "just created",
            "just added", "new account", "cant get", "trying to",
        ],
        // Requests that are neither a problem nor a missing feature: a person, paperwork,
        // compliance, account administration.
        .other: [
            "human", "real person", "a person", "speak to", "talk to", "escalate", "manager", "security", "compliance", "soc 2",
            "soc2", "gdpr", "dpa", "hipaa", "pci", "audit", "vendor", "questionnaire", "invoice", "invoices", "receipt",
            "receipts", "vat", "tax", "ownership", "owner", "transfer", "remove a member", "remove a user", "export",
            "personal data", "delete my data", "delete our data", "data residency", "rotate", "revoke", "regenerate",
        ],
    ]
}
