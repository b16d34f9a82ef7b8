import ConvoBase
import ConvoTestSupport
import Foundation
import Testing

@Suite("convo blame")
struct BlameCLITests {
    static let retriesIntent = """
        id: webhook-retries
        title: Confused by webhook retries
        kind: bug-report
        status: open
        touches:
          - prompts/support.md#webhooks
        evidence:
          conversations: 12
          accounts: 11
          plans: {pro: 12}
          sample: [c_7a01, c_7a02]

        """

    /// Two proposals in a row, both editing `#webhooks`' own text, then a third commit editing a
    /// section nested in it.
    func repositoryWithTwoProposals() throws -> GovernedRepository {
        let repo = try GovernedRepository()
        try repo.write("intents/webhook-retries.intent", BlameCLITests.retriesIntent)
        try repo.commitAll("Add the webhook-retries intent")
        try repo.replace(webhooksLine, with: webhooksLine + " Check that webhooks are enabled first.", in: "prompts/support.md")
        let first = try repo.convo(["propose", "webhook-not-firing"])
        #expect(first.status == 0, "\(first)")
        try repo.replace("When a user says their webhook is not arriving", with: "When a user says a webhook is late or not arriving",
                         in: "prompts/support.md")
        let second = try repo.convo(["propose", "webhook-retries"])
        #expect(second.status == 0, "\(second)")
        try repo.replace("- Ordering is not guaranteed.", with: "- Ordering is never guaranteed.", in: "prompts/support.md")
        try repo.commitAll("Stress that ordering is never guaranteed\n\nIntent: webhook-retries")
        return repo
    }

    @Test func listsBothProposalsNewestFirstWithTheirIntentsAndConversations() throws {
        let repo = try repositoryWithTwoProposals()
        let result = try repo.convo(["blame", "prompts/support.md#webhooks", "--json"])
        #expect(result.status == 0, "\(result)")
        let json = try JSONParser.parse(result.stdout)
        let commits = try #require(json["commits"]?.arrayValue)
        let log = try repo.git(["log", "--format=%H", "-4"]).split(separator: "\n").map(String.init)
        #expect(commits.map { $0["commit"]?.stringValue ?? "" } == [log[0], log[1], log[2]] + [try repo.git(["rev-list", "--max-parents=0", "HEAD"])
            .trimmingCharacters(in: .whitespacesAndNewlines)])
        #expect(commits[0]["changes"] == .array([.object(["section": .string("prompts/support.md#webhooks/delivery-and-retries"),
                                                          "kind": .string("changed")])]))
        #expect(commits[1]["intents"] == .array([.string("webhook-retries")]))
        #expect(commits[1]["conversations"] == .array([.string("c_7a01"), .string("c_7a02")]))
        #expect(commits[2]["intents"] == .array([.string("webhook-not-firing")]))
        #expect(commits[2]["conversations"] == .array([.string("c_0a91"), .string("c_1f2e"), .string("c_8f2a")]))
        #expect(commits[2]["title"]?.stringValue == "Fix webhook not firing after setup (61 conversations, trial churn)")
        #expect(commits[2]["author"]?.stringValue == "Test Author <author@example.com>")
        #expect(commits[3]["changes"]?.arrayValue?.first?["kind"]?.stringValue == "added")

        let human = try repo.convo(["blame", "prompts/support.md#webhooks"])
        #expect(human.stdout.hasPrefix("prompts/support.md#webhooks: 4 commits, newest first\n"), "\(human)")
        #expect(human.stdout.contains("    intent: webhook-retries\n    conversations: c_7a01, c_7a02\n"))
        #expect(human.stdout.contains("    intent: webhook-not-firing\n    conversations: c_0a91, c_1f2e, c_8f2a\n"))
    }

    @Test func fileAndLineNamesTheInnermostSectionOnly() throws {
        let repo = try repositoryWithTwoProposals()
        let lines = try repo.read("prompts/support.md").components(separatedBy: "\n")
        let line = try #require(lines.firstIndex { $0.hasPrefix("When a user says a webhook is late") }) + 1
        let result = try repo.convo(["blame", "prompts/support.md:\(line)", "--json"])
        #expect(result.status == 0, "\(result)")
        let json = try JSONParser.parse(result.stdout)
        #expect(json["address"]?.stringValue == "prompts/support.md#webhooks")
        let intents = (json["commits"]?.arrayValue ?? []).map { $0["intents"]?.arrayValue?.first?.stringValue ?? "" }
        #expect(intents == ["webhook-retries", "webhook-not-firing", ""], "the nested edit is not listed for a line of #webhooks")

        // From a subdirectory, FILE is relative to it.
        let nested = try ConvoBinary.run(["blame", "support.md:\(line)", "--json"], in: repo.url.appendingPathComponent("prompts"),
                                         home: repo.scratch.url)
        #expect(try JSONParser.parse(nested.stdout)["address"]?.stringValue == "prompts/support.md#webhooks", "\(nested)")
    }

    @Test func aMergeIsListedOnlyForWhatItChangedItself() throws {
        let repo = try GovernedRepository()
        try repo.git(["checkout", "-q", "-b", "side"])
        try repo.replace(webhooksLine, with: webhooksLine + " Side edit.", in: "prompts/support.md")
        try repo.commitAll("Side edit\n\nIntent: webhook-not-firing")
        try repo.git(["checkout", "-q", "main"])
        try repo.replace("# Escalation\n", with: "# Escalation\n\nMain edit.\n", in: "prompts/support.md")
        try repo.commitAll("Main edit")
        try repo.git(["merge", "-q", "--no-ff", "--no-edit", "side"])
        let result = try repo.convo(["blame", "prompts/support.md#webhooks", "--json"])
        let titles = (try JSONParser.parse(result.stdout)["commits"]?.arrayValue ?? []).map { $0["title"]?.stringValue ?? "" }
        #expect(titles == ["Side edit", "Add the support agent's prompts"], "\(result)")
    }

    @Test func anUnknownSectionSuggestsTheNearestAddress() throws {
        let repo = try GovernedRepository(hook: false)
        let result = try repo.convo(["blame", "prompts/support.md#webhook"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("prompts/support.md has no section 'webhook' in HEAD"), "\(result)")
        #expect(result.stderr.contains("did you mean 'prompts/support.md#webhooks'?"))
    }
}
