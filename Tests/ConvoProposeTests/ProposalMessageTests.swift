import ConvoBase
import ConvoGit
import ConvoIntents
import ConvoSections
import ConvoTestSupport
import Foundation
@testable import ConvoPropose
import Testing

@Suite("ProposalMessage")
struct ProposalMessageTests {
    let redactor: Redactor

    init() throws {
        redactor = try Redactor()
    }

    func intent(title: String = "Webhook not firing after setup", kind: IntentKind = .setupFriction,
                evidence: Intent.Evidence? = nil, summary: String? = nil) -> Intent {
        Intent(id: "webhook-not-firing", title: title, kind: kind, summary: summary, evidence: evidence)
    }

    @Test func theTitleHasTheCountAndTheDominantCohort() {
        let churned = Intent.Evidence(conversations: 61, plans: ["pro": 13, "trial": 48], churned: 7)
        #expect(ProposalMessage.title(for: intent(evidence: churned), redactor: redactor)
                == "Fix webhook not firing after setup (61 conversations, trial churn)")
        let calm = Intent.Evidence(conversations: 1, plans: ["enterprise": 1])
        #expect(ProposalMessage.title(for: intent(title: "Plan limits", kind: .pricingConfusion, evidence: calm), redactor: redactor)
                == "Clarify plan limits (1 conversation, enterprise accounts)")
        let unknownPlans = Intent.Evidence(conversations: 9, plans: ["unknown": 9])
        #expect(ProposalMessage.title(for: intent(title: "API keys rejected", kind: .featureRequest, evidence: unknownPlans), redactor: redactor)
                == "Answer API keys rejected (9 conversations)")
        #expect(ProposalMessage.title(for: intent(kind: .other), redactor: redactor) == "Address webhook not firing after setup")
        let long = ProposalMessage.title(for: intent(title: String(repeating: "very long title ", count: 8), evidence: churned),
                                         redactor: redactor)
        #expect(long.count <= 72)
        #expect(long.hasSuffix("... (61 conversations, trial churn)"))
        #expect(ProposalMessage.title(for: intent(title: "Mail ops@relay-support.com\nnow"), redactor: redactor)
                == "Fix mail <email> now")
    }

    @Test func theBodyStatesThePatternAndEvidenceAndTheTrailersAreCapped() throws {
        let evidence = Intent.Evidence(conversations: 61, accounts: 54, firstSeen: Day(year: 2026, month: 11, day: 16),
                                       lastSeen: Day(year: 2026, month: 11, day: 22), plans: ["pro": 13, "trial": 48], churned: 7,
                                       sample: ["c_1", "c_2", "c_2", "c_3"])
        let message = try ProposalMessage.compose(
            intent: intent(evidence: evidence, summary: "Users write from jane@example.com.\n\nSecond paragraph.\n"),
            changes: [SectionChange(address: "prompts/support.md#webhooks", kind: .changed, startLine: 68, endLine: 84)],
            maxConversationTrailers: 2, churnWindowHours: 48, redactor: redactor)
        #expect(message == """
            Fix webhook not firing after setup (61 conversations, trial churn)

            Users write from <email>.

            Second paragraph.

            Evidence: 61 conversations from 54 accounts, 2026-11-16 to 2026-11-22.
            48 of 61 came from trial accounts (pro 13). 7 accounts churned within 48
            hours.

            Section changed:
            - prompts/support.md#webhooks (changed)

            Intent: webhook-not-firing
            Conversation-Id: c_1
            Conversation-Id: c_2

            """)
        #expect(message.split(separator: "\n").allSatisfy { $0.count <= 72 })
        let scratch = try ScratchDirectory()
        let parsed = try GitCLI.run(["interpret-trailers", "--parse"], in: scratch.url, stdin: message)
        #expect(parsed == "Intent: webhook-not-firing\nConversation-Id: c_1\nConversation-Id: c_2\n")
    }

    @Test func withoutEvidenceOrSummaryTheMessageIsTheTitleAndTrailers() throws {
        let message = try ProposalMessage.compose(intent: intent(), changes: [], maxConversationTrailers: 20, churnWindowHours: 48,
                                                  redactor: redactor)
        #expect(message == "Fix webhook not firing after setup\n\nIntent: webhook-not-firing\n")
    }

    @Test func wrapsWordsAndKeepsLongOnesWhole() {
        #expect(TextWrap.wrap("aaa bbb ccc", width: 7) == "aaa bbb\nccc")
        #expect(TextWrap.wrap("https://example.com/a/very/long/url here", width: 10) == "https://example.com/a/very/long/url\nhere")
        #expect(TextWrap.paragraphs("one\ntwo\n\n\nthree", width: 72) == ["one two", "three"])
    }

    @Test func aRemovedSectionIsLinkedThroughItsParent() {
        #expect(Proposer.parentAddress(of: "prompts/support.md#webhooks/retries") == "prompts/support.md#webhooks")
        #expect(Proposer.parentAddress(of: "prompts/harness.yaml#tools.search.description") == "prompts/harness.yaml#tools.search")
        #expect(Proposer.parentAddress(of: "prompts/support.md#webhooks") == "prompts/support.md")
    }
}

@Suite("PullRequestBody")
struct PullRequestBodyTests {
    @Test func firstUserTurnsFromTheStoreAreRedactedAndEscaped() throws {
        let redactor = try Redactor()
        let scratch = try ScratchDirectory(prefix: "convo-pr")
        try GitCLI.initRepository(at: scratch.url, files: ["prompts/a.md": "# A\n\nold\n"])
        let repository = try Repository.discover(from: scratch.path)
        let body = PullRequestBody(repository: repository, config: ConvoConfig(), redactor: redactor)
        var intent = Intent(id: "a", title: "A | B", kind: .other, summary: "Pattern.\n")
        intent.evidence = Intent.Evidence(conversations: 2, accounts: 2, plans: ["trial": 2], sample: ["c_1", "c_2"])
        let content = PullRequestContent(
            intent: intent, title: "Address a", branch: "convo/a",
            sections: [SectionTextChange(address: "prompts/a.md#a", kind: .changed, before: "# A\n\nold", after: "# A\n\nnew")],
            firstUserTurns: ["c_1": "my card 4111 1111 1111 1111 | fails\nagain"], stageCounts: ["onboarding": 2])
        let text = body.render(content)
        #expect(text.contains("| `c_1` | my card <card> \\| fails again |"), "\(text)")
        #expect(text.contains("| `c_2` | — |"))
        #expect(text.contains("| onboarding | 2 | 100% |"))
        #expect(text.contains("```diff\n # A\n \n-old\n+new\n```"))
        #expect(text.contains("Not ranked yet: run `convo rank`"))
        #expect(!text.contains("4111"))
    }
}
